/** An upload's progress bar, redrawn in place on stderr; drawn only when stderr is a terminal. */
import type { CliIo } from './io.js';

export interface Progress {
  update: (sent: number, total: number) => void;
  /** Ends the bar's line. */
  done: () => void;
}

const WIDTH = 30;

const kib = (bytes: number) => `${(bytes / 1024).toFixed(bytes < 10 * 1024 ? 1 : 0)} KiB`;

export function progressBar(io: CliIo, label: string): Progress | undefined {
  if (!io.stderrIsTty) return undefined;
  let drawn = -1;
  return {
    update: (sent, total) => {
      const fraction = total === 0 ? 1 : Math.min(1, sent / total);
      const percent = Math.floor(fraction * 100);
      if (percent === drawn) return;
      drawn = percent;
      const filled = Math.round(fraction * WIDTH);
      io.stderr(`\r${label} [${'#'.repeat(filled)}${'.'.repeat(WIDTH - filled)}] ${String(percent).padStart(3)}% ${kib(sent)}/${kib(total)}`);
    },
    done: () => {
      if (drawn >= 0) io.stderr('\n');
    },
  };
}
