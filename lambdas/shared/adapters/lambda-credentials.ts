import { fromEnv } from '@aws-sdk/credential-provider-env';

/**
 * Bundled in place of `@aws-sdk/credential-provider-node` (the alias in
 * lib/constructs/recordal-function.ts): on Lambda the function's role credentials are always in
 * its environment, so the SDK clients' default provider is the environment provider alone,
 * without the rest of the chain (profiles, SSO, web identity, instance metadata) and the
 * nested STS/SSO clients it bundles (docs/benchmarks.md). Clients given explicit credentials
 * (the customer accounts' assumed roles) never call it. Local runs and tests are not bundled
 * and keep the SDK's whole chain.
 */
export const defaultProvider = (init?: Parameters<typeof fromEnv>[0]): ReturnType<typeof fromEnv> => fromEnv(init);
