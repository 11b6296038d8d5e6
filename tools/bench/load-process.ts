/**
 * Child-process entry of the load generator: runs each LoadSpec the bench sends over IPC and
 * answers with its result. A process of its own, so that signing and reading answers neither
 * delay the platform's event loop nor count in the platform's memory.
 */
import { runLoad, type LoadAnswer, type LoadRequest } from './load.js';

process.on('message', (message: LoadRequest) => {
  runLoad(message.spec).then(
    (result) => process.send?.({ phase: message.phase, result } satisfies LoadAnswer),
    (error: unknown) => process.send?.({ phase: message.phase, error: error instanceof Error ? error.message : String(error) } satisfies LoadAnswer),
  );
});
// The bench going away (or closing the channel) ends this process.
process.on('disconnect', () => process.exit(0));
