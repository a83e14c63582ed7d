/**
 * The operations entry report (运维进场报告): fieldbook sample entry → report render entry (zh,
 * en) → pdftotext; a service period outside the contract is refused; the signed report's dates
 * are the service period.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../src-cli/main';
import type { EntrySnapshot } from '../../src-shared/reports/kinds/entry-report/snapshot';
import { servicePeriodOf } from '../../src-shared/reports/kinds/entry-report/snapshot';
import { captureIo, tool } from './tools';

let dir: string;
const f = (name: string) => path.join(dir, name);

async function cli(...argv: string[]) {
  const io = captureIo();
  const code = await runCli(argv, io);
  return { code, io };
}

const text = (file: string) => tool('pdftotext', ['-layout', f(file), '-']).stdout;

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'fieldbook-entry-pdf-'));
  expect((await cli('sample', 'entry', '--out', f('entry.json'))).code).toBe(0);
  for (const lang of ['zh', 'en'] as const) {
    const r = await cli(
      'report',
      'render',
      'entry',
      '--input',
      f('entry.json'),
      '--lang',
      lang,
      '--out',
      f(`entry-${lang}.pdf`),
    );
    expect(r.code, r.io.err()).toBe(0);
  }
}, 120_000);

afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('operations entry report', () => {
  it('states the confirmed service start and end, scope, access and signatures', () => {
    const zh = text('entry-zh.pdf');
    for (const s of [
      '运维进场报告',
      '服务开始和结束时间',
      '2026-06-01',
      '2027-05-31',
      '驻场',
      '运维范围',
      '堡垒机账号',
      '签字确认',
    ]) {
      expect(zh).toContain(s);
    }
    expect(zh).toMatch(/FB-ENT-20260601-0001/);
    const en = text('entry-en.pdf');
    for (const s of [
      'Operations entry report',
      'Service start and end',
      'Resident on site',
      'Scope of operations',
    ]) {
      expect(en).toContain(s);
    }
  });

  it('the signed dates are the service period; unsigned gives none', () => {
    const s = JSON.parse(readFileSync(f('entry.json'), 'utf8')) as EntrySnapshot;
    expect(servicePeriodOf(s)).toEqual({ start: '2026-06-01', end: '2027-05-31' });
    expect(
      servicePeriodOf({ ...s, signatures: s.signatures.filter((x) => x.role === 'engineer') }),
    ).toBeNull();
  });

  it('refuses a service period outside the contract and writes nothing', async () => {
    const s = JSON.parse(readFileSync(f('entry.json'), 'utf8')) as EntrySnapshot;
    s.serviceEnd = '2027-07-31';
    writeFileSync(f('bad.json'), JSON.stringify(s));
    const r = await cli(
      'report',
      'render',
      'entry',
      '--input',
      f('bad.json'),
      '--out',
      f('bad.pdf'),
    );
    expect(r.code).toBe(2);
    expect(r.io.err()).toContain('must lie inside the contract');
    expect(existsSync(f('bad.pdf'))).toBe(false);
  });
});
