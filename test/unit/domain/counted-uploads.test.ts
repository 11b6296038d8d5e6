import { countedUploads, matchUploads, newestUploadFirst, type GrantedUpload } from '../../../lambdas/shared/domain/index.js';

const upload = (attachmentId: string, lastModified: string, grantedAt: string, kind: GrantedUpload['kind'] = 'APP_ICON'): GrantedUpload => ({
  kind,
  attachmentId,
  lastModified,
  grantedAt,
});

describe('which upload of a kind counts (docs/durability.md "Evidence")', () => {
  test('the one written in the later second counts, whatever the order of the grants', () => {
    const early = upload('b', '2026-12-01T10:00:00.000Z', '2026-12-01T09:59:59.900Z');
    const late = upload('a', '2026-12-01T10:00:01.000Z', '2026-12-01T09:59:00.000Z');
    expect(countedUploads([early, late], 'APP_ICON').map((u) => u.attachmentId)).toEqual(['a']);
    expect(countedUploads([late, early], 'APP_ICON').map((u) => u.attachmentId)).toEqual(['a']);
  });

  test('two uploads of one second: the later grant counts, in any listing order and at any precision of the time', () => {
    // s3rver and S3 report whole seconds; a listing with milliseconds must not decide otherwise.
    const first = upload('zzz', '2026-12-01T10:00:00.900Z', '2026-12-01T09:59:59.100Z');
    const second = upload('aaa', '2026-12-01T10:00:00.100Z', '2026-12-01T09:59:59.200Z');
    for (const listing of [[first, second], [second, first]]) {
      expect(countedUploads(listing, 'APP_ICON').map((u) => u.attachmentId)).toEqual(['aaa']);
    }
  });

  test('same second and same grant time: the greater id, so every reader agrees', () => {
    const a = upload('a', '2026-12-01T10:00:00.000Z', '2026-12-01T09:00:00.000Z');
    const b = upload('b', '2026-12-01T10:00:00.000Z', '2026-12-01T09:00:00.000Z');
    expect([a, b].sort(newestUploadFirst).map((u) => u.attachmentId)).toEqual(['b', 'a']);
    expect([b, a].sort(newestUploadFirst).map((u) => u.attachmentId)).toEqual(['b', 'a']);
  });

  test('as many as asked, newest first, of that kind only', () => {
    const uploads = [
      upload('old', '2026-12-01T10:00:00Z', '2026-12-01T09:00:00Z', 'PRE_APPROVAL_DOCUMENT'),
      upload('new', '2026-12-01T10:00:05Z', '2026-12-01T09:00:00Z', 'PRE_APPROVAL_DOCUMENT'),
      upload('icon', '2026-12-01T10:00:09Z', '2026-12-01T09:00:00Z'),
    ];
    expect(countedUploads(uploads, 'PRE_APPROVAL_DOCUMENT', 2).map((u) => u.attachmentId)).toEqual(['new', 'old']);
    expect(countedUploads(uploads, 'PRE_APPROVAL_DOCUMENT', 0)).toEqual([]);
    expect(countedUploads(uploads, 'ENTITY_CERTIFICATE')).toEqual([]);
  });

  test('each requirement gets its own upload: a kind required twice gets the two newest, a missing one none', () => {
    const uploads = [
      upload('p1', '2026-12-01T10:00:00Z', '2026-12-01T09:00:00Z', 'PRE_APPROVAL_DOCUMENT'),
      upload('p2', '2026-12-01T10:00:01Z', '2026-12-01T09:00:00Z', 'PRE_APPROVAL_DOCUMENT'),
    ];
    const requirements = [{ kind: 'PRE_APPROVAL_DOCUMENT' as const }, { kind: 'PRE_APPROVAL_DOCUMENT' as const }, { kind: 'APP_ICON' as const }];
    expect(matchUploads(requirements, uploads).map(({ requirement, upload: u }) => [requirement.kind, u?.attachmentId])).toEqual([
      ['PRE_APPROVAL_DOCUMENT', 'p2'],
      ['PRE_APPROVAL_DOCUMENT', 'p1'],
      ['APP_ICON', undefined],
    ]);
  });
});
