/**
 * Sample attachment files that meet (or deliberately miss) the constraints of each kind, made
 * in memory with no image library: PNGs sized by mixing flat colour with incompressible
 * noise, and a minimal PDF. The demo uploads them; tests use them for both sides of a rule.
 */
import { crc32, deflateSync } from 'node:zlib';

export interface SamplePngOptions {
  width: number;
  height: number;
  /** Aim for a file of about this many bytes (noise is added until it is reached). */
  targetBytes?: number;
  /** false makes an 8-bit grayscale PNG (colour type 0) instead of RGB. */
  colour?: boolean;
  /** Seed of the noise, so every run makes the same bytes. */
  seed?: number;
}

/** A deterministic xorshift generator: the same seed gives the same file. */
function noise(seed: number): () => number {
  let x = seed | 0 || 0x9e3779b9;
  return () => {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    return x & 0xff;
  };
}

function chunk(type: string, data: Buffer): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, 'latin1');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])) >>> 0, 0);
  return Buffer.concat([head, data, crc]);
}

function encodePng(width: number, height: number, colour: boolean, noisyBytes: number, seed: number): Buffer {
  const channels = colour ? 3 : 1;
  const stride = width * channels + 1; // one filter byte per row
  const raw = Buffer.alloc(stride * height);
  const next = noise(seed);
  let noisy = noisyBytes;
  for (let y = 0; y < height; y++) {
    const row = y * stride;
    raw[row] = 0; // filter: none
    for (let i = 1; i < stride; i++) {
      // A soft gradient (compresses to almost nothing) with noise in the first rows until
      // the wanted amount of incompressible data is in.
      raw[row + i] = noisy > 0 ? next() : (colour ? [200, 120 + (y % 64), 60][(i - 1) % 3] : 180);
      if (noisy > 0) noisy--;
    }
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = colour ? 2 : 0; // colour type: RGB or grayscale
  const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  return Buffer.concat([
    signature,
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(raw, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/** A PNG of the given size, close to `targetBytes` when given (within about 1%). */
export function samplePng(options: SamplePngOptions): Buffer {
  const { width, height, targetBytes, colour = true, seed = 1 } = options;
  if (!targetBytes) return encodePng(width, height, colour, 0, seed);
  // Noise bytes map almost one to one to file bytes: start there and correct once or twice.
  let noisy = Math.max(0, targetBytes - 200);
  let png = encodePng(width, height, colour, noisy, seed);
  for (let i = 0; i < 3 && Math.abs(png.length - targetBytes) > targetBytes * 0.01; i++) {
    noisy = Math.max(0, noisy + (targetBytes - png.length));
    png = encodePng(width, height, colour, noisy, seed);
  }
  return png;
}

/** A minimal well-formed one-page PDF (the authenticity form, letters, screenshots). */
export function samplePdf(title = 'ICP recordal sample document'): Buffer {
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>',
    null, // content stream, below
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
  ];
  const text = `BT /F1 18 Tf 72 760 Td (${title.replace(/[()\\]/g, '')}) Tj ET`;
  objects[3] = `<< /Length ${text.length} >>\nstream\n${text}\nendstream`;
  let body = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((object, i) => {
    offsets.push(body.length);
    body += `${i + 1} 0 obj\n${object}\nendobj\n`;
  });
  const xref = body.length;
  body += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  body += offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('');
  body += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(body, 'latin1');
}

/** The file the demo uploads for each attachment kind of docs/design/rules.md, meeting its constraints. */
export function sampleAttachment(kind: string): { bytes: Buffer; contentType: string; fileName: string } {
  const png = (width: number, height: number, targetBytes?: number) => ({
    bytes: samplePng({ width, height, targetBytes, seed: kind.length }),
    contentType: 'image/png',
    fileName: `${kind.toLowerCase()}.png`,
  });
  switch (kind) {
    case 'ENTITY_CERTIFICATE':
      return png(1600, 1150, 150 * 1024);
    case 'ENTITY_PRINCIPAL_ID':
    case 'APP_PRINCIPAL_ID':
      return png(800, 1300, 150 * 1024);
    case 'APP_PRINCIPAL_PHOTO':
      return png(600, 800, 150 * 1024);
    case 'APP_ICON':
      return png(512, 512, 20 * 1024);
    default:
      return { bytes: samplePdf(kind), contentType: 'application/pdf', fileName: `${kind.toLowerCase()}.pdf` };
  }
}
