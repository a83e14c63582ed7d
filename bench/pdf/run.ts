/**
 * PDF deliverable benchmark (issue 4):
 *   npm run bench:pdf            (or: npx tsx bench/pdf/run.ts)
 *
 * Workload: the sample inspection report with 64 nodes (≈600 check rows), 8 evidence photos,
 * two signatures, the SVG score chart and two QR codes, in Chinese and in English.
 * Figures:
 *   - cold: a fresh Node process renders once (module load + font parsing + layout);
 *   - warm: median of 5 renders (validation + figures + builder + render) in a process that
 *     already rendered once;
 *   - bare: pdfmake alone rendering the same document definition, built beforehand — the
 *     library's own time; the ratio warm / bare is our overhead (validation, figures, builder);
 *   - signing: median of 5 incremental-update signatures (key generation excluded);
 *   - size: output bytes, and pages (pdfinfo when installed).
 * Not measured here: the UI-thread stall while a Web Worker renders (the worker is later UI work).
 * Prints a table and writes bench/results/pdf.json.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Lang } from '../../src-shared/domain/localized';
import { buildInspectionReport } from '../../src-shared/reports/inspection-report';
import { sampleInspectionSnapshot } from '../../src-shared/reports/sample';
import { validateInspectionSnapshot } from '../../src-shared/reports/validate';
import { renderPdf } from '../../src-main/services/pdf-render';
import { signPdf } from '../../src-main/services/pdf-sign';
import { createDevelopmentIdentity } from '../../src-main/services/signing-keys';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const NODES = 64;
const PHOTOS = 8;

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] ?? NaN;
}

function pages(file: string): number | null {
  const r = spawnSync('pdfinfo', [file], { encoding: 'utf8' });
  const m = /Pages:\s+(\d+)/.exec(r.stdout ?? '');
  return m ? Number(m[1]) : null;
}

function cold(lang: Lang): { ms: number; sinceStartMs: number; processMs: number } {
  const t = performance.now();
  const r = spawnSync(
    process.execPath,
    [
      '--import',
      'tsx',
      path.join(ROOT, 'bench/pdf/render-once.ts'),
      lang,
      String(NODES),
      String(PHOTOS),
    ],
    {
      cwd: ROOT,
      encoding: 'utf8',
    },
  );
  if (r.status !== 0) throw new Error(`cold render failed: ${r.stderr}`);
  const figures = JSON.parse(r.stdout.trim().split('\n').pop() ?? '{}') as {
    ms: number;
    sinceStartMs: number;
  };
  return { ...figures, processMs: performance.now() - t };
}

const snapshotJson = JSON.stringify(sampleInspectionSnapshot({ nodes: NODES, photos: PHOTOS }));
const snapshot = JSON.parse(snapshotJson) as unknown;
const parsed = validateInspectionSnapshot(snapshot);
if (!parsed.ok) throw new Error(parsed.errors.join('\n'));
const rows = parsed.snapshot.results.length;

const results: Record<string, unknown> = { nodes: NODES, photos: PHOTOS, checkRows: rows };
const outDir = path.join(tmpdir(), 'fieldbook-bench-pdf');
mkdirSync(outDir, { recursive: true });
const identity = await createDevelopmentIdentity();

for (const lang of ['zh', 'en'] as const) {
  const c = cold(lang);
  // Warm-up in this process, then measure.
  await renderPdf(buildInspectionReport(parsed.snapshot, lang));
  // Alternate ours and bare so drift on a shared machine hits both alike.
  const warm: number[] = [];
  const bare: number[] = [];
  let pdf: Buffer = Buffer.alloc(0);
  for (let i = 0; i < 5; i++) {
    let t = performance.now();
    const v = validateInspectionSnapshot(JSON.parse(snapshotJson) as unknown);
    if (!v.ok) throw new Error('invalid');
    pdf = await renderPdf(buildInspectionReport(v.snapshot, lang));
    warm.push(performance.now() - t);
    const definition = buildInspectionReport(parsed.snapshot, lang);
    t = performance.now();
    await renderPdf(definition);
    bare.push(performance.now() - t);
  }
  const signing: number[] = [];
  let signedBytes = 0;
  for (let i = 0; i < 5; i++) {
    const t = performance.now();
    const s = await signPdf(pdf, identity, {
      reason: '巡检报告签署',
      name: 'Fieldbook development signer',
      location: '上海',
    });
    signing.push(performance.now() - t);
    signedBytes = s.pdf.length;
  }
  const file = path.join(outDir, `inspection-${lang}.pdf`);
  writeFileSync(file, pdf);
  results[lang] = {
    pages: pages(file),
    coldMs: Math.round(c.ms),
    coldSinceProcessStartMs: Math.round(c.sinceStartMs),
    coldProcessWallMs: Math.round(c.processMs),
    warmMedianMs: Math.round(median(warm)),
    bareMedianMs: Math.round(median(bare)),
    overheadRatio: Number((median(warm) / median(bare)).toFixed(2)),
    signMedianMs: Number(median(signing).toFixed(1)),
    bytes: pdf.length,
    signedBytes,
  };
}

console.log(
  `PDF deliverables: ${rows} check rows (${NODES} nodes), ${PHOTOS} photos, chart, 2 QR, 2 signatures`,
);
console.log(
  'lang | pages | cold (in-process / process wall) | warm median | bare pdfmake | ratio | sign | size',
);
for (const lang of ['zh', 'en']) {
  const r = results[lang] as Record<string, number | null>;
  console.log(
    `${lang}   | ${r.pages} | ${r.coldMs} ms / ${r.coldProcessWallMs} ms | ${r.warmMedianMs} ms | ${r.bareMedianMs} ms | ${r.overheadRatio} | ${r.signMedianMs} ms | ${Math.round((r.bytes ?? 0) / 1024)} KB (signed ${Math.round((r.signedBytes ?? 0) / 1024)} KB)`,
  );
}
mkdirSync(path.join(ROOT, 'bench/results'), { recursive: true });
writeFileSync(path.join(ROOT, 'bench/results/pdf.json'), `${JSON.stringify(results, null, 2)}\n`);
