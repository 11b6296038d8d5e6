import {
  appendEvent,
  BadCursorError,
  createFiling,
  deleteDraft,
  getFiling,
  listEvents,
  listFilings,
  listUploadGrants,
  recordUploadGrant,
  NotFoundError,
  updateDraft,
  VersionMismatchError,
  WrongStatusError,
  appNameClaim,
  UniquenessError,
  transitionFiling,
  type FilingRecord,
} from '../../../lambdas/shared/store/index.js';
import { callsOf, settle, useStoreTable } from './support.js';

useStoreTable('store-filings');

const ACCOUNT = '111111111111';
const OTHER = '222222222222';
const doc = (name: string) => ({ app: { name }, entity: { certificateNumber: '91640100MA77XXXXXX' } });

const draft = (accountId = ACCOUNT, name = 'app') => createFiling({ accountId, type: 'NEW', document: doc(name) });

describe('createFiling / getFiling', () => {
  it('stores a DRAFT at version 1 with its CREATED event, in one call; reads it back in one call', async () => {
    const { result: created, calls: createCalls } = await callsOf(() => draft());
    expect(createCalls).toBe(1);
    expect(created).toMatchObject({ accountId: ACCOUNT, type: 'NEW', status: 'DRAFT', version: 1, revision: 0, reasons: [] });
    expect(created.createdAt).toBe(created.updatedAt);

    const { result: read, calls: getCalls, byCommand } = await callsOf(() => getFiling(created.filingId));
    expect(getCalls).toBe(1);
    expect(byCommand).toEqual({ GetItemCommand: 1 });
    expect(read).toEqual(created); // no key attributes leak out

    const events = await listEvents(created.filingId);
    expect(events).toEqual([{ at: created.createdAt, type: 'CREATED', to: 'DRAFT', actor: ACCOUNT, reasons: [] }]);
  });

  it('answers null for an unknown id and for another account', async () => {
    const created = await draft();
    expect(await getFiling('no-such-filing')).toBeNull();
    expect(await getFiling(created.filingId, { accountId: OTHER })).toBeNull();
    expect(await getFiling(created.filingId, { accountId: ACCOUNT })).not.toBeNull();
  });

  it('claims the APP name in the same transaction, and writes nothing when it is taken', async () => {
    const first = await createFiling(
      { filingId: 'claim-a', accountId: ACCOUNT, type: 'NEW', document: doc('云帆') },
      { appNameClaim: appNameClaim('91640100MA77XXXXXX', '云帆', 'claim-a') },
    );
    expect(first.status).toBe('DRAFT');
    const error = await createFiling(
      { filingId: 'claim-b', accountId: ACCOUNT, type: 'NEW', document: doc('云帆') },
      // full-width and case variants of the same name collide
      { appNameClaim: appNameClaim('91640100ma77xxxxxx', ' 云帆 ', 'claim-b') },
    ).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UniquenessError);
    expect((error as UniquenessError).codes).toEqual(['APP_NAME_TAKEN']);
    expect(await getFiling('claim-b')).toBeNull();
    expect(await listEvents('claim-b')).toEqual([]);
  });
});

describe('listFilings', () => {
  const account = '333333333333';
  let all: FilingRecord[];
  beforeAll(async () => {
    all = [];
    for (let i = 0; i < 5; i += 1) all.push(await draft(account, `app${i}`));
    await draft(OTHER);
  });

  it('pages newest first with an opaque cursor, one call per page', async () => {
    const seen: string[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const { result: page, calls } = await callsOf(() => listFilings(account, { limit: 2, ...(cursor && { cursor }) }));
      expect(calls).toBe(1);
      seen.push(...page.items.map((f) => f.filingId));
      cursor = page.nextCursor;
      pages += 1;
    } while (cursor && pages < 10);
    expect(seen).toEqual(all.map((f) => f.filingId).reverse());
    expect(pages).toBeLessThanOrEqual(3);
  });

  it('filters by status, paging through the matches in one call per page', async () => {
    const { items } = await listFilings(account, { limit: 10, status: 'SUBMITTED' });
    expect(items).toEqual([]);
    const drafts = await listFilings(account, { limit: 10, status: 'DRAFT' });
    expect(drafts.items.map((f) => f.filingId)).toEqual(all.map((f) => f.filingId).reverse());
    expect(drafts.nextCursor).toBeUndefined();

    const seen: string[] = [];
    let cursor: string | undefined;
    for (let page = 0; page < 10; page += 1) {
      const { result, calls } = await callsOf(() => listFilings(account, { limit: 2, status: 'DRAFT', ...(cursor && { cursor }) }));
      expect(calls).toBe(1);
      seen.push(...result.items.map((f) => f.filingId));
      cursor = result.nextCursor;
      if (!cursor) break;
    }
    expect(seen).toEqual(all.map((f) => f.filingId).reverse());
  });

  it('refuses a tampered cursor, a made-up one, and one issued for another account or query', async () => {
    const { nextCursor } = await listFilings(account, { limit: 1 });
    expect(nextCursor).toBeDefined();
    const cursor = nextCursor as string;
    const [payload, mac] = cursor.split('.') as [string, string];
    const forged = Buffer.from(JSON.stringify({ gsi1pk: `ACCOUNT#${OTHER}` })).toString('base64url');
    for (const bad of [`${forged}.${mac}`, `${payload}.${mac.slice(0, -2)}AA`, 'not-a-cursor', '', `${payload}`]) {
      await expect(listFilings(account, { limit: 1, cursor: bad })).rejects.toBeInstanceOf(BadCursorError);
    }
    await expect(listFilings(OTHER, { limit: 1, cursor })).rejects.toBeInstanceOf(BadCursorError);
    await expect(listFilings(account, { limit: 1, cursor, status: 'DRAFT' })).rejects.toBeInstanceOf(BadCursorError);
  });
});

