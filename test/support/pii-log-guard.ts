/**
 * Run after the environment of every e2e test file (jest.config.js): the logs of the whole e2e
 * suite are captured at DEBUG level and searched for personal data (docs/security.md "What the
 * logs never show"): the example filing's ID numbers, mobiles and emails, and anything shaped
 * like an unmasked resident ID number or email address. Powertools' INFO and DEBUG lines are
 * kept from the terminal (they would bury jest's report); everything else is passed through.
 */
import { exampleFiling } from '../../tools/demo/fixtures.js';
import { captureOutput } from './captured-output.js';

process.env.POWERTOOLS_LOG_LEVEL = 'DEBUG';

// Powertools' INFO and DEBUG lines would bury jest's report: captured, not shown.
const output = captureOutput({ show: (text) => !/^\{"level":"(?:DEBUG|INFO)"/.test(text), console: true });

type Person = { idNumber: string; mobile: string; emergencyMobile: string; email: string };
const example = exampleFiling() as unknown as { entityPrincipal: Person; app: { principal: Person } };
const KNOWN = [example.entityPrincipal, example.app.principal].flatMap((p) => [p.idNumber, p.mobile, p.emergencyMobile, p.email]);
const UNMASKED_ID = /(?<![\dA-Za-z])\d{6}(?:19|20)\d{2}[01]\d[0-3]\d\d{3}[\dXx](?![\dA-Za-z])/;
const UNMASKED_EMAIL = /[A-Za-z0-9._%+-]{2,}@[A-Za-z0-9-]+\.[A-Za-z]{2,}/;

afterAll(() => {
  output.restore();
  const log = output.lines.join('\n');
  expect(KNOWN.filter((value) => log.includes(value))).toEqual([]);
  expect(log.match(UNMASKED_ID)?.[0]).toBeUndefined();
  expect(log.match(UNMASKED_EMAIL)?.[0]).toBeUndefined();
});
