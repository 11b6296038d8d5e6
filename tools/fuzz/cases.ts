/**
 * The fuzzer's cases: one hostile request each, against every route of docs/design/api.md. Requests that
 * would write are built to be refused (a defect is always planted: a wrong type, an unknown
 * or prototype-polluting key, a broken body, a wrong identity or If-Match, a status that
 * forbids the action), so any 2xx on them is a finding, and the table and bucket must not
 * change while they run.
 */
import fc from 'fast-check';
import { TRAP_KEYS, anyJson, brokenBody, deepNesting, hostileIdSegment, trapString } from './hostile.js';
import { defect, noise, type Json } from './mutations.js';

/** Who signs a case. `wrongSecret` signs as customer A with a wrong secret; `none` sends it unsigned. */
export type Signer = 'customerA' | 'customerB' | 'reviewer' | 'none' | 'wrongSecret';

/** Ids of the data the fuzzer aims at (prepared by {@link prepareTargets} in ./run). */
export interface FuzzTargets {
  /** Customer A's incomplete DRAFT (submit answers 422 on it). */
  draftId: string;
  /** Customer A's filing waiting in PRELIMINARY_REVIEW. */
  reviewFilingId: string;
  /** The open preliminary-review task of `reviewFilingId`. */
  taskId: string;
  /** Customer B's DRAFT (another tenant's, for A). */
  otherTenantFilingId: string;
}

export interface FuzzCase {
  /** The route template and what was done to it, for reports. */
  label: string;
  method: string;
  /** Request target as on the request line: raw path and query. */
  target: string;
  headers: Record<string, string>;
  body?: Buffer;
  signer: Signer;
  /** A write route: a 2xx answer is a finding (every write case carries a defect). */
  write: boolean;
}


const EXAMPLE_PROFILE: Json = {
  companyName: '宁夏云帆科技有限公司',
  email: 'wangning@yunfan-travel.cn',
  mobile: '13995000001',
  verificationIp: '52.83.10.10',
  accessRoleArn: 'arn:aws-cn:iam::111111111111:role/IcpRecordalAccess',
  acceptPrivacyPolicy: true,
};

const EXAMPLE_FILING: Json = {
  type: 'NEW',
  entity: { name: '宁夏云帆科技有限公司', kind: 'ENTERPRISE', certificateType: 'BUSINESS_LICENSE', certificateNumber: '91640100MA77K3Q25L', province: '640000' },
  entityPrincipal: { name: '王宁', idType: 'ID_CARD', idNumber: '640106198503121234', mobile: '13995000001', email: 'wangning@yunfan-travel.cn' },
  app: { name: '云帆出行', serviceType: 'APP', categories: ['TRAVEL'], languages: ['zh-Hans'], platforms: [{ os: 'ANDROID', packageName: 'cn.yunfan.travel' }] },
  access: { awsAccountId: '111111111111', ips: ['52.83.10.10'], securityGroupIds: ['sg-0a1b2c3d4e5f60001'] },
};

const EXAMPLE_PATCH: Json = { app: { name: '云帆出行 2', languages: ['zh-Hans', 'en'] }, entityPrincipal: { mobile: '13995000009' } };
const EXAMPLE_ATTACHMENT: Json = { kind: 'APP_ICON', contentType: 'image/png', fileName: 'icon.png' };
const EXAMPLE_ELIGIBILITY: Json = { appIsOffline: false, isMiniProgram: false, entityKind: 'ENTERPRISE', province: '640000' };
const EXAMPLE_DECISION: Json = { decision: 'REJECT', reasons: [{ code: 'MATERIALS_UNCLEAR', message: 'The ID photo is unreadable.' }] };

