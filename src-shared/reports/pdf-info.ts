/**
 * Page count of a PDF written by pdfmake/pdfkit (classic objects, no object streams): the number
 * of distinct page objects (`/Type /Page`, not `/Type /Pages`). An object rewritten by an
 * incremental update (the signature adds an annotation to the first page) counts once. For the
 * preview before signing; not a general PDF parser.
 */
export function pdfPageCount(bytes: Uint8Array): number {
  let text = '';
  for (let i = 0; i < bytes.length; i += 0x8000) {
    text += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  }
  const pages = new Set<string>();
  const header = /(\d+)\s+(\d+)\s+obj\b/g;
  let m: RegExpExecArray | null;
  while ((m = header.exec(text)) !== null) {
    const end = text.indexOf('endobj', header.lastIndex);
    const body = text.slice(header.lastIndex, end < 0 ? text.length : end);
    // Only the object's own dictionary: stream data may contain anything.
    const dict = body.split('stream')[0] ?? '';
    if (/\/Type\s*\/Page(?![a-zA-Z])/.test(dict)) pages.add(m[1]!);
  }
  return pages.size;
}
