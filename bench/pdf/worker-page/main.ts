/// <reference types="vite/client" />
/**
 * Page of the PDF worker benchmark: renders the 600-row inspection report in the app's Web
 * Worker (PdfRenderClient) and, for comparison, on the main thread with the same core, while a
 * timer loop on the main thread records the longest gap between its ticks (the UI stall).
 */
import pdfMake from 'pdfmake/build/pdfmake';
import boldUrl from '../../../resources/fonts/NotoSansSC_700Bold.ttf?url';
import regularUrl from '../../../resources/fonts/NotoSansSC_400Regular.ttf?url';
import type { Lang } from '../../../src-shared/domain/localized';
import { sampleInspectionSnapshot } from '../../../src-shared/reports/sample';
import { createPdfRenderer } from '../../../src-renderer/workers/pdf-render-core';
import { PdfRenderClient } from '../../../src-renderer/workers/pdf-render-client';

export interface StallFigures {
  ms: number;
  longestGapMs: number;
  longestTaskMs: number;
  bytes: number;
}

export interface PdfBenchGlobals {
  fieldbookPdfBench?: {
    worker(nodes: number, lang: Lang): Promise<StallFigures>;
    mainThread(nodes: number, lang: Lang): Promise<StallFigures>;
  };
}

async function measure(work: () => Promise<number>): Promise<StallFigures> {
  let longestTaskMs = 0;
  const observer = new PerformanceObserver((list) => {
    for (const e of list.getEntries()) longestTaskMs = Math.max(longestTaskMs, e.duration);
  });
  observer.observe({ type: 'longtask', buffered: false });
  let longestGapMs = 0;
  let last = performance.now();
  let running = true;
  const tick = () => {
    const now = performance.now();
    longestGapMs = Math.max(longestGapMs, now - last);
    last = now;
    if (running) setTimeout(tick, 0);
  };
  setTimeout(tick, 0);
  const started = performance.now();
  const bytes = await work();
  const ms = performance.now() - started;
  running = false;
  await new Promise((r) => setTimeout(r, 50));
  observer.disconnect();
  return { ms, longestGapMs, longestTaskMs, bytes };
}

const client = new PdfRenderClient();
async function fetchBytes(url: string): Promise<ArrayBuffer> {
  return (await fetch(url)).arrayBuffer();
}

const mainRender = createPdfRenderer(pdfMake, async () => {
  const [normal, bold] = await Promise.all([fetchBytes(regularUrl), fetchBytes(boldUrl)]);
  return { normal, bold };
});

(globalThis as unknown as PdfBenchGlobals).fieldbookPdfBench = {
  async worker(nodes, lang) {
    const snapshot = sampleInspectionSnapshot({ nodes, photos: 8 });
    return measure(async () => (await client.render(snapshot, lang)).bytes.length);
  },
  async mainThread(nodes, lang) {
    const snapshot = sampleInspectionSnapshot({ nodes, photos: 8 });
    return measure(async () => {
      const r = await mainRender({ id: 1, snapshot, lang });
      if (!r.ok) throw new Error(r.error);
      return r.pdf.byteLength;
    });
  },
};