describe('updateDraft', () => {
  it('replaces the document and bumps the version in one call', async () => {
    const created = await draft();
    const { result: updated, calls } = await callsOf(() => updateDraft(created.filingId, 1, doc('renamed'), { accountId: ACCOUNT }));
    expect(calls).toBe(1);
    expect(updated).toMatchObject({ filingId: created.filingId, version: 2, document: doc('renamed'), status: 'DRAFT' });
    expect(await getFiling(created.filingId)).toEqual(updated);
  });

  it('reports a stale version, another account, an unknown id and a wrong status distinctly', async () => {
    const created = await draft();
    await expect(updateDraft(created.filingId, 7, doc('x'))).rejects.toBeInstanceOf(VersionMismatchError);
    await expect(updateDraft(created.filingId, 1, doc('x'), { accountId: OTHER })).rejects.toBeInstanceOf(NotFoundError);
    await expect(updateDraft('no-such-filing', 1, doc('x'))).rejects.toBeInstanceOf(NotFoundError);
    expect((await getFiling(created.filingId))?.version).toBe(1);
  });

  it('lets exactly one of 10 concurrent updates at the same version win', async () => {
    const created = await draft();
    const { fulfilled, rejected } = await settle(Array.from({ length: 10 }, (_, i) => updateDraft(created.filingId, 1, doc(`v${i}`))));
    expect(fulfilled).toHaveLength(1);
    expect(rejected).toHaveLength(9);
    expect(rejected.every((e) => e instanceof VersionMismatchError)).toBe(true);
    const stored = await getFiling(created.filingId);
    expect(stored).toEqual(fulfilled[0]);
    expect(stored?.version).toBe(2);
  });
});

describe('deleteDraft', () => {
  it('deletes a draft, its audit trail and its upload grants', async () => {
    const created = await draft();
    await appendEvent(created.filingId, { type: 'ATTACHMENT_UPLOADED', actor: ACCOUNT, details: { kind: 'APP_ICON' } });
    const at = new Date().toISOString();
    await recordUploadGrant(created.filingId, { attachmentId: 'icon-1', kind: 'APP_ICON', key: `filings/${created.filingId}/APP_ICON/icon-1`, contentType: 'image/png', grantedAt: at, expiresAt: at, revision: 0, actor: ACCOUNT });
    expect(await listUploadGrants(created.filingId)).toHaveLength(1);
    await deleteDraft(created.filingId, ACCOUNT);
    expect(await getFiling(created.filingId)).toBeNull();
    expect(await listEvents(created.filingId)).toEqual([]);
    expect(await listUploadGrants(created.filingId)).toEqual([]);
  });

  it('refuses another account (not found) and leaves the filing', async () => {
    const created = await draft();
    await expect(deleteDraft(created.filingId, OTHER)).rejects.toBeInstanceOf(NotFoundError);
    await expect(deleteDraft('no-such-filing', ACCOUNT)).rejects.toBeInstanceOf(NotFoundError);
    expect(await getFiling(created.filingId)).not.toBeNull();
  });

  it('gives back an APP name claimed at creation', async () => {
    const claimOf = (id: string) => appNameClaim('CERT-DELETE', 'Name', id);
    await createFiling({ filingId: 'del-a', accountId: ACCOUNT, type: 'NEW', document: {} }, { appNameClaim: claimOf('del-a') });
    await deleteDraft('del-a', ACCOUNT, { releases: [claimOf('del-a')] });
    const again = await createFiling({ filingId: 'del-b', accountId: ACCOUNT, type: 'NEW', document: {} }, { appNameClaim: claimOf('del-b') });
    expect(again.filingId).toBe('del-b');
  });
});

describe('audit events', () => {
  it('lists a filing’s events oldest first', async () => {
    const created = await draft();
    for (const kind of ['APP_ICON', 'ENTITY_CERTIFICATE', 'AUTHENTICITY_FORM']) {
      await appendEvent(created.filingId, { type: 'ATTACHMENT_UPLOADED', actor: ACCOUNT, details: { kind } });
    }
    const events = await listEvents(created.filingId);
    expect(events.map((e) => e.type)).toEqual(['CREATED', 'ATTACHMENT_UPLOADED', 'ATTACHMENT_UPLOADED', 'ATTACHMENT_UPLOADED']);
    expect(events.slice(1).map((e) => e.details?.kind)).toEqual(['APP_ICON', 'ENTITY_CERTIFICATE', 'AUTHENTICITY_FORM']);
    const times = events.map((e) => e.at);
    expect([...times].sort()).toEqual(times);
  });
});

describe('wrong status', () => {
  it('is reported by updateDraft for a filing that is not editable', async () => {
    const created = await draft();
    await transitionFiling({ filingId: created.filingId, from: ['DRAFT'], to: 'SUBMITTED', actor: ACCOUNT }, { current: created });
    const error = await updateDraft(created.filingId, 2, doc('late')).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(WrongStatusError);
    expect((error as WrongStatusError).actual).toBe('SUBMITTED');
    await expect(deleteDraft(created.filingId, ACCOUNT)).rejects.toBeInstanceOf(WrongStatusError);
  });
});
