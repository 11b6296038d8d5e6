import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { consoleFile } from '../../../lib/local/console-files.js';

/** The local gateway's console files (docs/design/api.md "Web console"). */
describe('consoleFile', () => {
  let dist: string;
  beforeAll(() => {
    dist = mkdtempSync(join(tmpdir(), 'console-dist-'));
    mkdirSync(join(dist, 'assets'));
    writeFileSync(join(dist, 'index.html'), '<!doctype html>');
    writeFileSync(join(dist, 'assets', 'index-abc.js'), 'export {}');
    writeFileSync(join(tmpdir(), 'console-secret.txt'), 'secret');
  });
  afterAll(() => rmSync(dist, { recursive: true, force: true }));
  const body = (result: ReturnType<typeof consoleFile>) => Buffer.from(result?.body ?? '', 'base64').toString();

  it('leaves every other path to the API', () => {
    expect(consoleFile('GET', '/v1/health', 'r', dist)).toBeUndefined();
    expect(consoleFile('GET', '/consoles', 'r', dist)).toBeUndefined();
  });

  it('serves index.html for the folder and redirects /console to it', () => {
    expect(consoleFile('GET', '/console', 'r', dist)).toMatchObject({ statusCode: 301, headers: { location: '/console/' } });
    const index = consoleFile('GET', '/console/', 'r', dist);
    expect(index).toMatchObject({ statusCode: 200, headers: { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-cache' } });
    expect(body(index)).toBe('<!doctype html>');
  });

  it('serves hashed assets with their type, cached for good; HEAD without a body', () => {
    expect(consoleFile('GET', '/console/assets/index-abc.js', 'r', dist)).toMatchObject({ statusCode: 200, headers: { 'content-type': 'text/javascript; charset=utf-8', 'cache-control': 'public, max-age=31536000, immutable' } });
    expect(body(consoleFile('HEAD', '/console/assets/index-abc.js', 'r', dist))).toBe('');
  });

  it('answers 404 outside the build folder and for missing files, 405 for other methods', () => {
    for (const path of ['/console/../console-secret.txt', '/console/%2e%2e/console-secret.txt', '/console/assets', '/console/nope.js', '/console/%E0%A4%A']) {
      expect({ path, status: consoleFile('GET', path, 'r', dist)?.statusCode }).toEqual({ path, status: 404 });
    }
    expect(consoleFile('POST', '/console/', 'r', dist)).toMatchObject({ statusCode: 405, headers: { allow: 'GET, HEAD' } });
  });
});
