import { filingDocumentSchema } from '../../../lambdas/shared/domain/index.js';
import { applyMergePatch, unknownRemovals } from '../../../lambdas/shared/http/merge-patch.js';

describe('applyMergePatch (RFC 7396)', () => {
  // The examples of RFC 7396 Appendix A.
  it.each([
    [{ a: 'b' }, { a: 'c' }, { a: 'c' }],
    [{ a: 'b' }, { b: 'c' }, { a: 'b', b: 'c' }],
    [{ a: 'b' }, { a: null }, {}],
    [{ a: 'b', b: 'c' }, { a: null }, { b: 'c' }],
    [{ a: ['b'] }, { a: 'c' }, { a: 'c' }],
    [{ a: 'c' }, { a: ['b'] }, { a: ['b'] }],
    [{ a: { b: 'c' } }, { a: { b: 'd', c: null } }, { a: { b: 'd' } }],
    [{ a: [{ b: 'c' }] }, { a: [1] }, { a: [1] }],
    [['a', 'b'], ['c', 'd'], ['c', 'd']],
    [{ a: 'b' }, ['c'], ['c']],
    [{ a: 'foo' }, null, null],
    [{ a: 'foo' }, 'bar', 'bar'],
    [{ e: null }, { a: 1 }, { e: null, a: 1 }],
    [[1, 2], { a: 'b', c: null }, { a: 'b' }],
    [{}, { a: { bb: { ccc: null } } }, { a: { bb: {} } }],
  ])('%j patched with %j is %j', (target, patch, expected) => {
    expect(applyMergePatch(target, patch)).toEqual(expected);
  });

  it('does not modify the target', () => {
    const target = { a: { b: 1 }, c: [1] };
    applyMergePatch(target, { a: { b: 2 }, c: null });
    expect(target).toEqual({ a: { b: 1 }, c: [1] });
  });

  it('keeps a __proto__ member as an own field instead of changing the prototype', () => {
    const patch = JSON.parse('{"__proto__":{"polluted":true}}') as unknown;
    const result = applyMergePatch({ a: 1 }, patch) as Record<string, unknown>;
    expect(Object.keys(result)).toEqual(['a', '__proto__']);
    expect(Object.getPrototypeOf(result)).toBe(Object.prototype);
    expect((result as { polluted?: unknown }).polluted).toBeUndefined();
  });
});

describe('unknownRemovals', () => {
  const current = { type: 'NEW', app: { name: 'A', sdks: [] }, entity: { name: 'E' } };
  const removals = (patch: unknown) => {
    const merged = applyMergePatch(current, patch);
    return unknownRemovals(patch, filingDocumentSchema, current, merged).map((p) => [p.path, p.code]);
  };

  it('reports removing a member the document does not define, at any depth', () => {
    expect(removals({ bogus: null, app: { 'xVGpy>B6O$wd': null, name: 'B' }, entity: { kind: null, owner: null } })).toEqual([
      ['bogus', 'UNKNOWN_FIELD'],
      ['app.xVGpy>B6O$wd', 'UNKNOWN_FIELD'],
      ['entity.owner', 'UNKNOWN_FIELD'],
    ]);
  });

  it('accepts removing defined members, and follows the branch of the patched type', () => {
    expect(removals({ app: { sdks: null }, entity: { name: null }, access: null })).toEqual([]);
    // CANCEL_APP has `reason` but no `app`.
    expect(removals({ type: 'CANCEL_APP', app: null, entity: null, reason: null })).toEqual([]);
    expect(removals({ type: 'CANCEL_APP', app: null, entity: null, access: { ips: null } })).toEqual([]);
  });
});
