/** The browser-only parts of the client library: XMLHttpRequest (upload progress), picked files. */
export { xhrTransport, parseResponseHeaders, type XhrConstructor, type XhrLike } from './xhr-transport.js';
export { uploadFileOf, type PickedFile } from './files.js';
