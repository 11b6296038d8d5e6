import { RecordalApiError, RecordalClient, TransportError, UNKNOWN_CONTENT_TYPE } from '../../../lib/client/index.js';
import { parseResponseHeaders, uploadFileOf, xhrTransport, type XhrConstructor } from '../../../lib/client/browser/index.js';

type Handler = ((event: { loaded: number; total: number }) => void) | null;

/**
 * The part of XMLHttpRequest the transport uses, driven by the test: `script` decides what
 * happens once the request is sent (progress, an answer, a network error, or nothing).
 */
class FakeXhr {
  static sent: FakeXhr[] = [];
  static script: (xhr: FakeXhr) => void = () => undefined;
  method = '';
  url = '';
  headers: Record<string, string> = {};
  body: unknown;
  responseType = '';
  status = 0;
  response: unknown = null;
  responseHeaders = '';
  aborted = false;
  upload: { onprogress: Handler; onloadstart: Handler } = { onprogress: null, onloadstart: null };
  onload: (() => void) | null = null;
  onerror: (() => void) | null = null;
  onabort: (() => void) | null = null;

  open(method: string, url: string) {
    this.method = method;
    this.url = url;
  }
  setRequestHeader(name: string, value: string) {
    this.headers[name] = value;
  }
  getAllResponseHeaders() {
    return this.responseHeaders;
  }
  send(body: unknown) {
    this.body = body;
    FakeXhr.sent.push(this);
    FakeXhr.script(this);
  }
  abort() {
    this.aborted = true;
    this.onabort?.();
  }
  answer(status: number, body: string, headers = '') {
    this.status = status;
    this.response = new TextEncoder().encode(body).buffer;
    this.responseHeaders = headers;
    this.onload?.();
  }
}

const transport = () => xhrTransport(FakeXhr as unknown as XhrConstructor);

beforeEach(() => {
  FakeXhr.sent = [];
  FakeXhr.script = (xhr) => xhr.answer(200, '{}');
});

describe('the XMLHttpRequest transport', () => {
  it('sends method, URL, headers (not host) and body, and reads status, headers and bytes', async () => {
    FakeXhr.script = (xhr) => xhr.answer(201, '{"ok":true}', 'Content-Type: application/json\r\nX-Amzn-RequestId: r-1\r\nVary: a\r\nvary: b\r\n');
    const response = await transport()({ method: 'PUT', url: 'http://127.0.0.1:1/v1/account', headers: { host: '127.0.0.1:1', 'content-type': 'application/json' }, body: '{}' });
    const [xhr] = FakeXhr.sent;
    expect({ method: xhr!.method, url: xhr!.url, headers: xhr!.headers, body: xhr!.body, responseType: xhr!.responseType }).toEqual({
      method: 'PUT',
      url: 'http://127.0.0.1:1/v1/account',
      headers: { 'content-type': 'application/json' },
      body: '{}',
      responseType: 'arraybuffer',
    });
    expect(response.status).toBe(201);
    expect(response.headers).toEqual({ 'content-type': 'application/json', 'x-amzn-requestid': 'r-1', vary: 'a, b' });
    expect(new TextDecoder().decode(response.body)).toBe('{"ok":true}');
  });

  it('reports upload progress as the browser does', async () => {
    FakeXhr.script = (xhr) => {
      xhr.upload.onloadstart?.({ loaded: 0, total: 300 });
      xhr.upload.onprogress?.({ loaded: 100, total: 300 });
      xhr.upload.onprogress?.({ loaded: 300, total: 300 });
      xhr.answer(204, '');
    };
    const progress: Array<[number, number]> = [];
    await transport()({ method: 'POST', url: 'http://s3.local/bucket', headers: {}, body: new Uint8Array(300) }, { onUploadProgress: (sent, total) => progress.push([sent, total]) });
    expect(progress).toEqual([[0, 300], [100, 300], [300, 300]]);
  });

  it('turns a network error into a TransportError', async () => {
    FakeXhr.script = (xhr) => xhr.onerror?.();
    await expect(transport()({ method: 'GET', url: 'http://127.0.0.1:1/v1/health', headers: {} })).rejects.toBeInstanceOf(TransportError);
  });

  it('aborts the request when its signal fires, and never sends one already aborted', async () => {
    FakeXhr.script = () => undefined; // no answer: the upload hangs until aborted
    const controller = new AbortController();
    const pending = transport()({ method: 'POST', url: 'http://s3.local/bucket', headers: {}, body: 'x' }, { signal: controller.signal });
    controller.abort(new Error('cancelled by the customer'));
    const error = await pending.catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(TransportError);
    expect((error as TransportError).cause).toEqual(new Error('cancelled by the customer'));
    expect(FakeXhr.sent[0]!.aborted).toBe(true);

    await expect(transport()({ method: 'GET', url: 'http://127.0.0.1:1/', headers: {} }, { signal: controller.signal })).rejects.toBeInstanceOf(TransportError);
    expect(FakeXhr.sent).toHaveLength(1);
  });

  it('carries a signed client and its uploads: S3’s refusal comes back as S3 said it', async () => {
    FakeXhr.script = (xhr) =>
      xhr.url.endsWith('/attachments')
        ? xhr.answer(201, JSON.stringify({ url: 'http://s3.local/bucket', fields: { key: 'uploads/f-1/APP_ICON/a-1' } }))
        : xhr.answer(403, '<Error><Code>AccessDenied</Code><Message>Policy expired</Message></Error>');
    const client = new RecordalClient({ endpoint: 'http://127.0.0.1:1', credentials: { accessKeyId: 'AKIAEXAMPLE', secretAccessKey: 'secret' }, transport: transport() });
    const file = await uploadFileOf(new File([new Uint8Array([137, 80, 78, 71])], 'icon.png', { type: 'image/png' }));
    const error = await client.uploadAttachment('f-1', 'APP_ICON', file).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(RecordalApiError);
    expect((error as RecordalApiError).code).toBe('AccessDenied');
    const [ask, post] = FakeXhr.sent;
    expect(ask!.headers.authorization).toMatch(/^AWS4-HMAC-SHA256 Credential=AKIAEXAMPLE\/\d{8}\/cn-northwest-1\/execute-api\//);
    expect(JSON.parse(ask!.body as string)).toEqual({ kind: 'APP_ICON', contentType: 'image/png', fileName: 'icon.png' });
    expect(post!.headers.authorization).toBeUndefined();
    expect(post!.headers['content-type']).toMatch(/^multipart\/form-data; boundary=/);
  });
});

describe('picked files', () => {
  it('become the bytes, type and name an upload sends; an unknown type is said as such', async () => {
    expect(await uploadFileOf(new File(['%PDF-'], '承诺书.pdf', { type: 'application/pdf' }))).toEqual({
      bytes: new TextEncoder().encode('%PDF-'),
      contentType: 'application/pdf',
      fileName: '承诺书.pdf',
    });
    expect((await uploadFileOf(new File(['?'], 'x.bin'))).contentType).toBe(UNKNOWN_CONTENT_TYPE);
  });

  it('header lines are read whatever their line ends and spacing', () => {
    expect(parseResponseHeaders('A: 1\nb:2\r\n\r\nbad line\r\n')).toEqual({ a: '1', b: '2' });
  });
});
