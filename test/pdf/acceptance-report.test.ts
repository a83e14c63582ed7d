/**
 * The acceptance report (验收报告) end to end: fieldbook sample acceptance → report render
 * acceptance (zh, en) → pdftotext; the reject → resubmit cycle makes revision 2; a snapshot that
 * leaves out a promised deliverable or stretches the deadline is refused and writes nothing.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../src-cli/main';
import type { AcceptanceSnapshot } from '../../src-shared/reports/kinds/acceptance-report/snapshot';
import { validateAcceptanceSnapshot } from '../../src-shared/reports/kinds/acceptance-report/snapshot';
import { sampleAcceptanceFirstRevision } from '../../src-shared/reports/kinds/acceptance-report/sample';
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
  dir = mkdtempSync(path.join(tmpdir(), 'fieldbook-acc-pdf-'));
  expect((await cli('sample', 'acceptance', '--out', f('acc.json'))).code).toBe(0);
  writeFileSync(f('rev1.json'), JSON.stringify(sampleAcceptanceFirstRevision()));
  for (const [input, lang, out] of [
    ['acc.json', 'zh', 'acc-zh.pdf'],
    ['acc.json', 'en', 'acc-en.pdf'],
    ['rev1.json', 'zh', 'rev1-zh.pdf'],
  ] as const) {
    const r = await cli(
      'report',
      'render',
      'acceptance',
      '--input',
      f(input),
      '--lang',
      lang,
      '--out',
      f(out),
    );
    expect(r.code, r.io.err()).toBe(0);
  }
}, 120_000);

afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('acceptance report', () => {
  it('lists every deliverable of the ops contract with its status, the punch list and the deadline (zh)', () => {
    const t = text('acc-zh.pdf');
    for (const s of [
      '验收报告',
      '交付物清单',
      '问题清单',
      '故障报告',
      '事件清单',
      '巡检报告',
      '风险报告',
      '变更清单',
      '备份报告',
      '需求清单',
      '运维月报',
      '已签署 8 项，缺失 0 项，免除 1 项',
      '免除原因：服务规格：变更管理 ×',
      '遗留问题清单',
      '完成 RDS 核心库恢复演练并提交记录',
      '验收确认期限',
      '客户应在 7 天内线上确认《验收报告》',
      '2026-10-07',
      '截止日为非工作日（国庆节）',
      '审核记录',
      '缺少《备份报告》',
      '本文件为修订 2',
      '签字确认',
    ]) {
      expect(t).toContain(s);
    }
    expect(t).toMatch(/FB-OPS-20261006-0001 修订 1，2026-10-06/);
    expect(t).toMatch(/FB-ACC-20260930-0001/);
  });

  it('revision 1 shows the missing backup report and no review history', () => {
    const t = text('rev1-zh.pdf');
    expect(t).toContain('已签署 7 项，缺失 1 项，免除 1 项');
    expect(t).toContain('缺失');
    expect(t).not.toContain('审核记录');
  });

  it('English', () => {
    const t = text('acc-en.pdf');
    for (const s of [
      'Acceptance report',
      'Deliverables',
      '8 signed, 0 missing, 1 waived',
      'Punch list',
      'Confirmation deadline',
      'The deadline falls on a day off (National Day)',
      'Review history',
      'This is revision 2',
    ]) {
      expect(t).toContain(s);
    }
  });

  it('refuses a left-out deliverable, a stretched deadline, a signed item without its number', async () => {
    const good = JSON.parse(readFileSync(f('acc.json'), 'utf8')) as AcceptanceSnapshot;
    expect(validateAcceptanceSnapshot(good).ok).toBe(true);

    const dropped = structuredClone(good);
    dropped.deliverables.splice(6, 1);
    writeFileSync(f('dropped.json'), JSON.stringify(dropped));
    const r = await cli(
      'report',
      'render',
      'acceptance',
      '--input',
      f('dropped.json'),
      '--out',
      f('dropped.pdf'),
    );
    expect(r.code).toBe(2);
    expect(r.io.err()).toContain("/deliverables: must be the contract's deliverables");
    expect(existsSync(f('dropped.pdf'))).toBe(false);

    const late = structuredClone(good);
    late.confirmation.deadlineDate = '2026-10-14';
    const v = validateAcceptanceSnapshot(late);
    expect(!v.ok && v.errors).toEqual([
      '/confirmation: the deadline is 2026-10-07 (contract end + 7 days)',
    ]);

    const unsigned = structuredClone(good);
    delete unsigned.deliverables[0]!.documentNumber;
    const u = validateAcceptanceSnapshot(unsigned);
    expect(!u.ok && u.errors[0]).toMatch(/signed needs documentNumber/);
  });
});
