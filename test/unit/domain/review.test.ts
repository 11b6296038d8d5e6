import { checkRecordNumber, checkReviewDecision, parseWithProblems, reviewDecisionSchema } from '../../../lambdas/shared/domain/index.js';

const codes = (problems: { code: string; path: string }[]) => problems.map((p) => `${p.code} ${p.path}`);

describe('checkRecordNumber', () => {
  it('accepts an APP record number of the entity\'s province', () => {
    expect(checkRecordNumber('宁ICP备2024000001号-2A', '640000')).toEqual([]);
    expect(checkRecordNumber('京ICP备123456号-1A', '110000')).toEqual([]);
  });

  it('accepts the older province characters', () => {
    expect(checkRecordNumber('蜀ICP备2024000001号-1A', '510000')).toEqual([]);
    expect(checkRecordNumber('黔ICP备2024000001号-1A', '520000')).toEqual([]);
    expect(checkRecordNumber('滇ICP备2024000001号-1A', '530000')).toEqual([]);
    expect(checkRecordNumber('陇ICP备2024000001号-1A', '620000')).toEqual([]);
    expect(checkRecordNumber('秦ICP备2024000001号-1A', '610000')).toEqual([]);
  });

  it.each([
    ['a website number (no letter)', '宁ICP备2024000001号-2'],
    ['a mini program number', '宁ICP备2024000001号-2X'],
    ['a quick app number', '宁ICP备2024000001号-2K'],
    ['too few digits', '宁ICP备12345号-2A'],
    ['too many digits', '宁ICP备12345678901号-2A'],
    ['no sequence', '宁ICP备2024000001号A'],
    ['an unknown province character', '港ICP备2024000001号-2A'],
    ['nothing', undefined],
  ])('RECORD_NUMBER_INVALID: %s', (_what, number) => {
    expect(codes(checkRecordNumber(number, '640000'))).toEqual(['RECORD_NUMBER_INVALID recordNumber']);
  });

  it('RECORD_NUMBER_PROVINCE_MISMATCH: another province\'s character', () => {
    const problems = checkRecordNumber('京ICP备2024000001号-2A', '640000');
    expect(codes(problems)).toEqual(['RECORD_NUMBER_PROVINCE_MISMATCH recordNumber']);
    expect(problems[0]!.messageZh).toContain('宁');
  });
});

describe('checkReviewDecision', () => {
  const caNew = { stage: 'CA_DECISION' as const, type: 'NEW' as const, verificationMethod: 'ELECTRONIC' as const, provinceCode: '640000' };
  const preliminaryManual = { stage: 'PRELIMINARY_REVIEW' as const, type: 'NEW' as const, verificationMethod: 'MANUAL' as const, provinceCode: '640000' };

  it('a REJECT needs reasons', () => {
    expect(codes(checkReviewDecision({ decision: 'REJECT' }, caNew))).toEqual(['FIELD_REQUIRED reasons']);
    expect(codes(checkReviewDecision({ decision: 'REJECT', reasons: [] }, caNew))).toEqual(['FIELD_REQUIRED reasons']);
    expect(checkReviewDecision({ decision: 'REJECT', reasons: [{ code: 'DOMAIN_HOLDER_MISMATCH', message: 'registrant differs' }] }, caNew)).toEqual([]);
  });

  it('the CA approval of a NEW filing needs a valid record number; of a change, none', () => {
    expect(codes(checkReviewDecision({ decision: 'APPROVE' }, caNew))).toEqual(['RECORD_NUMBER_INVALID recordNumber']);
    expect(codes(checkReviewDecision({ decision: 'APPROVE', recordNumber: '京ICP备2024000001号-2A' }, caNew))).toEqual(['RECORD_NUMBER_PROVINCE_MISMATCH recordNumber']);
    expect(checkReviewDecision({ decision: 'APPROVE', recordNumber: '宁ICP备2024000001号-2A' }, caNew)).toEqual([]);
    expect(checkReviewDecision({ decision: 'APPROVE' }, { ...caNew, type: 'CHANGE_INFO' })).toEqual([]);
  });

  it('a MANUAL preliminary approval needs paperMaterialsReceived: true', () => {
    expect(codes(checkReviewDecision({ decision: 'APPROVE' }, preliminaryManual))).toEqual(['FIELD_REQUIRED paperMaterialsReceived']);
    expect(codes(checkReviewDecision({ decision: 'APPROVE', paperMaterialsReceived: false }, preliminaryManual))).toEqual(['FIELD_REQUIRED paperMaterialsReceived']);
    expect(checkReviewDecision({ decision: 'APPROVE', paperMaterialsReceived: true }, preliminaryManual)).toEqual([]);
    expect(checkReviewDecision({ decision: 'APPROVE' }, { ...preliminaryManual, verificationMethod: 'ELECTRONIC' })).toEqual([]);
  });

  it('the decision body is strict', () => {
    const result = parseWithProblems(reviewDecisionSchema, { decision: 'MAYBE', taskToken: 'x' });
    expect(result.ok ? [] : codes(result.problems)).toEqual(['FIELD_TYPE decision', 'UNKNOWN_FIELD taskToken']);
  });
});
