/**
 * Whom the client signs as. Locally, one of the fixed identities of docs/design/api.md
 * ("Local identities", kept in lib/local/credentials.ts) picked by a short name
 * (`customer-a`, `customer-b`, `reviewer`); deployed, whatever the AWS default provider chain
 * finds (./node/credentials.js). Browser-safe.
 */
import { LOCAL_IDENTITIES, signingCredentials, type LocalIdentity } from '../local/credentials.js';

export { signingCredentials, type LocalIdentity };

/** `customer A` → `customer-a`: the name `--as` takes. */
export const localIdentityName = (identity: LocalIdentity): string => identity.name.toLowerCase().replace(/\s+/g, '-');

export const LOCAL_IDENTITY_NAMES: readonly string[] = LOCAL_IDENTITIES.map(localIdentityName);

/** The local identity of that name, or undefined. */
export function localIdentity(name: string): LocalIdentity | undefined {
  return LOCAL_IDENTITIES.find((identity) => localIdentityName(identity) === name.trim().toLowerCase());
}
