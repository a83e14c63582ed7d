/**
 * A tiny indexed-colour raster and PNG encoder, pure TypeScript (no canvas, no zlib), for the
 * images the sample snapshots and benchmarks need: evidence photos and handwritten signatures.
 * Real inspections carry camera photos and signature-pad PNGs instead.
 *
 * Compression is DEFLATE with fixed Huffman codes and a run-length matcher (distance 1 and
 * distance = one row), which suits flat synthetic images well.
 */

export type Rgb = readonly [number, number, number];

export class Raster {
  readonly pixels: Uint8Array;

  constructor(
    readonly width: number,
    readonly height: number,
    readonly palette: readonly Rgb[],
    background = 0,
  ) {
    if (palette.length === 0 || palette.length > 256)
      throw new RangeError('palette of 1–256 colours');
    this.pixels = new Uint8Array(width * height).fill(background);
  }

  set(x: number, y: number, colour: number): void {
    const xi = Math.round(x);
    const yi = Math.round(y);
    if (xi < 0 || yi < 0 || xi >= this.width || yi >= this.height) return;
    this.pixels[yi * this.width + xi] = colour;
  }

  fillRect(x: number, y: number, w: number, h: number, colour: number): void {
    const x0 = Math.max(0, Math.round(x));
    const y0 = Math.max(0, Math.round(y));
    const x1 = Math.min(this.width, Math.round(x + w));
    const y1 = Math.min(this.height, Math.round(y + h));
    for (let yy = y0; yy < y1; yy++)
      this.pixels.fill(colour, yy * this.width + x0, yy * this.width + x1);
  }

  /** A disc of radius `r`: the pen tip of strokes. */
  dot(cx: number, cy: number, r: number, colour: number): void {
    for (let dy = -Math.ceil(r); dy <= Math.ceil(r); dy++) {
      for (let dx = -Math.ceil(r); dx <= Math.ceil(r); dx++) {
        if (dx * dx + dy * dy <= r * r) this.set(cx + dx, cy + dy, colour);
      }
    }
  }

  /** A stroke through `points` with pen radius `r`. */
  stroke(points: readonly (readonly [number, number])[], r: number, colour: number): void {
    for (let i = 1; i < points.length; i++) {
      const [x0, y0] = points[i - 1]!;
      const [x1, y1] = points[i]!;
      const steps = Math.max(1, Math.ceil(Math.hypot(x1 - x0, y1 - y0)));
      for (let s = 0; s <= steps; s++) {
        this.dot(x0 + ((x1 - x0) * s) / steps, y0 + ((y1 - y0) * s) / steps, r, colour);
      }
    }
  }
}

const CRC_TABLE = (() => {
  const t = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[n] = c >>> 0;
  }
  return t;
})();