/** Percent-encodes the UTF-8 bytes (a lone surrogate goes as U+FFFD, as any HTTP client would send it). */
function percentEncode(value: string): string {
  let out = '';
  for (const byte of Buffer.from(value, 'utf8')) {
    const char = String.fromCharCode(byte);
    out += /[A-Za-z0-9\-_.~]/.test(char) ? char : `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return out;
}

type IdKind = 'draft' | 'review' | 'other' | 'task' | 'hostile';

interface RouteSpec {
  method: string;
  /** `{id}` / `{taskId}` are filled in per case. */
  path: string;
  write: boolean;
  /** The valid body a defect is planted in (undefined: the route takes none). */
  base?: Json;
  /** Who may be the caller, and at which ids: chosen so that no write can succeed. */
  callers: { signer: Signer; ids: IdKind[] }[];
  query?: fc.Arbitrary<string>;
}

const CALLER_WEIGHTS: Record<Signer, number> = { customerA: 6, reviewer: 3, customerB: 2, none: 1, wrongSecret: 1 };
const ANYONE: Signer[] = ['customerA', 'customerB', 'reviewer', 'none', 'wrongSecret'];
const everyone = (ids: IdKind[]): RouteSpec['callers'] => ANYONE.map((signer) => ({ signer, ids }));

const repeated = (name: string, values: fc.Arbitrary<string>): fc.Arbitrary<string> =>
  fc.array(values, { minLength: 1, maxLength: 3 }).map((list) => list.map((v) => `${name}=${percentEncode(v)}`).join('&'));

const listQuery = fc
  .array(
    fc.oneof(
      repeated('status', fc.oneof(fc.constantFrom('DRAFT', 'APPROVED', 'draft', 'DRAFT,APPROVED', ''), trapString())),
      repeated('limit', fc.oneof(fc.constantFrom('0', '-1', '1', '100', '101', '1e3', '1.5', '0x10', ' 5', 'Infinity', ''), trapString())),
      repeated('cursor', fc.oneof(fc.base64String({ maxLength: 200 }), trapString(), fc.constantFrom('eyJwayI6IkZJTElORyN4In0', 'e30', '%%%'))),
      repeated('stage', fc.oneof(fc.constantFrom('PRELIMINARY_REVIEW', 'CA_DECISION', 'CA_REVIEW', ''), trapString())),
      fc.tuple(fc.constantFrom(...TRAP_KEYS, 'x', 'limit[]', 'status[0]'), trapString()).map(([k, v]) => `${percentEncode(k)}=${percentEncode(v)}`),
    ),
    { minLength: 1, maxLength: 4 },
  )
  .map((parts) => parts.join('&'));

const ROUTES: RouteSpec[] = [
  { method: 'GET', path: '/v1/health', write: false, callers: everyone(['hostile']) },
  { method: 'GET', path: '/v1/openapi.json', write: false, callers: everyone(['hostile']) },
  { method: 'GET', path: '/v1/account', write: false, callers: everyone(['hostile']) },
  { method: 'PUT', path: '/v1/account', write: true, base: EXAMPLE_PROFILE, callers: everyone(['hostile']) },
  { method: 'POST', path: '/v1/eligibility', write: false, base: EXAMPLE_ELIGIBILITY, callers: everyone(['hostile']) },
  { method: 'POST', path: '/v1/filings', write: true, base: EXAMPLE_FILING, callers: everyone(['hostile']) },
  { method: 'GET', path: '/v1/filings', write: false, callers: everyone(['hostile']), query: listQuery },
  { method: 'GET', path: '/v1/filings/{id}', write: false, callers: everyone(['draft', 'review', 'other', 'hostile']) },
  { method: 'PATCH', path: '/v1/filings/{id}', write: true, base: EXAMPLE_PATCH, callers: everyone(['draft', 'review', 'other', 'hostile']) },
  // A customer could delete its own draft: each aims only at filings it may not delete.
  {
    method: 'DELETE',
    path: '/v1/filings/{id}',
    write: true,
    callers: [
      { signer: 'customerA', ids: ['review', 'other', 'hostile'] },
      { signer: 'customerB', ids: ['draft', 'review', 'hostile'] },
      ...(['reviewer', 'none', 'wrongSecret'] as Signer[]).map((signer) => ({ signer, ids: ['draft', 'review', 'other', 'hostile'] as IdKind[] })),
    ],
  },
  { method: 'GET', path: '/v1/filings/{id}/requirements', write: false, callers: everyone(['draft', 'review', 'other', 'hostile']) },
  { method: 'POST', path: '/v1/filings/{id}/attachments', write: true, base: EXAMPLE_ATTACHMENT, callers: everyone(['draft', 'review', 'other', 'hostile']) },
  { method: 'POST', path: '/v1/filings/{id}/submit', write: true, base: {}, callers: everyone(['draft', 'review', 'other', 'hostile']) },
  { method: 'POST', path: '/v1/filings/{id}/verification', write: true, base: {}, callers: everyone(['draft', 'review', 'other', 'hostile']) },
  { method: 'POST', path: '/v1/filings/{id}/sms-verification', write: true, base: {}, callers: everyone(['draft', 'review', 'other', 'hostile']) },
  { method: 'POST', path: '/v1/filings/{id}/withdraw', write: true, base: {}, callers: everyone(['draft', 'review', 'other', 'hostile']) },
  { method: 'GET', path: '/v1/filings/{id}/events', write: false, callers: everyone(['draft', 'review', 'other', 'hostile']) },
  { method: 'GET', path: '/v1/review/tasks', write: false, callers: everyone(['hostile']), query: listQuery },
  { method: 'GET', path: '/v1/review/filings/{id}', write: false, callers: everyone(['draft', 'review', 'other', 'hostile']) },
  { method: 'POST', path: '/v1/review/tasks/{taskId}/decision', write: true, base: EXAMPLE_DECISION, callers: everyone(['task', 'hostile']) },
  { method: 'GET', path: '/v1/review/drift', write: false, callers: everyone(['hostile']), query: listQuery },
  { method: 'POST', path: '/v1/review/drift-checks', write: true, base: {}, callers: everyone(['hostile']) },
];

/** Every route template the fuzzer covers (the tests check this against the API's own route table). */
export const FUZZED_ROUTES: readonly string[] = ROUTES.map((route) => `${route.method} ${route.path}`);

// ---------------------------------------------------------------- bodies

interface BodyChoice {
  body?: Buffer;
  contentType?: string;
  what: string;
}

const jsonBuffer = (value: unknown): Buffer => Buffer.from(JSON.stringify(value), 'utf8');

/** A body for a route: defective JSON mostly, otherwise broken, oversized, nested or mistyped. */
function bodyFor(route: RouteSpec): fc.Arbitrary<BodyChoice> {
  const base = route.base ?? {};
  const planted = fc.tuple(defect(base), noise(base)).map(([plant, addNoise]): BodyChoice => {
    const doc = structuredClone(base);
    addNoise(doc);
    const what = plant(doc);
    return { body: jsonBuffer(doc), contentType: 'application/json', what };
  });
  const others: fc.Arbitrary<BodyChoice> = fc.oneof(
    brokenBody().map((body) => ({ body, contentType: 'application/json', what: 'broken JSON' })),
    fc
      .tuple(planted, fc.constantFrom('text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'application/xml', 'application/json-patch+json', 'application/json; charset=utf-16', ''))
      .map(([choice, contentType]) => ({ ...choice, contentType, what: `${choice.what}, content type ${JSON.stringify(contentType)}` })),
    fc.integer({ min: 256 * 1024 + 1, max: 300 * 1024 }).map((size) => ({ body: Buffer.from(`{"a":"${'x'.repeat(size)}"}`), contentType: 'application/json', what: 'over the body limit' })),
    fc.integer({ min: 100, max: 5_000 }).map((depth) => ({ body: Buffer.from(`{"deep":${deepNesting(depth, 'object')}}`), contentType: 'application/json', what: `nested ${depth} deep` })),
    anyJson()
      .filter((value) => value === null || typeof value !== 'object' || Array.isArray(value))
      .map((value) => ({ body: jsonBuffer(value), contentType: 'application/json', what: 'a JSON value that is not an object' })),
  );
  if (!route.write && route.method === 'GET') {
    // Bodies on GET are odd but allowed by HTTP: the route must ignore or refuse them.
    return fc.oneof({ weight: 4, arbitrary: fc.constant({ what: 'no body' }) }, { weight: 1, arbitrary: others });
  }
  if (!route.write) return fc.oneof({ weight: 2, arbitrary: planted }, { weight: 1, arbitrary: others }, { weight: 1, arbitrary: fc.constant({ body: jsonBuffer(base), contentType: 'application/json', what: 'valid' }) });
  // Unknown-field and wrong-type bodies dominate: they reach the deepest code.
  return fc.oneof({ weight: 3, arbitrary: planted }, { weight: 1, arbitrary: others });
}

// ---------------------------------------------------------------- headers

/** Header values Node can send: visible ASCII and Latin-1 (no CR, LF or NUL). */
const headerText = (maxLength: number): fc.Arbitrary<string> =>
  fc.string({ unit: fc.oneof(fc.integer({ min: 0x20, max: 0x7e }), fc.integer({ min: 0xa0, max: 0xff })).map((code) => String.fromCharCode(code)), maxLength });

const extraHeaders = (route: RouteSpec): fc.Arbitrary<Record<string, string>> =>
  fc
    .array(
      fc.oneof(
        { weight: 4, arbitrary: fc.tuple(fc.constant('if-match'), fc.oneof(fc.constantFrom('"1"', '"0"', '"-1"', '*', '"999999999999999999999"', 'W/"1"', '1', '""', '"1", "2"'), headerText(60))) },
        { weight: 3, arbitrary: fc.tuple(fc.constant('idempotency-key'), fc.oneof(fc.uuid(), headerText(300))) },
        // Over Node's 16 KiB header limit: refused before any handler (rarely, or little else is reached).
        { weight: 1, arbitrary: fc.tuple(fc.constant('x-oversized'), fc.integer({ min: 17_000, max: 40_000 }).map((n) => 'h'.repeat(n))) },
        { weight: 3, arbitrary: fc.tuple(fc.constantFrom('x-forwarded-for', 'x-amzn-requestid', 'x-http-method-override', 'accept', 'accept-encoding', 'origin'), headerText(80)) },
      ),
      { maxLength: 2 },
    )
    .map((pairs) => {
      const headers: Record<string, string> = {};
      for (const [name, value] of pairs) headers[name] = value;
      // A PATCH mostly carries an If-Match, or it only meets the 428.
      if (route.method === 'PATCH' && headers['if-match'] === undefined) headers['if-match'] = '"1"';
      return headers;
    });

// ---------------------------------------------------------------- targets and methods

const OTHER_METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS', 'HEAD', 'PROPFIND', 'FOO'];

function idFor(kind: IdKind, targets: FuzzTargets): fc.Arbitrary<string> {
  switch (kind) {
    case 'draft':
      return fc.constant(targets.draftId);
    case 'review':
      return fc.constant(targets.reviewFilingId);
    case 'other':
      return fc.constant(targets.otherTenantFilingId);
    case 'task':
      return fc.constant(targets.taskId);
    case 'hostile':
      return fc.oneof(
        { weight: 3, arbitrary: hostileIdSegment() },
        { weight: 1, arbitrary: fc.constantFrom(targets.draftId, targets.reviewFilingId).chain((id) => fc.constantFrom(`${id}%00`, `${id}/..`, `${id}%2F..%2F${targets.otherTenantFilingId}`, id.toUpperCase(), ` ${id}`.replace(' ', '%20'), `${id}x`)) },
      );
  }
}

const fillPath = (path: string, id: string): string => path.replace('{id}', id).replace('{taskId}', id);

/** Odd spellings of a route's own path (the router must not be fooled by them). */
const pathSpelling = (path: string): fc.Arbitrary<string> =>
  fc.oneof(
    { weight: 8, arbitrary: fc.constant(path) },
    { weight: 1, arbitrary: fc.constantFrom(`${path}/`, path.replace('/v1/', '/v1//'), path.toUpperCase(), path.replace('/v1/', '/v1/./'), path.replace('/v1/', '/v1/review/../'), path.replace('/v1/', '/v2/'), `${path}%20`, `${path};x=1`, path.replace('/v1/', '/v1/%2e%2e/v1/')) },
  );

function caseFor(route: RouteSpec, targets: FuzzTargets): fc.Arbitrary<FuzzCase> {
  return fc
    .record({
      // Most cases are signed by someone the route knows, so they reach the handlers.
      caller: fc.oneof(...route.callers.map((caller) => ({ weight: CALLER_WEIGHTS[caller.signer], arbitrary: fc.constant(caller) }))),
      body: bodyFor(route),
      headers: extraHeaders(route),
      query: route.query === undefined ? fc.oneof({ weight: 5, arbitrary: fc.constant('') }, { weight: 1, arbitrary: listQuery }) : route.query,
      wrongMethod: fc.oneof({ weight: 6, arbitrary: fc.constant(undefined) }, { weight: 1, arbitrary: fc.constantFrom(...OTHER_METHODS.filter((m) => m !== route.method)) }),
    })
    .chain(({ caller, body, headers, query, wrongMethod }) =>
      fc.constantFrom(...caller.ids).chain((idKind) =>
        idFor(idKind, targets).chain((id) =>
          pathSpelling(fillPath(route.path, id)).map((path): FuzzCase => {
            const method = wrongMethod ?? route.method;
            // A wrong method on a path that has another route (e.g. DELETE of the draft, POST
            // of a new filing) could be a valid call: those keep the route's own method.
            const safeMethod = wrongMethod !== undefined && reachesWritableRoute(method, route.path, caller.signer, idKind) ? route.method : method;
            const sendsBody = body.body !== undefined && safeMethod !== 'GET' && safeMethod !== 'HEAD' ? true : body.body !== undefined && route.method === 'GET' && !wrongMethod;
            const allHeaders: Record<string, string> = { ...headers };
            if (sendsBody && body.contentType) allHeaders['content-type'] = body.contentType;
            const target = query === '' ? path : `${path}?${query}`;
            return {
              label: `${route.method} ${route.path} as ${caller.signer} at ${idKind}${safeMethod !== route.method ? ` with method ${safeMethod}` : ''}: ${sendsBody ? body.what : 'no body'}`,
              method: safeMethod,
              target,
              headers: allHeaders,
              ...(sendsBody ? { body: body.body } : {}),
              signer: caller.signer,
              write: safeMethod === route.method ? route.write : !['GET', 'HEAD', 'OPTIONS'].includes(safeMethod),
            };
          }),
        ),
      ),
    );
}

/** Whether another method on this path could be a legitimate write that succeeds. */
function reachesWritableRoute(method: string, path: string, signer: Signer, idKind: IdKind): boolean {
  if (signer !== 'customerA' && signer !== 'customerB' && signer !== 'reviewer') return false;
  const ownDraft = (idKind === 'draft' && signer === 'customerA') || (idKind === 'other' && signer === 'customerB');
  if (path === '/v1/filings/{id}' && method === 'DELETE' && ownDraft) return true;
  // A body-less PUT/POST elsewhere is refused, but a PUT of a valid profile is not: keep PUT off /v1/account.
  if (path === '/v1/account' && method === 'PUT') return true;
  if (path === '/v1/filings' && method === 'POST') return true;
  if (path === '/v1/filings/{id}/withdraw' && method === 'POST' && signer === 'customerA' && idKind === 'review') return true;
  return false;
}

/** One hostile request against one of the routes. */
export function fuzzCase(targets: FuzzTargets): fc.Arbitrary<FuzzCase> {
  return fc.oneof(...ROUTES.map((route) => caseFor(route, targets)));
}
