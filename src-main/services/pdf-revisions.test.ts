import { describe, expect, it } from 'vitest';
import { changesAfterRevisions, revisionEnds } from './pdf-revisions';

interface Update {
  objects: Record<number, string>;
  /** Extra xref lines (e.g. a free entry), appended to the revision's table. */
  xrefLines?: string[];
  /** Entries pointing objects at given offsets instead of their own definition. */
  pointAt?: Record<number, number>;
  root?: string;
  info?: string;
}

const BASE: Record<number, string> = {
  1: '<< /Type /Catalog /Pages 2 0 R >>',
  2: '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
  3: '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >>',
  4: '<< /Length 20 >>\nstream\nBT (all fine) Tj ET\nendstream',
  5: '<< /Title (report) /FieldbookDocumentNumber (FB-1) >>',
};

/** A classic-xref PDF: the base revision, then each update; the offset after each %%EOF\n. */
function build(updates: Update[]): { text: string; ends: number[]; offsets: Map<number, number> } {
  let text = '%PDF-1.7\n';
  const ends: number[] = [];
  const offsets = new Map<number, number>();
  let prev: number | null = null;
  for (const rev of [{ objects: BASE } as Update, ...updates]) {
    const entries: string[] = [];
    for (const [num, body] of Object.entries(rev.objects)) {
      offsets.set(Number(num), text.length);
      const at = rev.pointAt?.[Number(num)] ?? text.length;
      entries.push(`${num} 1`, `${String(at).padStart(10, '0')} 00000 n\r`);
      text += `${num} 0 obj\n${body}\nendobj\n`;
    }
    for (const [num, at] of Object.entries(rev.pointAt ?? {})) {
      if (!(num in rev.objects))
        entries.push(`${num} 1`, `${String(at).padStart(10, '0')} 00000 n\r`);
    }
    const xrefAt = text.length;
    text += `xref\n${[...entries, ...(rev.xrefLines ?? [])].join('\n')}\n`;
    text += `trailer\n<< /Size 40 /Root ${rev.root ?? '1 0 R'} /Info ${rev.info ?? '5 0 R'}${prev === null ? '' : ` /Prev ${prev}`} >>\n`;
    text += `startxref\n${xrefAt}\n%%EOF\n`;
    ends.push(text.length);
    prev = xrefAt;
  }
  return { text, ends, offsets };
}

/** What the project's countersigning adds: signature, field, AcroForm, catalog, page. */
const COUNTERSIGN: Record<number, string> = {
  10: '<< /Type /Sig /Filter /Adobe.PPKLite /ByteRange [0 1 2 3] /Contents <00> >>',
  11: '<< /Type /Annot /Subtype /Widget /FT /Sig /Rect [0 0 0 0] /V 10 0 R /P 3 0 R >>',
  12: '<< /Type /AcroForm /SigFlags 3 /Fields [11 0 R] >>',
  1: '<< /Type /Catalog /Pages 2 0 R /AcroForm 12 0 R >>',
  3: '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Annots [11 0 R] >>',
};

function changes(updates: Update[]): string[] {
  const { text, ends } = build(updates);
  return changesAfterRevisions(text, [ends[0]!]).get(ends[0]!)!;
}

