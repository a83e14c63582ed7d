/**
 * The PDF rendering of the renderer process, independent of the Worker plumbing so it can be
 * tested in Node with the same pdfmake browser build: snapshot → (pure builder) → definition →
 * pdfmake → bytes. Fonts are the Noto Sans SC files, loaded into pdfmake's virtual file system
 * once per worker; remote URLs are refused (snapshots carry images as data URLs).
 */
import type { TDocumentDefinitions } from 'pdfmake/interfaces';
import type { Lang } from '../../src-shared/domain/localized';
import { buildDeliverable } from '../../src-shared/reports/kinds/index';
import { FONT_FAMILY } from '../../src-shared/reports/pdf-common';
import { previewPages } from './pdf-preview-pages';
import type { PackedPreview } from './preview-pack';
import { packPreview } from './preview-pack';
import { pdfPageCount } from '../../src-shared/reports/pdf-info';
import type { ReportSnapshot } from '../../src-shared/reports/snapshot-types';

/**
 * Any registered kind's snapshot (reports/kinds): the builder is looked up by the snapshot's kind.
 * `preview`: also answer the laid-out pages as drawing operations (the sign dialog's preview).
 */
export interface PdfRenderRequest {
  id: number;
  snapshot: ReportSnapshot;
  lang: Lang;
  preview?: boolean;
}

export type PdfRenderResponse =
  | {
      id: number;
      ok: true;
      pdf: ArrayBuffer;
      /** Counted here from the bytes (a scan of the whole file: not on the UI thread). */
      pageCount: number;
      ms: number;
      preview?: PackedPreview;
    }
  | { id: number; ok: false; error: string };

/** Sent while rendering, before the response: the fraction (0–1) of the pages written so far. */
export interface PdfRenderProgress {
  id: number;
  progress: number;
}

/** The parts of pdfmake's browser build this module uses. */
export interface BrowserPdfMake {
  /** A string entry is base64; `{ data }` with a byte view is stored as those bytes. */
  addVirtualFileSystem(vfs: Record<string, string | { data: Uint8Array }>): void;
  setFonts(
    fonts: Record<string, { normal: string; bold: string; italics: string; bolditalics: string }>,
  ): void;
  setUrlAccessPolicy(policy: (url: string) => boolean): void;
  /** pdfmake calls it with the fraction of items rendered (0–1). */
  setProgressCallback(callback: ((fraction: number) => void) | undefined): void;
  /** `getStream()` after `getBuffer()` is the written pdfkit document (with `_pdfMakePages`). */
  createPdf(definition: TDocumentDefinitions): {
    getBuffer(): Promise<Uint8Array>;
    getStream(): Promise<unknown>;
  };
}

export interface FontBytes {
  normal: ArrayBuffer;
  bold: ArrayBuffer;
}

const FILES = { normal: 'NotoSansSC-Regular.ttf', bold: 'NotoSansSC-Bold.ttf' } as const;

export function createPdfRenderer(pdfMake: BrowserPdfMake, loadFonts: () => Promise<FontBytes>) {
  let ready: Promise<void> | null = null;

  function prepare(): Promise<void> {
    ready ??= loadFonts().then((fonts) => {
      // The bytes themselves, not base64: pdfmake copies a byte view into its Buffer as it is
      // (49 ms for the 10 MB face), where encoding both faces to base64 and pdfmake decoding them
      // again took 5–6 s of the worker's first render on a loaded 2-core machine.
      pdfMake.addVirtualFileSystem({
        [FILES.normal]: { data: new Uint8Array(fonts.normal) },
        [FILES.bold]: { data: new Uint8Array(fonts.bold) },
      });
      pdfMake.setFonts({
        // No italic Noto Sans SC exists; italics use the upright faces.
        [FONT_FAMILY]: {
          normal: FILES.normal,
          bold: FILES.bold,
          italics: FILES.normal,
          bolditalics: FILES.bold,
        },
      });
      pdfMake.setUrlAccessPolicy(() => false);
    });
    return ready;
  }

  /**
   * Renders one request. `onProgress` gets fractions 0–1 in steps of at least 5 %; the worker
   * handles one message at a time, so pdfmake's single progress callback belongs to this render.
   */
  return async function render(
    request: PdfRenderRequest,
    onProgress?: (progress: PdfRenderProgress) => void,
  ): Promise<PdfRenderResponse> {
    const started = performance.now();
    try {
      await prepare();
      let reported = -1;
      pdfMake.setProgressCallback(
        onProgress === undefined
          ? undefined
          : (fraction) => {
              if (fraction - reported >= 0.05 || (fraction >= 1 && reported < 1)) {
                reported = fraction;
                onProgress({ id: request.id, progress: Math.min(1, Math.max(0, fraction)) });
              }
            },
      );
      // Built here, fresh per render: definitions hold functions and pdfmake mutates them.
      const definition = buildDeliverable(request.snapshot, request.lang);
      const output = pdfMake.createPdf(definition);
      const bytes = await output.getBuffer();
      const pdf = bytes.buffer.slice(
        bytes.byteOffset,
        bytes.byteOffset + bytes.byteLength,
      ) as ArrayBuffer;
      const pageCount = pdfPageCount(bytes);
      if (request.preview !== true) {
        return { id: request.id, ok: true, pdf, pageCount, ms: performance.now() - started };
      }
      // The pages pdfmake laid out and just wrote into these bytes.
      const written = (await output.getStream()) as { _pdfMakePages?: unknown; images?: unknown };
      const preview = packPreview(previewPages(written._pdfMakePages, written.images));
      return { id: request.id, ok: true, pdf, pageCount, ms: performance.now() - started, preview };
    } catch (e) {
      return { id: request.id, ok: false, error: e instanceof Error ? e.message : String(e) };
    }
  };
}

/**
 * The worker's message handler: one render at a time (pdfmake's progress callback is global, and
 * the renders share one thread anyway), in arrival order. Every request gets an answer: one whose
 * response cannot be posted, or whose render throws, is answered with the error, and the queue
 * goes on (a rejected queue would leave every later render waiting at 0 %).
 */
export function createRenderQueue(
  render: (
    request: PdfRenderRequest,
    onProgress?: (progress: PdfRenderProgress) => void,
  ) => Promise<PdfRenderResponse>,
  post: (message: PdfRenderResponse | PdfRenderProgress, transfer: Transferable[]) => void,
): (event: { data: PdfRenderRequest }) => void {
  let queue: Promise<void> = Promise.resolve();
  return (event) => {
    const { id } = event.data;
    queue = queue
      .then(() => render(event.data, (progress) => post(progress, [])))
      .then((response) =>
        post(
          response,
          !response.ok
            ? []
            : response.preview !== undefined
              ? [response.pdf, response.preview.buffer]
              : [response.pdf],
        ),
      )
      .catch((e: unknown) => {
        post({ id, ok: false, error: e instanceof Error ? e.message : String(e) }, []);
      });
  };
}
