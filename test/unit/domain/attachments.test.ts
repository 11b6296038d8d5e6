import { crc32 } from 'node:zlib';
import {
  ATTACHMENT_CONSTRAINTS,
  ATTACHMENT_KINDS,
  attachmentRequirements,
  checkAttachmentBytes,
  parseFilingDraft,
  sniffFormat,
  type FilingDocument,
} from '../../../lambdas/shared/domain/index.js';
import { accountA, exampleFiling, exampleWith } from './fixtures.js';

/** The header of a PNG: signature and an IHDR chunk (8-bit, the given colour type). */
function png(width: number, height: number, colourType: number): Uint8Array {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr.writeUInt8(8, 8);
  ihdr.writeUInt8(colourType, 9);
  const chunk = Buffer.concat([Buffer.from('IHDR'), ihdr]);
  const length = Buffer.alloc(4);
  length.writeUInt32BE(13);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(chunk));
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), length, chunk, crc]);
}

/** The header of a baseline JPEG: SOI, a JFIF APP0 segment and a SOF0 frame header with `components`. */
function jpeg(width: number, height: number, components: 1 | 3): Uint8Array {
  const app0 = Buffer.from([0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00, 0x01, 0x01, 0x00, 0x00, 0x01, 0x00, 0x01, 0x00, 0x00]);
  const sof = Buffer.alloc(10 + 3 * components);
  sof.writeUInt16BE(0xffc0, 0);
  sof.writeUInt16BE(8 + 3 * components, 2);
  sof.writeUInt8(8, 4);
  sof.writeUInt16BE(height, 5);
  sof.writeUInt16BE(width, 7);
  sof.writeUInt8(components, 9);
  for (let c = 0; c < components; c++) sof.set([c + 1, 0x11, c === 0 ? 0 : 1], 10 + 3 * c);
  return Buffer.concat([Buffer.from([0xff, 0xd8]), app0, sof, Buffer.from([0xff, 0xda, 0x00, 0x08])]);
}

const pdf = Buffer.from('%PDF-1.7\n%âãÏÓ\n1 0 obj\n<<>>\nendobj\n');
const KiB = 1024;
const codes = (problems: { code: string }[]) => problems.map((p) => p.code);

describe('sniffFormat', () => {
  it('judges by the bytes', () => {
    expect(sniffFormat(png(10, 10, 2))).toBe('image/png');
    expect(sniffFormat(jpeg(10, 10, 3))).toBe('image/jpeg');
    expect(sniffFormat(pdf)).toBe('application/pdf');
    expect(sniffFormat(Buffer.from('GIF89a'))).toBeUndefined();
  });
});

