/**
 * One cold render in a fresh process: module loading, font parsing and the first layout all
 * count. Prints {"ms", "bytes"} as JSON. Used by bench/pdf/run.ts.
 */
export {};

const started = performance.now();
const lang = process.argv[2] === 'en' ? 'en' : 'zh';
const nodes = Number(process.argv[3] ?? '64');
const photos = Number(process.argv[4] ?? '8');
const { sampleInspectionSnapshot } = await import('../../src-shared/reports/sample');
const { validateInspectionSnapshot } = await import('../../src-shared/reports/validate');
const { buildInspectionReport } = await import('../../src-shared/reports/inspection-report');
const { renderPdf } = await import('../../src-main/services/pdf-render');
// The snapshot arrives as JSON in real use: generating it is not part of the measured work.
const json: unknown = JSON.parse(JSON.stringify(sampleInspectionSnapshot({ nodes, photos })));
const t0 = performance.now();
const v = validateInspectionSnapshot(json);
if (!v.ok) throw new Error(v.errors.join('\n'));
const pdf = await renderPdf(buildInspectionReport(v.snapshot, lang));
const t1 = performance.now();
process.stdout.write(
  `${JSON.stringify({ ms: t1 - t0, sinceStartMs: t1 - started, bytes: pdf.length })}\n`,
);
