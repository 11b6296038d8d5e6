import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CATEGORIES, identifiers, LANGUAGES, PROVINCES, provinceByCharacter, REGISTRARS } from '../../../lambdas/shared/domain/index.js';

const dataDir = join(import.meta.dirname, '../../../lambdas/shared/data');
const jsonFiles = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? jsonFiles(join(dir, e.name)) : e.name.endsWith('.json') ? [join(dir, e.name)] : [],
  );

describe('reference data files', () => {
  it.each(jsonFiles(dataDir).map((f) => [f.slice(dataDir.length + 1), f]))('%s names its source', (_name, file) => {
    const data = JSON.parse(readFileSync(file, 'utf8')) as { _source?: unknown };
    expect(typeof data._source).toBe('string');
    expect((data._source as string).length).toBeGreaterThan(20);
  });

  it('has the 31 mainland provinces, each with a distinct record-number character', () => {
    expect(PROVINCES).toHaveLength(31);
    const characters = PROVINCES.flatMap((p) => [p.character, ...(p.altCharacters ?? [])]);
    expect(new Set(characters).size).toBe(characters.length);
    expect(provinceByCharacter('宁')?.code).toBe('640000');
  });

  it('approves cn, 中国, com, net, org and new gTLDs', () => {
    for (const domain of ['a.cn', 'a.中国', 'a.com', 'a.net', 'a.org', 'a.top', 'a.xyz', 'a.公司']) {
      expect(identifiers.hasApprovedTld(identifiers.normaliseDomain(domain)!)).toBe(true);
    }
  });

  it('marks the categories of docs/design/rules.md that need pre-approval', () => {
    const needing = CATEGORIES.filter((c) => c.needsPreApproval).map((c) => c.id);
    expect(needing).toEqual(expect.arrayContaining(['NEWS', 'PUBLISHING', 'EDUCATION', 'DRUGS_MEDICAL_DEVICES', 'MEDICAL', 'CULTURE', 'AUDIOVISUAL', 'ONLINE_GAMES', 'RELIGION', 'INTERNET_FINANCE', 'RIDE_HAILING']));
    expect(CATEGORIES.find((c) => c.id === 'TRAVEL')?.needsPreApproval).toBe(false);
  });

  it('has unique registrar ids and language tags', () => {
    expect(new Set(REGISTRARS.map((r) => r.id)).size).toBe(REGISTRARS.length);
    expect(new Set(LANGUAGES.map((l) => l.tag.toLowerCase())).size).toBe(LANGUAGES.length);
  });

  it.each(['2025', '2026'])('the %s calendar: real dates of that year, holidays apart from working weekends that fall on weekends', (year) => {
    const calendar = JSON.parse(readFileSync(join(dataDir, 'calendar', `${year}.json`), 'utf8')) as { year: number; holidays: string[]; workingWeekends: string[] };
    expect(calendar.year).toBe(Number(year));
    for (const date of [...calendar.holidays, ...calendar.workingWeekends]) {
      expect(identifiers.isRealDate(date) && date.startsWith(year)).toBe(true);
    }
    for (const date of calendar.workingWeekends) expect([0, 6]).toContain(new Date(`${date}T00:00:00Z`).getUTCDay());
    expect(calendar.holidays.filter((d) => calendar.workingWeekends.includes(d))).toEqual([]);
  });
});
