/**
 * Web Worker entry: renders deliverable PDFs off the UI thread. Receives PdfRenderRequest
 * messages, answers PdfRenderResponse with the PDF bytes transferred (not copied).
 */
import pdfMakeModule from 'pdfmake/build/pdfmake';
import boldUrl from '../../resources/fonts/NotoSansSC_700Bold.ttf?url';
import regularUrl from '../../resources/fonts/NotoSansSC_400Regular.ttf?url';
import type { PdfRenderProgress, PdfRenderRequest, PdfRenderResponse } from './pdf-render-core';
import { createPdfRenderer, createRenderQueue } from './pdf-render-core';

/** The worker global, typed narrowly (the renderer's types are the DOM's, not WebWorker's). */
interface WorkerScope {
  onmessage: ((event: MessageEvent<PdfRenderRequest>) => void) | null;
  postMessage(message: PdfRenderResponse | PdfRenderProgress, transfer: Transferable[]): void;
}

const scope = self as unknown as WorkerScope;

async function fetchBytes(url: string): Promise<ArrayBuffer> {
  const res = await fetch(url);
  if (!res.ok) throw new Error(`font ${url}: HTTP ${res.status}`);
  return res.arrayBuffer();
}

const render = createPdfRenderer(pdfMakeModule, async () => {
  const [normal, bold] = await Promise.all([fetchBytes(regularUrl), fetchBytes(boldUrl)]);
  return { normal, bold };
});

scope.onmessage = createRenderQueue(render, (message, transfer) =>
  scope.postMessage(message, transfer),
);
