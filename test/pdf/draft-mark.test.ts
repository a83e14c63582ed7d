/**
 * A draft is marked "草稿 / DRAFT" on every page and carries no QR code; the signed rendering of
 * the same deliverable has neither the mark nor the missing QR. Checked on the real PDF with
 * pdftotext, page by page, for both languages.
 */
import { spawnSync } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TDocumentDefinitions } from 'pdfmake/interfaces';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderPdf } from '../../src-main/services/pdf-render';
import type { Lang } from '../../src-shared/domain/localized';
import { buildFaultReport } from '../../src-shared/reports/fault-report';
import { buildInspectionReport } from '../../src-shared/reports/inspection-report';
import { isDraftSnapshot } from '../../src-shared/reports/pdf-common';
import { sampleFaultSnapshot, sampleInspectionSnapshot } from '../../src-shared/reports/sample';

let dir = '';
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'fieldbook-draft-mark-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** The text of each page, as pdftotext extracts it. */
async function pageTexts(definition: TDocumentDefinitions, name: string): Promise<string[]> {
  const file = join(dir, `${name}.pdf`);
  await writeFile(file, await renderPdf(definition));
  const info = spawnSync('pdfinfo', [file], { encoding: 'utf8' }).stdout;
  const pages = Number(/Pages:\s+(\d+)/.exec(info)?.[1] ?? 0);
  const out: string[] = [];
  for (let p = 1; p <= pages; p++) {
    const r = spawnSync('pdftotext', ['-f', String(p), '-l', String(p), file, '-'], {
      encoding: 'utf8',
    });
    out.push(r.stdout);
  }
  return out;
}

/** Whether the definition has a QR node anywhere in its content. */
function hasQr(definition: TDocumentDefinitions): boolean {
  let found = false;
  const walk = (n: unknown): void => {
    if (Array.isArray(n)) n.forEach(walk);
    else if (n !== null && typeof n === 'object') {
      if ('qr' in n) found = true;
      Object.values(n).forEach(walk);
    }
  };
  walk(definition.content);
  return found;
}

const KINDS = [
  {
    name: 'fault',
    signed: () => sampleFaultSnapshot(),
    build: (s: ReturnType<typeof sampleFaultSnapshot>, lang: Lang) => buildFaultReport(s, lang),
  },
  {
    name: 'inspection',
    signed: () => sampleInspectionSnapshot({ nodes: 4 }),
    build: (s: ReturnType<typeof sampleInspectionSnapshot>, lang: Lang) =>
      buildInspectionReport(s, lang),
  },
] as const;

describe('draft mark and QR rule', () => {
  it('a snapshot without signatures is a draft, one with signatures is not', () => {
    expect(isDraftSnapshot({ signatures: [] })).toBe(true);
    expect(isDraftSnapshot(sampleFaultSnapshot())).toBe(false);
  });

  for (const k of KINDS) {
    for (const lang of ['zh', 'en'] as const) {
      it(`${k.name} (${lang}): DRAFT on every page of the draft, no QR; neither on the signed one`, async () => {
        const signed = k.signed();
        const draft = { ...signed, signatures: [] };
        // Each builder takes its own snapshot type; the pair above is of the same kind.
        const build = k.build as (s: typeof signed, l: Lang) => TDocumentDefinitions;
        const draftDef = build(draft, lang);
        const signedDef = build(signed, lang);
        expect(hasQr(draftDef)).toBe(false);
        expect(hasQr(signedDef)).toBe(true);
        expect(draftDef.watermark).toMatchObject({ text: '草稿 / DRAFT' });
        expect(signedDef.watermark).toBeUndefined();

        const draftPages = await pageTexts(build(draft, lang), `${k.name}-${lang}-draft`);
        expect(draftPages.length).toBeGreaterThan(2);
        draftPages.forEach((text, i) => {
          expect(text, `draft page ${i + 1}`).toContain('DRAFT');
          expect(text, `draft page ${i + 1}`).toContain('草稿');
        });
        const signedPages = await pageTexts(signedDef, `${k.name}-${lang}-signed`);
        expect(signedPages.length).toBeGreaterThan(2);
        signedPages.forEach((text, i) => {
          expect(text, `signed page ${i + 1}`).not.toContain('DRAFT');
        });
      }, 60_000);
    }
  }
});
