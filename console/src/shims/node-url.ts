/**
 * The browser's stand-in for the one `node:url` function the shared domain modules use
 * (lambdas/shared/domain/reference-data.ts, identifiers.ts): a host name's ASCII (punycode)
 * form, or "" when it is not a valid host, as Node's `domainToASCII` answers.
 */
export function domainToASCII(domain: string): string {
  try {
    return new URL(`http://${domain}/`).hostname;
  } catch {
    return '';
  }
}
