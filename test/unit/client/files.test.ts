import { kindOfFileName, sniffContentType, UNKNOWN_CONTENT_TYPE } from '../../../lib/client/node/index.js';

describe('attachments from disk', () => {
  it('takes the content type from the bytes, not the name', () => {
    expect(sniffContentType(new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0]))).toBe('image/png');
    expect(sniffContentType(new Uint8Array([0xff, 0xd8, 0xff, 0xe0]))).toBe('image/jpeg');
    expect(sniffContentType(new TextEncoder().encode('%PDF-1.7\n'))).toBe('application/pdf');
    expect(sniffContentType(new TextEncoder().encode('GIF89a'))).toBe(UNKNOWN_CONTENT_TYPE);
    expect(sniffContentType(new Uint8Array())).toBe(UNKNOWN_CONTENT_TYPE);
  });

  it('knows the kind a file is named after', () => {
    expect(kindOfFileName('/tmp/x/APP_ICON.png')).toBe('APP_ICON');
    expect(kindOfFileName('entity-certificate.PDF')).toBe('ENTITY_CERTIFICATE');
    expect(kindOfFileName('App_Principal_Photo.jpeg')).toBe('APP_PRINCIPAL_PHOTO');
    expect(kindOfFileName('icon.png')).toBeUndefined();
    expect(kindOfFileName('APP_ICON.png.bak')).toBeUndefined();
  });
});
