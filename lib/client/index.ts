/**
 * The one client library of the recordal API (browser-safe: the web console imports it too).
 * Node-only parts (the AWS default credential chain, a raw node:http transport, files) are in
 * ./node/index.js; browser-only ones (an XMLHttpRequest transport with upload progress, picked
 * files) in ./browser/index.js.
 */
export { RecordalClient } from './recordal-client.js';
export type * from './recordal-client.js';
export { SignedHttpClient, type ApiRequest, type ApiResponse, type ClientOptions, type QueryValue, type RequestOptions } from './http-client.js';
export { RequestSigner, API_REGION, API_SERVICE, queryOf, type Credentials, type CredentialProvider, type SignerOptions } from './signer.js';
export { fetchTransport, TransportError, headerRecord, type HttpRequest, type HttpResponse, type Transport, type TransportOptions } from './transport.js';
export { RecordalApiError, parseErrorBody, type Problem, type ErrorFields } from './errors.js';
export { DEFAULT_RETRY_POLICY, backoffMs, retryAfterMs, safeToRepeat, sleep, type RetryPolicy } from './retry.js';
export { pages, paginate, collect, type Page, type PageFetcher, type PagingOptions } from './paging.js';
export { multipartForm, uploadToPresignedPost, UNKNOWN_CONTENT_TYPE, type PresignedPost, type UploadFile, type UploadOptions } from './uploads.js';
export { LOCAL_IDENTITY_NAMES, localIdentity, localIdentityName, signingCredentials, type LocalIdentity } from './credentials.js';
export { languageOf, messagesIn, type Language } from './language.js';
export { CALLBACK_STATUSES, WAITING_STATUSES, StatusFollower, restsAt, watchFiling, type StatusChange, type WatchOptions, type WatchOutcome } from './watch.js';