describe('changesAfterRevisions', () => {
  it('finds the revision ends, with and without the end of line after %%EOF', () => {
    const { text, ends } = build([{ objects: COUNTERSIGN }]);
    expect(revisionEnds(text)).toEqual(ends.flatMap((e) => [e - 1, e]));
  });

  it('countersigning, a second one and a visible signature with its appearance are no changes', () => {
    expect(changes([{ objects: COUNTERSIGN }])).toEqual([]);
    expect(
      changes([
        { objects: COUNTERSIGN },
        {
          objects: {
            20: '<< /Type /Sig /ByteRange [0 1 2 3] /Contents <00> >>',
            21: '<< /Type /Annot /Subtype /Widget /FT /Sig /Rect [50 50 200 100] /V 20 0 R /AP << /N 22 0 R >> >>',
            22: '<< /Type /XObject /Subtype /Form /BBox [0 0 150 50] /Resources << /Font << /F1 23 0 R >> >> /Length 10 >>\nstream\nBT (ok) Tj\nendstream',
            23: '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
            12: '<< /Type /AcroForm /SigFlags 3 /Fields [11 0 R 21 0 R] >>',
            3: '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Annots [11 0 R 21 0 R] >>',
          },
        },
      ]),
    ).toEqual([]);
  });

  it('validation data (DSS) added to the catalog is no change', () => {
    expect(
      changes([
        {
          objects: {
            30: '<< /Type /DSS /Certs [31 0 R] >>',
            31: '<< /Length 3 >>\nstream\nabc\nendstream',
            1: '<< /Type /Catalog /Pages 2 0 R /DSS 30 0 R >>',
          },
        },
      ]),
    ).toEqual([]);
  });

  it('reports content, pages, the Info dictionary and other objects added or replaced', () => {
    expect(
      changes([{ objects: { ...COUNTERSIGN, 4: '<< /Length 3 >>\nstream\nnew\nendstream' } }]),
    ).toEqual(['object 4 0: an existing object is replaced (content, resources or other)']);
    expect(
      changes([{ objects: { ...COUNTERSIGN, 13: '<< /Length 1 >>\nstream\nx\nendstream' } }]),
    ).toEqual(['object 13 0: a content or other object is added']);
    expect(changes([{ objects: { 5: '<< /FieldbookDocumentNumber (FB-2) >>' } }])).toEqual([
      'object 5 0: an existing object is replaced (content, resources or other)',
    ]);
    expect(
      changes([
        {
          objects: {
            ...COUNTERSIGN,
            3: '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Rotate 180 /Annots [11 0 R] >>',
          },
        },
      ]),
    ).toEqual(['object 3 0: a page is changed (beyond adding signature fields to /Annots)']);
    expect(
      changes([
        {
          objects: {
            ...COUNTERSIGN,
            14: '<< /Type /Annot /Subtype /FreeText /Rect [0 0 595 842] /Contents (void) >>',
            3: '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Annots [11 0 R 14 0 R] >>',
          },
        },
      ]),
    ).toEqual(
      expect.arrayContaining([
        'object 14 0: a content or other object is added',
        'object 3 0 (a page) gains references to object(s) 14, which are not signature fields added after signing',
      ]),
    );
    expect(
      changes([{ objects: { 1: '<< /Type /Catalog /Pages 2 0 R /OpenAction 4 0 R >>' } }]),
    ).toEqual(['object 1 0: the document catalog is changed beyond adding /AcroForm or /DSS']);
    expect(
      changes([{ objects: { 2: '<< /Type /Pages /Kids [3 0 R 3 0 R] /Count 2 >>' } }]),
    ).toEqual(['object 2 0: the page tree is changed']);
  });

  it('reports deletions, entries pointing into the signed bytes, another catalog, object streams', () => {
    expect(changes([{ objects: COUNTERSIGN, xrefLines: ['4 1', '0000000000 00001 f\r'] }])).toEqual(
      ['a later revision deletes object 4'],
    );
    // Object 3 pointed at bytes of the signed revision (e.g. a page hidden in a stream there).
    const { offsets } = build([]);
    expect(changes([{ objects: COUNTERSIGN, pointAt: { 3: offsets.get(4)! } }])).toContain(
      'a later cross-reference table points object 3 at bytes that are not its later definition',
    );
    expect(changes([{ objects: COUNTERSIGN, root: '12 0 R' }])).toContain(
      'a later revision names another document catalog',
    );
    expect(
      changes([
        {
          objects: {
            15: '<< /Type /ObjStm /N 1 /First 4 /Length 10 >>\nstream\n3 0 << >>\nendstream',
          },
        },
      ]),
    ).toEqual([
      'object 15 0: a later revision uses a object stream, whose contents are not checked',
    ]);
  });

  it('is linear: 100k objects after a signature are examined in a few seconds at most', () => {
    const many: Record<number, string> = {};
    for (let i = 0; i < 100_000; i++) many[100 + i] = `<< /N ${i} >>`;
    const { text, ends } = build([{ objects: many }]);
    const started = Date.now();
    const found = changesAfterRevisions(text, [ends[0]!]).get(ends[0]!)!;
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(found).toHaveLength(21);
    expect(found[0]).toBe(
      'more than 20000 objects are added or replaced after signing (not examined one by one)',
    );
    expect(found[20]).toMatch(/^… and \d+ more changes$/);
  });
});
