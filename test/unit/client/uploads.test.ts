import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { RecordalApiError, TransportError, multipartForm, uploadToPresignedPost } from '../../../lib/client/index.js';
import { nodeHttpTransport } from '../../../lib/client/node/index.js';

interface Seen {
  method: string;
  target: string;
  headers: IncomingMessage['headers'];
  body: Buffer;
}

/** A server on loopback that records what arrives and answers with `answer`. */
async function recordingServer(answer: (seen: Seen) => { status: number; body?: string }) {
  const seen: Seen[] = [];
  const server: Server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const entry = { method: request.method ?? '', target: request.url ?? '', headers: request.headers, body: Buffer.concat(chunks) };
      seen.push(entry);
      const { status, body } = answer(entry);
      response.writeHead(status, { 'content-type': 'application/xml' }).end(body ?? '');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { seen, url, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

const FILE = { bytes: new Uint8Array(200_000).map((_, index) => index % 251), contentType: 'image/png', fileName: '图标 "1".png' };

describe('presigned-POST uploads', () => {
  it('builds the form a browser would: every field, then the file', async () => {
    const form = multipartForm({ key: 'uploads/f-1/APP_ICON/a-1', policy: 'cG9saWN5', 'Content-Type': 'image/png' }, FILE);
    const parsed = await new Response(form.body, { headers: { 'content-type': form.contentType } }).formData();
    expect(parsed.get('key')).toBe('uploads/f-1/APP_ICON/a-1');
    expect(parsed.get('Content-Type')).toBe('image/png');
    const file = parsed.get('file') as File;
    expect(file.name).toBe(FILE.fileName);
    expect(file.type).toBe('image/png');
    expect(new Uint8Array(await file.arrayBuffer())).toEqual(FILE.bytes);
  });

  it('sends the form through the node transport, reporting progress up to the whole body', async () => {
    const server = await recordingServer(() => ({ status: 204 }));
    const transport = nodeHttpTransport({ chunkBytes: 32 * 1024 });
    try {
      const reports: [number, number][] = [];
      await uploadToPresignedPost({ url: `${server.url}/bucket`, fields: { key: 'k' } }, FILE, { transport, onProgress: (sent, total) => reports.push([sent, total]) });
      const total = server.seen[0]!.body.length;
      expect(Number(server.seen[0]!.headers['content-length'])).toBe(total);
      expect(reports[0]).toEqual([0, total]);
      expect(reports.at(-1)).toEqual([total, total]);
      expect(reports.length).toBeGreaterThan(5);
      expect(reports.every(([sent], index) => index === 0 || sent > reports[index - 1]![0])).toBe(true);
    } finally {
      transport.close();
      await server.close();
    }
  });

  it('turns S3’s refusal into a RecordalApiError with S3’s code', async () => {
    const server = await recordingServer(() => ({ status: 400, body: '<Error><Code>EntityTooLarge</Code><Message>Your proposed upload exceeds the maximum allowed size</Message></Error>' }));
    const transport = nodeHttpTransport();
    try {
      const failure = await uploadToPresignedPost({ url: `${server.url}/bucket`, fields: {} }, FILE, { transport }).catch((error: unknown) => error);
      expect(failure).toBeInstanceOf(RecordalApiError);
      expect(failure).toMatchObject({ status: 400, code: 'EntityTooLarge', message: 'Your proposed upload exceeds the maximum allowed size' });
    } finally {
      transport.close();
      await server.close();
    }
  });
});

describe('the node:http transport', () => {
  it('puts a hostile request target on the wire exactly as written', async () => {
    const server = await recordingServer(() => ({ status: 404 }));
    const transport = nodeHttpTransport();
    try {
      const response = await transport({ method: 'PROPFIND', url: `${server.url}/v1/filings/../account/%2e%2E/x?a=1&a=2&%ZZ`, headers: { 'x-odd': 'a\tb' } });
      expect(response.status).toBe(404);
      expect(server.seen[0]).toMatchObject({ method: 'PROPFIND', target: '/v1/filings/../account/%2e%2E/x?a=1&a=2&%ZZ', headers: { 'x-odd': 'a\tb' } });
    } finally {
      transport.close();
      await server.close();
    }
  });

  it('reports a refused connection as a TransportError with its code', async () => {
    const server = await recordingServer(() => ({ status: 200 }));
    const url = server.url;
    await server.close();
    const transport = nodeHttpTransport();
    const failure = await transport({ method: 'GET', url: `${url}/v1/health`, headers: {} }).catch((error: unknown) => error);
    transport.close();
    expect(failure).toBeInstanceOf(TransportError);
    expect((failure as TransportError).code).toBe('ECONNREFUSED');
  });
});
