import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { describe, expect, it, vi } from 'vitest';
import { sampleFaultSnapshot, sampleInspectionSnapshot } from '../../src-shared/reports/sample';
import { samplePlan } from '../../src-shared/domain/planning/sample-plan';
import { buildPlanningSnapshot } from '../../src-shared/reports/kinds/planning-document/snapshot';
import type {
  BrowserPdfMake,
  PdfRenderProgress,
  PdfRenderRequest,
  PdfRenderResponse,
} from '../../src-renderer/workers/pdf-render-core';
import { createPdfRenderer, createRenderQueue } from '../../src-renderer/workers/pdf-render-core';
import type { PreviewPage } from '../../src-renderer/workers/pdf-preview-pages';
import type { PackedPreview } from '../../src-renderer/workers/preview-pack';
import { PreviewDocument } from '../../src-renderer/workers/preview-pack';

/** Every page of a packed preview, decoded. */
function allPages(packed: PackedPreview | undefined): PreviewPage[] {
  if (packed === undefined) throw new Error('no preview');
  const doc = new PreviewDocument(packed);
  return Array.from({ length: doc.count }, (_, i) => doc.page(i)!);
}

// The browser build of pdfmake, the one the worker bundles, run under Node.
const require = createRequire(import.meta.url);
const pdfMake = require('pdfmake/build/pdfmake') as BrowserPdfMake;

function ab(path: string): ArrayBuffer {
  const b = readFileSync(new URL(`../../resources/fonts/${path}`, import.meta.url));
  return b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength);
}

describe('worker PDF rendering core (pdfmake browser build, fonts in the virtual file system)', () => {
  let loads = 0;
  const render = createPdfRenderer(pdfMake, () => {
    loads++;
    return Promise.resolve({
      normal: ab('NotoSansSC_400Regular.ttf'),
      bold: ab('NotoSansSC_700Bold.ttf'),
    });
  });

  it('renders an inspection and a fault report, loading the fonts once', async () => {
    const a = await render({
      id: 1,

      snapshot: sampleInspectionSnapshot({ nodes: 4 }),
      lang: 'zh',
    });
    const b = await render({ id: 2, snapshot: sampleFaultSnapshot(), lang: 'en' });
    for (const [r, id] of [
      [a, 1],
      [b, 2],
    ] as const) {
      expect(r.id).toBe(id);
      if (!r.ok) throw new Error(r.error);
      const head = Buffer.from(r.pdf).subarray(0, 5).toString('latin1');
      expect(head).toBe('%PDF-');
      // Subset CID font of the Noto Sans SC regular face is embedded.
      expect(Buffer.from(r.pdf).toString('latin1')).toMatch(
        /\/BaseFont \/[A-Z]{6}\+NotoSansSC-Regular/,
      );
    }
    expect(loads).toBe(1);
  }, 60_000);

  it('renders a planning document through the kinds registry', async () => {
    const snapshot = buildPlanningSnapshot({
      plan: samplePlan(),
      documentNumber: 'FB-PLN-20261203-0001',
      issuedAt: '2026-12-03T10:00:00.000+08:00',
      customer: { name: '华东示例城市商业银行' },
      site: { name: '数据中心 A', timeZone: 'Asia/Shanghai' },
      environment: '生产环境',
      engineers: [{ name: '王工' }],
    });
    const r = await render({ id: 3, snapshot, lang: 'zh' });
    if (!r.ok) throw new Error(r.error);
    expect(Buffer.from(r.pdf).subarray(0, 5).toString('latin1')).toBe('%PDF-');
  }, 60_000);

  it('reports rendering progress for that request, rising to 1', async () => {
    const seen: { id: number; progress: number }[] = [];
    const r = await render(
      { id: 9, snapshot: sampleInspectionSnapshot({ nodes: 4 }), lang: 'en' },
      (p) => seen.push(p),
    );
    expect(r.ok).toBe(true);
    expect(seen.length).toBeGreaterThan(3);
    expect(seen.every((p) => p.id === 9)).toBe(true);
    const values = seen.map((p) => p.progress);
    expect(values).toEqual([...values].sort((x, y) => x - y));
    expect(values[values.length - 1]).toBe(1);
    // Without a listener nothing is reported (and nothing of the previous listener remains).
    await render({ id: 10, snapshot: sampleFaultSnapshot(), lang: 'zh' });
    expect(seen.every((p) => p.id === 9)).toBe(true);
  }, 60_000);

  it('answers errors as messages, never throws', async () => {
    const broken = { ...sampleFaultSnapshot(), level: undefined } as unknown as ReturnType<
      typeof sampleFaultSnapshot
    >;
    const r = await render({ id: 3, snapshot: broken, lang: 'zh' });
    expect(r).toMatchObject({ id: 3, ok: false });
  });
});