describe('checkAttachmentBytes', () => {
  it('accepts a colour ID photo of 720×1280 in either orientation, PNG or JPEG', () => {
    expect(checkAttachmentBytes('ENTITY_PRINCIPAL_ID', { contentLength: 150 * KiB, head: png(720, 1280, 2) })).toEqual([]);
    expect(checkAttachmentBytes('APP_PRINCIPAL_ID', { contentLength: 150 * KiB, head: jpeg(1280, 720, 3) })).toEqual([]);
    expect(checkAttachmentBytes('ENTITY_CERTIFICATE', { contentLength: 100 * KiB, head: jpeg(1500, 1100, 3) })).toEqual([]);
  });

  it('ATTACHMENT_TYPE: a format the kind does not allow, whatever the file is called', () => {
    expect(codes(checkAttachmentBytes('ENTITY_CERTIFICATE', { contentLength: 150 * KiB, head: pdf }))).toEqual(['ATTACHMENT_TYPE']);
    expect(codes(checkAttachmentBytes('AUTHENTICITY_FORM', { contentLength: 150 * KiB, head: Buffer.from('GIF89a......') }))).toEqual(['ATTACHMENT_TYPE']);
    expect(checkAttachmentBytes('AUTHENTICITY_FORM', { contentLength: 150 * KiB, head: pdf })).toEqual([]);
  });

  it('ATTACHMENT_SIZE: outside the kind\'s byte range', () => {
    expect(codes(checkAttachmentBytes('APP_PRINCIPAL_PHOTO', { contentLength: 99 * KiB, head: png(800, 800, 6) }))).toEqual(['ATTACHMENT_SIZE']);
    expect(codes(checkAttachmentBytes('APP_PRINCIPAL_PHOTO', { contentLength: 200 * KiB + 1, head: png(800, 800, 6) }))).toEqual(['ATTACHMENT_SIZE']);
    expect(codes(checkAttachmentBytes('DOMAIN_CERTIFICATE', { contentLength: 5 * 1024 * KiB + 1, head: pdf }))).toEqual(['ATTACHMENT_SIZE']);
    expect(checkAttachmentBytes('APP_PRINCIPAL_PHOTO', { contentLength: 200 * KiB, head: png(800, 800, 6) })).toEqual([]);
  });

  it('ATTACHMENT_RESOLUTION: below the minimum, or an icon that is not square', () => {
    expect(codes(checkAttachmentBytes('ENTITY_CERTIFICATE', { contentLength: 150 * KiB, head: jpeg(1100, 1500, 3) }))).toEqual(['ATTACHMENT_RESOLUTION']);
    expect(codes(checkAttachmentBytes('ENTITY_PRINCIPAL_ID', { contentLength: 150 * KiB, head: png(719, 1280, 2) }))).toEqual(['ATTACHMENT_RESOLUTION']);
    expect(codes(checkAttachmentBytes('APP_ICON', { contentLength: 20 * KiB, head: png(512, 500, 6) }))).toEqual(['ATTACHMENT_RESOLUTION']);
    expect(checkAttachmentBytes('APP_ICON', { contentLength: 20 * KiB, head: png(512, 512, 6) })).toEqual([]);
  });

  it('ATTACHMENT_NOT_COLOUR: a grayscale PNG or single-component JPEG where colour is required', () => {
    expect(codes(checkAttachmentBytes('ENTITY_CERTIFICATE', { contentLength: 150 * KiB, head: png(1600, 1200, 0) }))).toEqual(['ATTACHMENT_NOT_COLOUR']);
    expect(codes(checkAttachmentBytes('ENTITY_CERTIFICATE', { contentLength: 150 * KiB, head: png(1600, 1200, 4) }))).toEqual(['ATTACHMENT_NOT_COLOUR']);
    expect(codes(checkAttachmentBytes('APP_PRINCIPAL_PHOTO', { contentLength: 150 * KiB, head: jpeg(800, 800, 1) }))).toEqual(['ATTACHMENT_NOT_COLOUR']);
    expect(checkAttachmentBytes('ENTITY_CERTIFICATE', { contentLength: 150 * KiB, head: png(1600, 1200, 3) })).toEqual([]);
    // The icon has no colour constraint.
    expect(checkAttachmentBytes('APP_ICON', { contentLength: 20 * KiB, head: png(64, 64, 0) })).toEqual([]);
  });

  it('reports every problem of one object, with both messages', () => {
    const problems = checkAttachmentBytes('ENTITY_PRINCIPAL_ID', { contentLength: 10 * KiB, head: jpeg(300, 400, 1) });
    expect(codes(problems)).toEqual(['ATTACHMENT_SIZE', 'ATTACHMENT_RESOLUTION', 'ATTACHMENT_NOT_COLOUR']);
    for (const p of problems) {
      expect(p.path).toBe('attachments.ENTITY_PRINCIPAL_ID');
      expect(p.messageZh).toContain('主办单位负责人证件');
      expect(p.messageZh).not.toMatch(/at (most|least)|pixels/);
    }
    expect(problems[0]!.message).toContain('100 KiB–200 KiB');
    expect(problems[1]!.messageZh).toContain('至少720×1280像素（横竖均可）');
  });

  it('ATTACHMENT_TYPE for an image whose header cannot be read', () => {
    expect(codes(checkAttachmentBytes('APP_ICON', { contentLength: 20 * KiB, head: Buffer.from([0xff, 0xd8, 0xff, 0xe0]) }))).toEqual(['ATTACHMENT_TYPE']);
  });
});

