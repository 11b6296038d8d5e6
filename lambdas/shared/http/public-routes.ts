/**
 * The only routes answered without a signature (docs/design/api.md "Health and description"):
 * the API stack leaves them out of AWS_IAM and the local gateway lets them through unsigned.
 */
export const PUBLIC_ROUTES: readonly { readonly method: 'GET'; readonly path: string }[] = [
  { method: 'GET', path: '/v1/health' },
  { method: 'GET', path: '/v1/openapi.json' },
];
