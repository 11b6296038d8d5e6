// Stops the run's DynamoDB Local and s3rver (the exit hooks kill the JVM if this never runs).
// Loaded like global-setup.js; the services live on globalThis, so this finds setup's.
import { tsImport } from 'tsx/esm/api';

export default async function globalTeardown() {
  const { stopSharedServices } = await tsImport('./services.ts', import.meta.url);
  await stopSharedServices();
}