describe('attachmentRequirements', () => {
  const parsed = (input: unknown): FilingDocument => {
    const r = parseFilingDraft(input);
    if (!r.ok) throw new Error(JSON.stringify(r.problems));
    return r.document;
  };
  const required = (doc: FilingDocument, ...rest: [Parameters<typeof attachmentRequirements>[1], Parameters<typeof attachmentRequirements>[2], FilingDocument?]) =>
    attachmentRequirements(doc, ...rest).filter((r) => r.required).map((r) => r.kind);

  it('lists every kind for NEW, each with constraints and a reason', () => {
    const all = attachmentRequirements(parsed(exampleFiling()), accountA, 'ELECTRONIC');
    expect(new Set(all.map((r) => r.kind))).toEqual(new Set(ATTACHMENT_KINDS));
    for (const r of all) {
      expect(r.constraints).toBe(ATTACHMENT_CONSTRAINTS[r.kind]);
      expect(r.reason).not.toBe('');
      expect(r.reasonZh).toMatch(/[\u4e00-\u9fff]/);
    }
    expect(ATTACHMENT_CONSTRAINTS.ENTITY_PRINCIPAL_ID).toMatchObject({ minBytes: 100 * KiB, maxBytes: 200 * KiB, minWidth: 720, minHeight: 1280, colour: true });
  });

  it('AUTHORIZATION_LETTER_REQUIRED: the letter is required when the persons in charge differ', () => {
    const letter = attachmentRequirements(parsed(exampleFiling()), accountA, 'ELECTRONIC').find((r) => r.kind === 'AUTHORIZATION_LETTER');
    expect(letter).toMatchObject({ required: true, reasonCode: 'AUTHORIZATION_LETTER_REQUIRED' });
    const same = parsed(exampleWith({ 'app.principal': exampleFiling().entityPrincipal }));
    expect(required(same, accountA, 'ELECTRONIC')).not.toContain('AUTHORIZATION_LETTER');
  });

  it('CONFIRMATION_LETTER when the entity is not the account\'s company; COMMITMENT_LETTER for electronic verification in Ningxia', () => {
    const doc = parsed(exampleFiling());
    expect(required(doc, { ...accountA, companyName: '别的公司' }, 'ELECTRONIC')).toContain('CONFIRMATION_LETTER');
    expect(required(doc, accountA, 'ELECTRONIC')).toContain('COMMITMENT_LETTER');
    expect(required(doc, accountA, 'MANUAL')).not.toContain('COMMITMENT_LETTER');
    const beijing = parsed(exampleWith({ 'entity.province': '110000', 'entity.certificateNumber': '91110000600037341L' }));
    expect(required(beijing, accountA, 'ELECTRONIC')).not.toContain('COMMITMENT_LETTER');
  });

  it('one PRE_APPROVAL_DOCUMENT per pre-approval entry', () => {
    const entry = { category: 'ONLINE_GAMES', documentNumber: '国新出审〔2026〕1号', issuer: '国家新闻出版署', validTo: '2030-01-01' };
    const doc = parsed(exampleWith({ 'app.preApprovals': [entry, { ...entry, category: 'CULTURE', documentNumber: '宁网文〔2026〕2号' }] }));
    expect(required(doc, accountA, 'ELECTRONIC').filter((k) => k === 'PRE_APPROVAL_DOCUMENT')).toHaveLength(2);
  });

  it('changes need the authenticity form and the documents of what they change; CHANGE_IP and cancellations none', () => {
    const target = parsed(exampleFiling());
    const entityChange = parsed({ type: 'CHANGE_ENTITY', targetFilingId: 'f', entity: exampleFiling().entity, entityPrincipal: exampleFiling().entityPrincipal });
    expect(required(entityChange, accountA, 'ELECTRONIC', target)).toEqual(['AUTHENTICITY_FORM', 'ENTITY_CERTIFICATE', 'ENTITY_PRINCIPAL_ID', 'AUTHORIZATION_LETTER']);
    const appChange = parsed({ type: 'CHANGE_INFO', targetFilingId: 'f', app: { domains: exampleFiling().app.domains } });
    expect(required(appChange, accountA, 'ELECTRONIC', target)).toEqual(['AUTHENTICITY_FORM', 'APP_ICON']);
    const principalChange = parsed({ type: 'CHANGE_INFO', targetFilingId: 'f', app: { principal: exampleFiling().entityPrincipal } });
    expect(required(principalChange, accountA, 'ELECTRONIC', target)).toEqual(['AUTHENTICITY_FORM', 'APP_PRINCIPAL_ID']);
    expect(required(parsed({ type: 'CHANGE_IP', targetFilingId: 'f', access: { ips: ['52.83.10.11'] } }), accountA, 'ELECTRONIC', target)).toEqual([]);
    expect(required(parsed({ type: 'CANCEL_ENTITY', targetFilingId: 'f' }), accountA, 'MANUAL', target)).toEqual([]);
  });
});
