/** The Node-only parts of the client library: credentials, the raw node:http transport, files. */
export { nodeCredentials, UnknownIdentityError, type IdentityChoice } from './credentials.js';
export { nodeHttpTransport, splitUrl, type NodeTransport, type NodeTransportOptions } from './http-transport.js';
export { kindOfFileName, readUploadFile, sniffContentType, UNKNOWN_CONTENT_TYPE } from './files.js';