export function crc32(bytes: Uint8Array, start = 0, end = bytes.length): number {
  let c = 0xffffffff;
  for (let i = start; i < end; i++) c = CRC_TABLE[(c ^ bytes[i]!) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function adler32(bytes: Uint8Array): number {
  let a = 1;
  let b = 0;
  for (let i = 0; i < bytes.length; i++) {
    a = (a + bytes[i]!) % 65521;
    b = (b + a) % 65521;
  }
  return ((b << 16) | a) >>> 0;
}

class BitWriter {
  private out: number[] = [];
  private acc = 0;
  private n = 0;

  /** Writes `count` bits of `value`, least significant first (DEFLATE's bit order). */
  bits(value: number, count: number): void {
    for (let i = 0; i < count; i++) {
      this.acc |= ((value >>> i) & 1) << this.n;
      if (++this.n === 8) this.flushByte();
    }
  }

  /** Writes a Huffman code, most significant bit first. */
  code(value: number, length: number): void {
    for (let i = length - 1; i >= 0; i--) this.bits((value >>> i) & 1, 1);
  }

  private flushByte(): void {
    this.out.push(this.acc);
    this.acc = 0;
    this.n = 0;
  }

  finish(): number[] {
    if (this.n > 0) this.flushByte();
    return this.out;
  }
}

const LENGTH_BASE = [
  3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31, 35, 43, 51, 59, 67, 83, 99, 115, 131,
  163, 195, 227, 258,
];
const LENGTH_EXTRA = [
  0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0,
];
const DIST_BASE = [
  1, 2, 3, 4, 5, 7, 9, 13, 17, 25, 33, 49, 65, 97, 129, 193, 257, 385, 513, 769, 1025, 1537, 2049,
  3073, 4097, 6145, 8193, 12289, 16385, 24577,
];
const DIST_EXTRA = [
  0, 0, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 8, 9, 9, 10, 10, 11, 11, 12, 12, 13, 13,
];

function writeLiteralOrLength(w: BitWriter, sym: number): void {
  if (sym < 144) w.code(0x30 + sym, 8);
  else if (sym < 256) w.code(0x190 + sym - 144, 9);
  else if (sym < 280) w.code(sym - 256, 7);
  else w.code(0xc0 + sym - 280, 8);
}

function lastIndexAtMost(table: readonly number[], v: number): number {
  let i = table.length - 1;
  while (table[i]! > v) i--;
  return i;
}

/** zlib stream (RFC 1950) of `data`, one fixed-Huffman DEFLATE block (RFC 1951). */
export function zlibDeflate(data: Uint8Array, rowLength: number): Uint8Array {
  const w = new BitWriter();
  w.bits(1, 1); // final block
  w.bits(1, 2); // fixed Huffman
  let i = 0;
  while (i < data.length) {
    let bestLen = 0;
    let bestDist = 0;
    for (const dist of [1, rowLength]) {
      if (dist > i || dist > 32768) continue;
      let len = 0;
      while (len < 258 && i + len < data.length && data[i + len] === data[i + len - dist]) len++;
      if (len > bestLen) {
        bestLen = len;
        bestDist = dist;
      }
    }
    if (bestLen >= 3) {
      const li = lastIndexAtMost(LENGTH_BASE, bestLen);
      writeLiteralOrLength(w, 257 + li);
      w.bits(bestLen - LENGTH_BASE[li]!, LENGTH_EXTRA[li]!);
      const di = lastIndexAtMost(DIST_BASE, bestDist);
      w.code(di, 5);
      w.bits(bestDist - DIST_BASE[di]!, DIST_EXTRA[di]!);
      i += bestLen;
    } else {
      writeLiteralOrLength(w, data[i]!);
      i++;
    }
  }
  writeLiteralOrLength(w, 256);
  const body = w.finish();
  const a = adler32(data);
  return Uint8Array.from([
    0x78,
    0x01,
    ...body,
    a >>> 24,
    (a >>> 16) & 0xff,
    (a >>> 8) & 0xff,
    a & 0xff,
  ]);
}

function u32(n: number): number[] {
  return [n >>> 24, (n >>> 16) & 0xff, (n >>> 8) & 0xff, n & 0xff];
}

function chunk(type: string, data: Uint8Array | number[]): number[] {
  const body = Uint8Array.from([...Array.from(type, (c) => c.charCodeAt(0)), ...data]);
  return [...u32(data.length), ...body, ...u32(crc32(body))];
}

/** PNG bytes of an indexed-colour raster (bit depth 8, filter 0 on every row). */
export function encodePng(r: Raster): Uint8Array {
  const rowLength = r.width + 1;
  const raw = new Uint8Array(rowLength * r.height);
  for (let y = 0; y < r.height; y++) {
    raw[y * rowLength] = 0;
    raw.set(r.pixels.subarray(y * r.width, (y + 1) * r.width), y * rowLength + 1);
  }
  const ihdr = [...u32(r.width), ...u32(r.height), 8, 3, 0, 0, 0];
  const plte = r.palette.flatMap((c) => [c[0], c[1], c[2]]);
  const idat = zlibDeflate(raw, rowLength);
  const bytes = [
    0x89,
    0x50,
    0x4e,
    0x47,
    0x0d,
    0x0a,
    0x1a,
    0x0a,
    ...chunk('IHDR', ihdr),
    ...chunk('PLTE', plte),
    ...chunk('IDAT', idat),
    ...chunk('IEND', []),
  ];
  return Uint8Array.from(bytes);
}

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

export function base64(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i < bytes.length; i += 3) {
    const a = bytes[i]!;
    const b = bytes[i + 1];
    const c = bytes[i + 2];
    const n = (a << 16) | ((b ?? 0) << 8) | (c ?? 0);
    out += B64[(n >>> 18) & 63]! + B64[(n >>> 12) & 63]!;
    out += b === undefined ? '=' : B64[(n >>> 6) & 63]!;
    out += c === undefined ? '=' : B64[n & 63]!;
  }
  return out;
}

export function pngDataUrl(r: Raster): string {
  return `data:image/png;base64,${base64(encodePng(r))}`;
}
