/**
 * Renders deliverable PDFs in a Web Worker (never on the UI thread). One worker per client,
 * created lazily; requests are answered in any order and matched by id.
 */
import type { Lang } from '../../src-shared/domain/localized';
import type { ReportSnapshot } from '../../src-shared/reports/snapshot-types';
import { PreviewDocument } from './preview-pack';
import type { PdfRenderProgress, PdfRenderRequest, PdfRenderResponse } from './pdf-render-core';

export interface RenderOptions {
  /** Also lay the pages out as drawing operations for the preview. */
  preview?: boolean;
}

export interface RenderedPdf {
  bytes: Uint8Array;
  /** The PDF's pages, counted in the worker. */
  pageCount: number;
  /** Time the worker spent (font loading on the first call, building, rendering). */
  workerMs: number;
  /** The laid-out pages, when asked for a preview (decoded page by page as shown). */
  preview?: PreviewDocument;
}

export class PdfRenderClient {
  private worker: Worker | null = null;
  private nextId = 1;
  private readonly pending = new Map<
    number,
    {
      resolve: (r: RenderedPdf) => void;
      reject: (e: Error) => void;
      onProgress: ((fraction: number) => void) | undefined;
    }
  >();

  private ensureWorker(): Worker {
    if (!this.worker) {
      const worker = new Worker(new URL('./pdf-render.worker.ts', import.meta.url), {
        type: 'module',
      });
      worker.onmessage = (event: MessageEvent<PdfRenderResponse | PdfRenderProgress>) => {
        const r = event.data;
        const waiter = this.pending.get(r.id);
        if (!waiter) return;
        if ('progress' in r) {
          waiter.onProgress?.(r.progress);
          return;
        }
        this.pending.delete(r.id);
        if (r.ok) {
          waiter.resolve({
            bytes: new Uint8Array(r.pdf),
            pageCount: r.pageCount,
            workerMs: r.ms,
            ...(r.preview !== undefined ? { preview: new PreviewDocument(r.preview) } : {}),
          });
        } else waiter.reject(new Error(r.error));
      };
      worker.onerror = (event) => {
        const error = new Error(`PDF worker failed: ${event.message}`);
        for (const w of this.pending.values()) w.reject(error);
        this.pending.clear();
        this.dispose();
      };
      this.worker = worker;
    }
    return this.worker;
  }

  /**
   * Renders any registered kind's snapshot off the UI thread; `onProgress` receives the fraction
   * of pages written (0–1).
   */
  render(
    snapshot: ReportSnapshot,
    lang: Lang,
    onProgress?: (fraction: number) => void,
    options: RenderOptions = {},
  ): Promise<RenderedPdf> {
    const id = this.nextId++;
    const request: PdfRenderRequest = {
      id,
      snapshot,
      lang,
      ...(options.preview === true ? { preview: true } : {}),
    };
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject, onProgress });
      this.ensureWorker().postMessage(request);
    });
  }

  dispose(): void {
    this.worker?.terminate();
    this.worker = null;
  }
}
