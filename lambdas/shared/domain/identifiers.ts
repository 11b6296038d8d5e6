/**
 * Identifiers and formats (docs/design/rules.md): each a pure predicate or normaliser, with the standard
 * it follows. The rules modules decide which field each applies to and which code it yields.
 */
import { createPublicKey } from 'node:crypto';
import { BlockList, isIPv4, isIPv6 } from 'node:net';
import { domainToASCII } from 'node:url';
import { canonicalEmail, hasInvisibleCharacter } from './comparable.js';
import { isApprovedTld, isIdCardRegionPrefix } from './reference-data.js';
import { RULE_LIMITS } from './limits.js';

// ---------------------------------------------------------------- dates

/** A real calendar date written `YYYY-MM-DD`. */
export function isRealDate(value: string): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!match) return false;
  const [, y, m, d] = match.map(Number) as [number, number, number, number];
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}

/** `YYYY-MM-DD` plus whole months, the day clamped to the month's end (2026-11-30 + 3 → 2027-02-28). */
export function addMonths(date: string, months: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const first = new Date(Date.UTC(y, m - 1 + months, 1));
  const lastDay = new Date(Date.UTC(first.getUTCFullYear(), first.getUTCMonth() + 1, 0)).getUTCDate();
  first.setUTCDate(Math.min(d, lastDay));
  return first.toISOString().slice(0, 10);
}

// ---------------------------------------------------------------- resident ID (GB 11643-1999)

const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const ID_CHECK = '10X98765432';

/** The GB 11643 check character of the first 17 digits. */
export function idCardCheckCharacter(first17: string): string {
  const sum = [...first17].reduce((s, c, i) => s + Number(c) * ID_WEIGHTS[i]!, 0);
  return ID_CHECK[sum % 11]!;
}

/**
 * An 18-character resident ID number: region prefix, real birth date (not after `today` when
 * given) and check character. Expects the normalised form (upper-case `X`).
 */
export function isResidentIdNumber(value: string, today?: string): boolean {
  if (!/^\d{17}[\dX]$/.test(value)) return false;
  if (!isIdCardRegionPrefix(value.slice(0, 2))) return false;
  const birth = `${value.slice(6, 10)}-${value.slice(10, 12)}-${value.slice(12, 14)}`;
  if (!isRealDate(birth) || birth < '1900-01-01') return false;
  if (today !== undefined && birth > today) return false;
  return idCardCheckCharacter(value.slice(0, 17)) === value[17];
}

// ---------------------------------------------------------------- USCC (GB 32100-2015) and organisation code (GB 11714)

export const USCC_ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const USCC_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
const ORG_WEIGHTS = [3, 7, 9, 10, 5, 8, 4, 2];

/** The GB 32100 check character of a code's first 17 characters (`0` when the sum is ≡ 0 mod 31). */
export function usccCheckCharacter(first17: string): string {
  const sum = [...first17].reduce((s, c, i) => s + USCC_ALPHABET.indexOf(c) * USCC_WEIGHTS[i]!, 0);
  return USCC_ALPHABET[(31 - (sum % 31)) % 31]!;
}

/** The GB 11714 check character of an organisation code's first 8 characters. */
export function organizationCodeCheckCharacter(first8: string): string {
  const sum = [...first8].reduce((s, c, i) => s + parseInt(c, 36) * ORG_WEIGHTS[i]!, 0);
  const check = 11 - (sum % 11);
  return check === 10 ? 'X' : check === 11 ? '0' : String(check);
}

/** A 9-character organisation code (GB 11714) with a correct check character. */
export function isOrganizationCode(value: string): boolean {
  return /^[0-9A-Z]{8}[0-9X]$/.test(value) && organizationCodeCheckCharacter(value.slice(0, 8)) === value[8];
}

/** An 18-character Unified Social Credit Code: alphabet, embedded organisation code, check character. */
export function isUscc(value: string): boolean {
  if (!/^[0-9A-HJ-NPQRTUWXY]{18}$/.test(value)) return false;
  if (!isOrganizationCode(value.slice(8, 17))) return false;
  return usccCheckCharacter(value.slice(0, 17)) === value[17];
}

// ---------------------------------------------------------------- contact

