/**
 * Choices of the filing's enumerated fields, from the domain's own lists (lambdas/shared/domain):
 * the console never keeps a copy of a value the API checks. Labels come in the reader's language.
 */
import { CATEGORIES, LANGUAGES, PROVINCES, REGISTRARS } from '../../../lambdas/shared/domain/reference-data.js';
import { CERTIFICATE_TYPES, ENTITY_KINDS, ID_TYPES, PLATFORM_OSES } from '../../../lambdas/shared/domain/schemas.js';
import type { Language } from '../i18n/language.js';
import type { StringKey } from '../i18n/strings.js';
import type { Option } from './fields.js';

type Translate = (key: StringKey) => string;

export interface Choices {
  entityKinds: Option[];
  certificateTypes: Option[];
  idTypes: Option[];
  oses: Option[];
  provinces: Option[];
  categories: Option[];
  languages: Option[];
  registrars: Option[];
}

const translated = (values: readonly string[], prefix: string, t: Translate): Option[] => values.map((value) => ({ value, label: t(`${prefix}.${value}` as StringKey) }));

export function choices(t: Translate, language: Language): Choices {
  const named = (item: { name: string; nameEn?: string }) => (language === 'zh' ? item.name : (item.nameEn ?? item.name));
  return {
    entityKinds: translated(ENTITY_KINDS, 'entityKind', t),
    certificateTypes: translated(CERTIFICATE_TYPES, 'certificateType', t),
    idTypes: translated(ID_TYPES, 'idType', t),
    oses: PLATFORM_OSES.map((value) => ({ value, label: value })),
    provinces: PROVINCES.map((province) => ({ value: province.code, label: `${named(province)} (${province.code})` })),
    categories: CATEGORIES.map((category) => ({ value: category.id, label: named(category) })),
    languages: LANGUAGES.map((entry) => ({ value: entry.tag, label: named(entry) })),
    registrars: REGISTRARS.map((registrar) => ({ value: registrar.id, label: registrar.name })),
  };
}
