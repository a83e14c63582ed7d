/**
 * Renders a pdfmake document definition to PDF bytes in Node (main process, CLI, tests).
 *
 * - Fonts are Noto Sans SC static TrueType, registered by file path (SVG text opens the font
 *   from disk); pdfkit embeds only the glyphs used (subset).
 * - Remote URLs are refused and local file access is limited to the font files: a snapshot's
 *   images must be data URLs.
 * - Optionally adds a signature placeholder through pdfkit (placeholder-pdfkit) before the file
 *   is finished, for callers that render and sign in one go.
 */
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type * as PdfMakeModule from 'pdfmake';
import type { TDocumentDefinitions } from 'pdfmake/interfaces';
import { FONT_FAMILY } from '../../src-shared/reports/pdf-common';
import type { PlaceholderOptions } from './pdf-sign';
import { addPlaceholderToPdfkit } from './pdf-sign';

const require = createRequire(import.meta.url);

type PdfMake = typeof PdfMakeModule;

let cached: PdfMake | undefined;

function pdfmake(): PdfMake {
  // pdfmake's Node entry is a CommonJS singleton (module.exports = instance).
  cached ??= require('pdfmake') as PdfMake;
  return cached;
}

export const FONT_FILES = {
  normal: 'NotoSansSC_400Regular.ttf',
  bold: 'NotoSansSC_700Bold.ttf',
} as const;

/** resources/fonts of the repository (or of an unpacked app with the same layout). */
export function defaultFontDir(): string {
  return path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../resources/fonts');
}

export interface RenderOptions {
  /** Folder with the two Noto Sans SC files; default resources/fonts. */
  fontDir?: string;
  /** Add an empty signature (ByteRange + Contents placeholder) for `signPdf` to fill. */
  signaturePlaceholder?: PlaceholderOptions;
}

export class FontsMissingError extends Error {
  constructor(file: string) {
    super(`font file missing: ${file} (expected the Noto Sans SC static TTFs in resources/fonts)`);
    this.name = 'FontsMissingError';
  }
}

function configure(fontDir: string): void {
  const normal = path.join(fontDir, FONT_FILES.normal);
  const bold = path.join(fontDir, FONT_FILES.bold);
  for (const f of [normal, bold]) if (!existsSync(f)) throw new FontsMissingError(f);
  const pm = pdfmake();
  // No italic Noto Sans SC exists; italics fall back to the upright faces.
  pm.setFonts({ [FONT_FAMILY]: { normal, bold, italics: normal, bolditalics: bold } });
  pm.setUrlAccessPolicy(() => false);
  const allowed = new Set([normal, bold]);
  pm.setLocalAccessPolicy((p) => allowed.has(path.resolve(p)));
}

interface PdfKitLike {
  on(event: 'data', cb: (chunk: Buffer) => void): void;
  on(event: 'end', cb: () => void): void;
  on(event: 'error', cb: (e: Error) => void): void;
  end(): void;
}

function collect(doc: PdfKitLike): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    doc.on('data', (c) => chunks.push(c));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
    doc.end();
  });
}

/** PDF bytes of `definition`. Build a fresh definition per call (pdfmake mutates it). */
export async function renderPdf(
  definition: TDocumentDefinitions,
  options: RenderOptions = {},
): Promise<Buffer> {
  configure(options.fontDir ?? defaultFontDir());
  const created = pdfmake().createPdf(definition);
  const doc = (await created.getStream()) as unknown as PdfKitLike;
  if (options.signaturePlaceholder) addPlaceholderToPdfkit(doc, options.signaturePlaceholder);
  return collect(doc);
}
