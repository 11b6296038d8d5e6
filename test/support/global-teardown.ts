import { stopSharedServices } from './services';

/** Stops the run's DynamoDB Local and s3rver (the exit hooks kill the JVM if this never runs). */
export default async function globalTeardown(): Promise<void> {
  await stopSharedServices();
}
