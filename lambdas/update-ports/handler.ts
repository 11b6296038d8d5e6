// Placeholder so the CDK app bundles every function of lambdas/catalog.ts; the owner of
// this function replaces the file with the real handler.
export async function handler(_event: unknown): Promise<never> {
  throw new Error('not implemented');
}
