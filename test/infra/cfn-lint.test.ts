// Deployment proof without an account: cfn-lint, with the resource specifications of
// cn-northwest-1, finds no error in any template the app synthesizes (the platform's stacks in
// their default and disposable settings, and the customer template the provider publishes).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { customerAccessTemplate } from '../../lib/customer-access-stack.js';
import { synthesizeApp, type SynthesizedApp } from './synth.js';

interface Finding {
  Level: 'Error' | 'Warning' | 'Informational';
  Rule: { Id: string };
  Message: string;
  Filename: string;
}

const CFN_LINT = process.env.CFN_LINT ?? 'cfn-lint';
const assemblies: SynthesizedApp[] = [];
let scratch: string;

beforeAll(() => {
  scratch = mkdtempSync(join(tmpdir(), 'recordal-cfn-lint-'));
  assemblies.push(synthesizeApp({ account: '123456789012' }));
  assemblies.push(
    synthesizeApp({
      account: '123456789012',
      context: { retainData: false, publicRoutesRequireIam: true, reviewerEmails: ['li.lei@example.cn'], alarmEmail: 'ops@example.cn' },
    }),
  );
}, 600_000);

afterAll(() => {
  for (const assembly of assemblies) assembly.dispose();
  rmSync(scratch, { recursive: true, force: true });
});

function templateFiles(): string[] {
  const files = assemblies.flatMap((assembly) => Object.keys(assembly.templates).map((stack) => join(assembly.outdir, `${stack}.template.json`)));
  const customer = join(scratch, 'customer-access-role.template.json');
  writeFileSync(customer, JSON.stringify(customerAccessTemplate('123456789012')));
  return [...files, customer];
}

describe('cfn-lint --regions cn-northwest-1', () => {
  it('finds no error in any synthesized template', () => {
    const files = templateFiles();
    expect(files.length).toBe(9);
    const run = spawnSync(CFN_LINT, ['--regions', 'cn-northwest-1', '--format', 'json', '--', ...files], { encoding: 'utf8', timeout: 540_000 });
    if (run.error) throw new Error(`${CFN_LINT} did not run (${run.error.message}): install it with pip install cfn-lint (.ci/run does)`);
    const findings = JSON.parse(run.stdout) as Finding[];
    const errors = findings.filter((finding) => finding.Level === 'Error').map((f) => `${f.Rule.Id} ${f.Filename}: ${f.Message}`);
    expect(errors).toEqual([]);
    // Exit status bits: 1 cfn-lint itself failed, 2 errors, 4 warnings, 8 informational.
    expect({ failedOrErrors: (run.status ?? 1) & 0b11, stderr: run.stderr }).toEqual({ failedOrErrors: 0, stderr: '' });
  }, 600_000);
});