describe('preview pages (the laid-out pages the PDF was written from)', () => {
  const render = createPdfRenderer(pdfMake, () =>
    Promise.resolve({
      normal: ab('NotoSansSC_400Regular.ttf'),
      bold: ab('NotoSansSC_700Bold.ttf'),
    }),
  );

  it('answers one page per PDF page with the texts, images and, on a draft, the watermark', async () => {
    const signed = sampleFaultSnapshot();
    const draft = { ...signed, signatures: [] };
    const r = await render({ id: 1, snapshot: draft, lang: 'zh', preview: true });
    if (!r.ok) throw new Error(r.error);
    const pdfPages = (
      Buffer.from(r.pdf)
        .toString('latin1')
        .match(/\/Type \/Page\b/g) ?? []
    ).length;
    expect(r.pageCount).toBe(pdfPages);
    const pages = allPages(r.preview);
    expect(pages).toHaveLength(pdfPages);
    const texts = pages.map((p) => p.ops.flatMap((o) => (o.k === 'text' ? [o.text] : [])).join(''));
    expect(texts[0]).toContain(signed.customer.name);
    for (const p of pages) {
      expect(p.width).toBeCloseTo(595.28, 1);
      expect(
        p.ops.filter((o) => o.k === 'watermark').map((o) => o.k === 'watermark' && o.text),
      ).toEqual(['草稿 / DRAFT']);
    }
    // Packed for transfer: one buffer, page by page, decoded to the same pages.
    expect(r.preview!.buffer).toBeInstanceOf(ArrayBuffer);
    expect(new PreviewDocument(r.preview!).page(pdfPages)).toBeUndefined();

    const s = await render({ id: 2, snapshot: signed, lang: 'zh', preview: true });
    if (!s.ok) throw new Error(s.error);
    const signedPages = allPages(s.preview);
    expect(signedPages.every((p) => p.ops.every((o) => o.k !== 'watermark'))).toBe(true);
    // The signature page shows both drawn signatures as images.
    const last = signedPages[signedPages.length - 1]!;
    expect(
      last.ops.filter((o) => o.k === 'image' && o.href.startsWith('data:image/png')).length,
    ).toBe(2);
    // Without `preview` no pages are laid out for the answer.
    const plain = await render({ id: 3, snapshot: signed, lang: 'zh' });
    expect(plain.ok && plain.preview).toBeUndefined();
  }, 60_000);

  it('answers every request in order, even after one whose answer could not be posted', async () => {
    const order: number[] = [];
    const fake = (request: PdfRenderRequest): Promise<PdfRenderResponse> =>
      new Promise((resolve) => {
        order.push(request.id);
        // The second request finishes first if the queue did not serialise them.
        setTimeout(
          () => resolve({ id: request.id, ok: true, pdf: new ArrayBuffer(1), pageCount: 1, ms: 0 }),
          request.id === 1 ? 20 : 1,
        );
      });
    const posted: (PdfRenderResponse | PdfRenderProgress)[] = [];
    let refuseNext = true;
    const handle = createRenderQueue(fake, (message) => {
      if (refuseNext && 'ok' in message && message.ok) {
        refuseNext = false;
        throw new Error('could not be cloned');
      }
      posted.push(message);
    });
    const snapshot = sampleFaultSnapshot();
    for (const id of [1, 2, 3]) handle({ data: { id, snapshot, lang: 'zh' } });
    await vi.waitFor(() => expect(posted).toHaveLength(3));
    expect(order).toEqual([1, 2, 3]);
    expect(posted.map((m) => ('ok' in m ? [m.id, m.ok] : [m.id, 'progress']))).toEqual([
      [1, false],
      [2, true],
      [3, true],
    ]);
    expect(posted[0]).toEqual({ id: 1, ok: false, error: 'could not be cloned' });
  });
});
