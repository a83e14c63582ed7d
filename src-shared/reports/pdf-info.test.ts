import { describe, expect, it } from 'vitest';
import { pdfPageCount } from './pdf-info';

describe('pdfPageCount', () => {
  it('counts page objects, not the page tree', () => {
    const pdf = new TextEncoder().encode(
      '%PDF-1.3\n1 0 obj\n<< /Type /Pages /Count 2 /Kids [2 0 R 3 0 R] >>\nendobj\n2 0 obj\n<< /Type /Page /Parent 1 0 R >>\nendobj\n3 0 obj\n<</Type/Page/Parent 1 0 R>>\nendobj\n',
    );
    expect(pdfPageCount(pdf)).toBe(2);
    // An incremental update rewriting page 2 does not add a page.
    const updated = new TextEncoder().encode(
      `${new TextDecoder().decode(pdf)}2 0 obj\n<< /Type /Page /Parent 1 0 R /Annots [9 0 R] >>\nendobj\n`,
    );
    expect(pdfPageCount(updated)).toBe(2);
    expect(pdfPageCount(new Uint8Array())).toBe(0);
  });
});
