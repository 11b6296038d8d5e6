import { startSharedServices } from './services';

/** Starts the run's DynamoDB Local and s3rver (once, however many projects ask). */
export default async function globalSetup(): Promise<void> {
  await startSharedServices();
}
