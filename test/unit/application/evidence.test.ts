import { currentEvidence, evidenceByKind, uploadsAfterSubmit } from '../../../lambdas/shared/application/evidence.js';
import type { Upload } from '../../../lambdas/shared/application/uploads.js';
import type { Evidence, FilingRecord } from '../../../lambdas/shared/store/index.js';

const evidence: Evidence = {
  revision: 2,
  frozenAt: '2026-12-01T10:00:05.400Z',
  items: [
    { kind: 'APP_ICON', attachmentId: 'icon', key: 'evidence/f/r2/s/APP_ICON/icon', sha256: 'a', size: 10, contentType: 'image/png', lastModified: '2026-12-01T10:00:00.000Z', grantedAt: '2026-12-01T09:59:59.000Z' },
    { kind: 'AUTHENTICITY_FORM', attachmentId: 'form', key: 'evidence/f/r2/s/AUTHENTICITY_FORM/form', sha256: 'b', size: 10, contentType: 'application/pdf', lastModified: '2026-12-01T10:00:01.000Z', grantedAt: '2026-12-01T09:59:59.000Z' },
  ],
  seen: [
    { attachmentId: 'icon', lastModified: '2026-12-01T10:00:00.000Z', etag: '"e1"' },
    { attachmentId: 'form', lastModified: '2026-12-01T10:00:01.000Z' },
    { attachmentId: 'older', lastModified: '2026-12-01T10:00:05.000Z', etag: '"e3"' },
  ],
};
const upload = (attachmentId: string, lastModified: string, etag?: string): Upload => ({
  kind: 'APP_ICON',
  attachmentId,
  key: `filings/f/APP_ICON/${attachmentId}`,
  size: 10,
  lastModified,
  grantedAt: '2026-12-01T09:59:00.000Z',
  ...(etag !== undefined && { etag }),
});

describe('evidence of a submit (docs/durability.md "Evidence")', () => {
  test('uploads after submit: keys not there at submit, and keys written over since (another ETag, or time without one)', () => {
    const uploads = [
      upload('icon', '2026-12-01T10:00:00.000Z', '"e1"'), // frozen, unchanged
      upload('form', '2026-12-01T10:00:01.000Z'), // frozen, no ETag: same time, unchanged
      upload('older', '2026-12-01T10:00:05.000Z', '"e3"'), // there at submit (in its second), not counted
      upload('late', '2026-12-01T10:00:05.000Z'), // in the submit's second, not there at submit
      upload('later', '2026-12-01T10:07:00.000Z'),
    ];
    expect(uploadsAfterSubmit(evidence, uploads).map((u) => u.attachmentId)).toEqual(['late', 'later']);
    // A DRAFT grant used again after submit writes over the frozen upload's key: its ETag changes.
    expect(uploadsAfterSubmit(evidence, [upload('icon', '2026-12-01T10:00:06.000Z', '"e2"')]).map((u) => u.attachmentId)).toEqual(['icon']);
    expect(uploadsAfterSubmit(evidence, [upload('form', '2026-12-01T10:00:06.000Z')]).map((u) => u.attachmentId)).toEqual(['form']);
  });

  test('never submitted: every upload is outside the evidence', () => {
    const uploads = [upload('a', '2026-12-01T10:00:00.000Z')];
    expect(uploadsAfterSubmit(undefined, uploads)).toEqual(uploads);
  });

  test('only the current revision has evidence; each needed kind gets at most as many items as it needs', () => {
    const filing = { revision: 2, evidence } as FilingRecord;
    expect(currentEvidence(filing)).toBe(evidence);
    expect(currentEvidence({ ...filing, revision: 3 })).toBeUndefined();
    const byKind = evidenceByKind(evidence, [{ kind: 'APP_ICON' }, { kind: 'ENTITY_CERTIFICATE' }]);
    expect(Object.fromEntries([...byKind].map(([kind, items]) => [kind, items.map((item) => item.attachmentId)]))).toEqual({ APP_ICON: ['icon'], ENTITY_CERTIFICATE: [] });
  });
});
