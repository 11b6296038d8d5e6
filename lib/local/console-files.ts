/**
 * The web console's static files under `/console/` (docs/design/api.md "Web console"), as the
 * deployed API serves them from their bucket: no auth, `index.html` for the folder, the built
 * assets by name (content-hashed, so cached for good), nothing outside the build folder.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { extname, join, normalize, sep } from 'node:path';
import type { APIGatewayProxyResult } from 'aws-lambda';
import { HttpError, errorBody } from '../../lambdas/shared/http/errors.js';
import { json } from '../../lambdas/shared/http/response.js';

/** `console/dist`, where `npm run console:build` (vite build) writes. */
export const CONSOLE_DIST = join(import.meta.dirname, '..', '..', 'console', 'dist');
export const CONSOLE_PREFIX = '/console';

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.ico': 'image/x-icon',
};

export const isConsolePath = (path: string): boolean => path === CONSOLE_PREFIX || path.startsWith(`${CONSOLE_PREFIX}/`);

/** The answer to `GET`/`HEAD` of a console path, or undefined when the path is not the console's. */
export function consoleFile(method: string, path: string, requestId: string, dist: string = CONSOLE_DIST): APIGatewayProxyResult | undefined {
  if (!isConsolePath(path)) return undefined;
  if (method !== 'GET' && method !== 'HEAD') {
    return { ...json(405, errorBody(new HttpError(405), requestId)), headers: { 'content-type': 'application/json; charset=utf-8', allow: 'GET, HEAD' } };
  }
  if (path === CONSOLE_PREFIX) return { statusCode: 301, headers: { location: `${CONSOLE_PREFIX}/` }, body: '' };
  let relative: string;
  try {
    relative = decodeURIComponent(path.slice(CONSOLE_PREFIX.length + 1)) || 'index.html';
  } catch {
    relative = '\0';
  }
  const file = normalize(join(dist, relative));
  const inside = file.startsWith(dist + sep) && !relative.includes('\0');
  if (!inside || !existsSync(file) || !statSync(file).isFile()) {
    const message = existsSync(dist) ? undefined : 'The console is not built: run npm run console:build';
    return json(404, errorBody(new HttpError(404, message === undefined ? {} : { message }), requestId));
  }
  const body = method === 'HEAD' ? Buffer.alloc(0) : readFileSync(file);
  const hashed = relative.startsWith('assets/');
  return {
    statusCode: 200,
    headers: {
      'content-type': CONTENT_TYPES[extname(file)] ?? 'application/octet-stream',
      'cache-control': hashed ? 'public, max-age=31536000, immutable' : 'no-cache',
      'x-content-type-options': 'nosniff',
    },
    body: body.toString('base64'),
    isBase64Encoded: true,
  };
}
