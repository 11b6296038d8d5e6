// Jest loads its global hooks with Node's own loader, not ts-jest: they reach the TypeScript
// through tsx. Starts the run's DynamoDB Local and s3rver (once, however many projects ask).
import { tsImport } from 'tsx/esm/api';

export default async function globalSetup() {
  const { startSharedServices } = await tsImport('./services.ts', import.meta.url);
  await startSharedServices();
}
