import type { CliIo } from '../../../lib/cli/io.js';
import { progressBar } from '../../../lib/cli/progress.js';

const ioOn = (stderrIsTty: boolean) => {
  const written: string[] = [];
  const io = { stderr: (text: string) => void written.push(text), stderrIsTty } as unknown as CliIo;
  return { io, written };
};

describe('the upload progress bar', () => {
  it('redraws one line on a terminal, once per percent, and ends it', () => {
    const { io, written } = ioOn(true);
    const bar = progressBar(io, 'APP_ICON icon.png')!;
    for (const sent of [0, 512, 513, 1024, 2048]) bar.update(sent, 2048);
    bar.done();
    expect(written).toEqual([
      '\rAPP_ICON icon.png [..............................]   0% 0.0 KiB/2.0 KiB',
      '\rAPP_ICON icon.png [########......................]  25% 0.5 KiB/2.0 KiB',
      '\rAPP_ICON icon.png [###############...............]  50% 1.0 KiB/2.0 KiB',
      '\rAPP_ICON icon.png [##############################] 100% 2.0 KiB/2.0 KiB',
      '\n',
    ]);
  });

  it('draws nothing when stderr is not a terminal', () => {
    expect(progressBar(ioOn(false).io, 'x')).toBeUndefined();
  });
});
