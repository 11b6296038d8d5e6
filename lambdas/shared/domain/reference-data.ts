/**
 * The project's reference data (lambdas/shared/data, each file naming its source), indexed
 * for the rules. Nothing else reads those files.
 */
import { domainToASCII } from 'node:url';
import provincesFile from '../data/provinces.json' with { type: 'json' };
import tldsFile from '../data/tlds.json' with { type: 'json' };
import registrarsFile from '../data/registrars.json' with { type: 'json' };
import categoriesFile from '../data/categories.json' with { type: 'json' };
import languagesFile from '../data/languages.json' with { type: 'json' };

export interface Province {
  code: string;
  name: string;
  nameEn: string;
  character: string;
  altCharacters?: string[];
}

export const PROVINCES: readonly Province[] = provincesFile.provinces;
const provincesByCode = new Map(PROVINCES.map((p) => [p.code, p]));

/** The GB/T 2260 province-level division of a code such as `640000`. */
export const provinceByCode = (code: string): Province | undefined => provincesByCode.get(code);

/** Provinces this provider does not serve (guide, Fourth 2). */
export const isProvinceUnsupported = (code: string): boolean => provincesFile.unsupportedForFiling.codes.includes(code);

/** The province a record-number character stands for (current and older forms). */
export function provinceByCharacter(character: string): Province | undefined {
  return PROVINCES.find((p) => p.character === character || (p.altCharacters ?? []).includes(character));
}

const idCardPrefixes = new Set([...PROVINCES.map((p) => p.code.slice(0, 2)), ...provincesFile.otherIdCardPrefixes.prefixes]);
/** Whether the first two digits of a resident ID number are a GB/T 2260 region. */
export const isIdCardRegionPrefix = (prefix: string): boolean => idCardPrefixes.has(prefix);

/** Approved TLDs, in punycode (so `中国` is `xn--fiqs8s`). */
const approvedTlds = new Set(tldsFile.tlds.map((tld) => domainToASCII(tld)));
export const isApprovedTld = (asciiTld: string): boolean => approvedTlds.has(asciiTld.toLowerCase());

export interface Registrar {
  id: string;
  name: string;
  website: string;
}
export const REGISTRARS: readonly Registrar[] = registrarsFile.registrars;
const registrarIds = new Set(REGISTRARS.map((r) => r.id));
export const isApprovedRegistrar = (id: string): boolean => registrarIds.has(id);

export interface Category {
  id: string;
  name: string;
  nameEn: string;
  needsPreApproval: boolean;
  issuer?: string;
}
export const CATEGORIES: readonly Category[] = categoriesFile.categories;
const categoriesById = new Map(CATEGORIES.map((c) => [c.id, c]));
export const categoryById = (id: string): Category | undefined => categoriesById.get(id);

export interface Language {
  tag: string;
  name: string;
  nameEn: string;
}
export const LANGUAGES: readonly Language[] = languagesFile.languages;
const languagesByLowerTag = new Map(LANGUAGES.map((l) => [l.tag.toLowerCase(), l]));
/** The listed language of a BCP 47 tag (tags compare case-insensitively). */
export const languageByTag = (tag: string): Language | undefined => languagesByLowerTag.get(tag.toLowerCase());
