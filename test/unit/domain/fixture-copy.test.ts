import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

// The contract's example lives in ../shared/design beside the repo (present in development and
// CI); the repo keeps a copy so that it stands alone. They must not drift apart.
const designExample = join(__dirname, '../../../../shared/design/examples/filing-new.json');
const fixture = join(__dirname, '../../fixtures/filing-new.json');

if (existsSync(designExample)) {
  test('the fixture is the design example, unchanged', () => {
    expect(JSON.parse(readFileSync(fixture, 'utf8'))).toEqual(JSON.parse(readFileSync(designExample, 'utf8')));
  });
} else {
  test.todo('the fixture is the design example (../shared/design is not beside this checkout)');
}