/** `+86` (with or without a space or hyphen after it) removed; nothing else changed. */
export const normaliseMobile = (value: string): string => value.replace(/^\+86[\s-]?/, '');

/** A mainland mobile number, normalised: 11 digits `1[3-9]\d{9}`. */
export const isMainlandMobile = (value: string): boolean => /^1[3-9]\d{9}$/.test(value);

/**
 * A syntactically valid address (dot-atom local part, host-name domain), at most 254
 * characters, with no invisible (Cf) character and no space anywhere: the IDNA mapping would
 * silently drop a soft hyphen or zero-width space, so they are refused before it runs.
 */
export function isEmailAddress(value: string): boolean {
  if (value.length > RULE_LIMITS.emailMax || hasInvisibleCharacter(value) || /\s/u.test(value)) return false;
  const at = value.lastIndexOf('@');
  if (at < 1) return false;
  const local = value.slice(0, at);
  // The domain is checked in its IDNA form (`。` is a dot, an IDN is punycode).
  const domain = canonicalEmail(value)?.slice(local.length + 1) ?? '';
  if (local.length > 64 || !/^[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*$/.test(local)) return false;
  const labels = domain.split('.');
  return labels.length >= 2 && labels.every(isHostLabel) && /^[a-z]{2,63}$|^xn--[a-z0-9-]+$/i.test(labels.at(-1)!);
}

/** The stored form of a valid address: its canonical form (IDNA domain, lower case); others as sent. */
export const normaliseEmail = (value: string): string => (isEmailAddress(value) ? (canonicalEmail(value) ?? value) : value);

// ---------------------------------------------------------------- domains

const isHostLabel = (label: string): boolean => /^(?!-)[a-z0-9-]{1,63}(?<!-)$/i.test(label);

/**
 * The ASCII (punycode, lower-case) form of a host name, or undefined when it is not one:
 * internationalised names are converted; a scheme, port, path, `@` or space is refused.
 */
export function normaliseDomain(value: string): string | undefined {
  if (value === '' || /[\s/:?#@\\[\]]/.test(value) || value.endsWith('.')) return undefined;
  const ascii = domainToASCII(value.toLowerCase());
  if (ascii === '' || ascii.length > 253) return undefined;
  const labels = ascii.split('.');
  if (labels.length < 2 || !labels.every(isHostLabel)) return undefined;
  return ascii;
}

/** Number of labels: `a.b.example.cn` is a fourth-level domain. */
export const domainLevel = (asciiDomain: string): number => asciiDomain.split('.').length;

export const topLevelDomain = (asciiDomain: string): string => asciiDomain.split('.').at(-1)!;

export const hasApprovedTld = (asciiDomain: string): boolean => isApprovedTld(topLevelDomain(asciiDomain));

// ---------------------------------------------------------------- IP addresses

/** Ranges that are not public unicast addresses (IANA special-purpose registries, RFC 6890). */
const NON_PUBLIC = (() => {
  const list = new BlockList();
  const v4: [string, number][] = [
    ['0.0.0.0', 8], // "this network"
    ['10.0.0.0', 8], // private
    ['100.64.0.0', 10], // shared address space (CGNAT)
    ['127.0.0.0', 8], // loopback
    ['169.254.0.0', 16], // link-local
    ['172.16.0.0', 12], // private
    ['192.0.0.0', 24], // IETF protocol assignments
    ['192.0.2.0', 24], // documentation TEST-NET-1
    ['192.88.99.0', 24], // 6to4 relay anycast (deprecated)
    ['192.168.0.0', 16], // private
    ['198.18.0.0', 15], // benchmarking
    ['198.51.100.0', 24], // documentation TEST-NET-2
    ['203.0.113.0', 24], // documentation TEST-NET-3
    ['224.0.0.0', 4], // multicast
    ['240.0.0.0', 4], // reserved, and the broadcast address
  ];
  for (const [net, prefix] of v4) list.addSubnet(net, prefix, 'ipv4');
  const v6: [string, number][] = [
    ['2001::', 23], // IETF protocol assignments (Teredo, ORCHID, benchmarking …)
    ['2001:db8::', 32], // documentation
    ['2002::', 16], // 6to4
    ['3fff::', 20], // documentation (RFC 9637)
  ];
  for (const [net, prefix] of v6) list.addSubnet(net, prefix, 'ipv6');
  return list;
})();
const GLOBAL_UNICAST_V6 = (() => {
  const list = new BlockList();
  list.addSubnet('2000::', 3, 'ipv6');
  return list;
})();

/** A public IPv4 or IPv6 unicast address (private, loopback, link-local, CGNAT, multicast, documentation and reserved refused). */
export function isPublicIp(value: string): boolean {
  if (isIPv4(value)) return !NON_PUBLIC.check(value, 'ipv4');
  if (isIPv6(value)) return GLOBAL_UNICAST_V6.check(value, 'ipv6') && !NON_PUBLIC.check(value, 'ipv6');
  return false;
}

// ---------------------------------------------------------------- AWS

/** The account of an `arn:aws-cn:iam::<account>:role/[path/]name` ARN, or undefined. */
export function roleArnAccount(value: string): string | undefined {
  const match = /^arn:aws-cn:iam::(\d{12}):role\/(?:[\w+=,.@-]+\/)*[\w+=,.@-]{1,64}$/.exec(value);
  return match?.[1];
}

export const isAwsAccountId = (value: string): boolean => /^\d{12}$/.test(value);

export const isSecurityGroupId = (value: string): boolean => /^sg-(?:[0-9a-f]{8}|[0-9a-f]{17})$/.test(value);

// ---------------------------------------------------------------- APP signing

/** Colons and spaces removed, lower case: `4F:3C:…` and `4f3c…` are the same digest. */
export const normaliseDigest = (value: string): string => value.replace(/[:\s]/g, '').toLowerCase();

/** A digest of `hexLength` hex digits (after normalisation). */
export const isHexDigest = (value: string, hexLength: number): boolean => new RegExp(`^[0-9a-f]{${hexLength}}$`).test(value);

/** Hex or base64 of a DER SubjectPublicKeyInfo that `node:crypto` parses. */
export function isDerPublicKey(value: string): boolean {
  const compact = value.replace(/\s+/g, '');
  let der: Buffer;
  if (/^(?:[0-9a-fA-F]{2})+$/.test(compact)) der = Buffer.from(compact, 'hex');
  else if (/^[A-Za-z0-9+/]+={0,2}$/.test(compact) && compact.length % 4 === 0) der = Buffer.from(compact, 'base64');
  else return false;
  try {
    createPublicKey({ key: der, format: 'der', type: 'spki' });
    return true;
  } catch {
    return false;
  }
}

/** Java-style package name: ≥ 2 segments, each `[A-Za-z][A-Za-z0-9_]*`, ≤ 255 characters. */
export const isJavaPackageName = (value: string): boolean =>
  value.length <= RULE_LIMITS.packageNameMax && /^[A-Za-z][A-Za-z0-9_]*(\.[A-Za-z][A-Za-z0-9_]*)+$/.test(value);

/** iOS bundle id: reverse-DNS `[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)+`, ≤ 155 characters. */
export const isBundleId = (value: string): boolean => value.length <= RULE_LIMITS.bundleIdMax && /^[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)+$/.test(value);

// ---------------------------------------------------------------- text

const PICTOGRAPHIC = /[\p{Extended_Pictographic}\u{1F1E6}-\u{1F1FF}\u{FE0F}\u{20E3}]/u;
/** Characters (code points), not UTF-16 units. */
export const textLength = (value: string): number => [...value].length;
export const hasEmoji = (value: string): boolean => PICTOGRAPHIC.test(value);
export const hasOuterSpace = (value: string): boolean => value !== value.trim();

/** A name of `min`–`max` characters, without emoji, invisible (Cf) characters, or leading or trailing space. */
export const isCleanName = (value: string, min: number, max: number): boolean =>
  textLength(value) >= min && textLength(value) <= max && !hasEmoji(value) && !hasOuterSpace(value) && !hasInvisibleCharacter(value);

/** 4–50 printable characters (no control characters, no leading or trailing space). */
export const isPrintableCertificateNumber = (value: string): boolean =>
  textLength(value) >= RULE_LIMITS.certificateNumberMin && textLength(value) <= RULE_LIMITS.certificateNumberMax && !/\p{C}/u.test(value) && !hasOuterSpace(value);
