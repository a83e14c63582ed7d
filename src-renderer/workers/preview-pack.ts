/**
 * The preview pages of a rendering, packed for the trip from the PDF worker to the UI thread.
 *
 * A large report's laid-out pages are hundreds of thousands of drawing operations: posted as
 * objects, their structured clone was deserialised on the UI thread in one task (≈600 ms for the
 * 400-page ops service report). Packed, each page is its own UTF-8 JSON slice of one ArrayBuffer
 * that is transferred (not copied), and the UI decodes a page only when it is shown.
 */
import type { PreviewPage } from './pdf-preview-pages';

/** One buffer of UTF-8 JSON pages; page `i` is the bytes `offsets[i]` to `offsets[i + 1]`. */
export interface PackedPreview {
  buffer: ArrayBuffer;
  offsets: number[];
}

export function packPreview(pages: readonly PreviewPage[]): PackedPreview {
  const encoder = new TextEncoder();
  const parts = pages.map((p) => encoder.encode(JSON.stringify(p)));
  const offsets = [0];
  for (const part of parts) offsets.push(offsets[offsets.length - 1]! + part.byteLength);
  const bytes = new Uint8Array(offsets[offsets.length - 1]!);
  parts.forEach((part, i) => bytes.set(part, offsets[i]));
  return { buffer: bytes.buffer, offsets };
}

/** The pages of one rendering, decoded one at a time as they are shown (and kept once decoded). */
export class PreviewDocument {
  private readonly decoded = new Map<number, PreviewPage>();
  private readonly decoder = new TextDecoder();

  constructor(private readonly packed: PackedPreview) {}

  get count(): number {
    return this.packed.offsets.length - 1;
  }

  /** Page `index` (0-based); undefined outside the document. */
  page(index: number): PreviewPage | undefined {
    if (!Number.isInteger(index) || index < 0 || index >= this.count) return undefined;
    let page = this.decoded.get(index);
    if (page === undefined) {
      const { buffer, offsets } = this.packed;
      const slice = new Uint8Array(buffer, offsets[index], offsets[index + 1]! - offsets[index]!);
      page = JSON.parse(this.decoder.decode(slice)) as PreviewPage;
      this.decoded.set(index, page);
    }
    return page;
  }
}
