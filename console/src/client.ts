/**
 * The console's door to the API: the one client library (lib/client, the same the `recordal`
 * CLI uses), over XMLHttpRequest so that uploads report progress. Every call is SigV4-signed in
 * the browser with the session's credentials; nothing else leaves the browser.
 */
import { RecordalClient, type Credentials } from '../../lib/client/index.js';
import { xhrTransport } from '../../lib/client/browser/index.js';

export * from '../../lib/client/index.js';
export { uploadFileOf } from '../../lib/client/browser/index.js';

export const browserClient = (endpoint: string, credentials: Credentials): RecordalClient => new RecordalClient({ endpoint, credentials, transport: xhrTransport() });
