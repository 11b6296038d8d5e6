/**
 * Credentials in Node: a local identity (`--as customer-a`), or the AWS default provider chain
 * (environment, `--profile` / AWS_PROFILE in the shared config and credentials files, SSO,
 * `credential_process`, web identity, container and instance roles), which caches temporary
 * credentials and refreshes them before they expire.
 */
import { localIdentity, signingCredentials, LOCAL_IDENTITY_NAMES } from '../credentials.js';
import type { CredentialProvider, Credentials } from '../signer.js';

export interface IdentityChoice {
  /** A local identity's name (`customer-a`, `customer-b`, `reviewer`). */
  as?: string;
  /** A profile of the shared AWS config files. */
  profile?: string;
}

export class UnknownIdentityError extends Error {
  constructor(readonly identityName: string) {
    super(`no local identity "${identityName}" (one of ${LOCAL_IDENTITY_NAMES.join(', ')})`);
    this.name = 'UnknownIdentityError';
  }
}

export function nodeCredentials(choice: IdentityChoice = {}): Credentials | CredentialProvider {
  if (choice.as !== undefined) {
    const identity = localIdentity(choice.as);
    if (identity === undefined) throw new UnknownIdentityError(choice.as);
    return signingCredentials(identity);
  }
  // Loaded on first use: a command signing as a local identity does not pay for the SDK's chain.
  let chain: Promise<CredentialProvider> | undefined;
  return async () => {
    chain ??= import('@aws-sdk/credential-providers').then(({ fromNodeProviderChain }) => fromNodeProviderChain(choice.profile === undefined ? {} : { profile: choice.profile }));
    return (await chain)();
  };
}
