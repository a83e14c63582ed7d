/**
 * The operations service report (运维服务报告) end to end with the real tools: fieldbook sample
 * ops → report render ops (zh, en) → pdftotext; a snapshot whose figures disagree with its
 * records is refused and writes nothing.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../src-cli/main';
import type { OpsReportSnapshot } from '../../src-shared/reports/kinds/ops-service-report/snapshot';
import { validateOpsReportSnapshot } from '../../src-shared/reports/kinds/ops-service-report/snapshot';
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
  dir = mkdtempSync(path.join(tmpdir(), 'fieldbook-ops-pdf-'));
  expect((await cli('sample', 'ops', '--out', f('period.json'))).code).toBe(0);
  for (const lang of ['zh', 'en'] as const) {
    const r = await cli(
      'report',
      'render',
      'ops',
      '--input',
      f('period.json'),
      '--lang',
      lang,
      '--out',
      f(`ops-${lang}.pdf`),
    );
    expect(r.code, r.io.err()).toBe(0);
  }
}, 120_000);

afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('operations service report', () => {
  it("has every section of the seed's acceptance clause (zh)", () => {
    const t = text('ops-zh.pdf');
    // 运维服务方案、资源运行状态、问题清单、事件清单、风险清单、需求清单、备份策略、费用分析、响应 SLA
    for (const s of [
      '运维服务报告',
      '运维月报',
      '运维服务方案',
      '资源运行状态',
      '问题清单',
      '事件清单',
      '风险清单',
      '需求清单',
      '变更清单',
      '备份策略',
      '费用分析',
      '响应 SLA',
      '附录：数据来源',
      '签字确认',
    ]) {
      expect(t).toContain(s);
    }
    expect(t).toMatch(/FB-OPS-20261009-0001/);
    expect(t).toMatch(/\b2 ?\/ ?\d+\b/);
  });

  it('prints the SLA figures and inspection counts computed from the records', () => {
    const t = text('ops-zh.pdf');
    // Totals row: 8 incidents, 4 met, 4 breached, 0 pending, 50 %, median 7 min, p90 12 min.
    expect(t).toMatch(/合计\s+8\s+4\s+4\s+0\s+50%\s+7 ?分\s+12 ?分/);
    expect(t).toMatch(/其他服务请求\s+4\s+2\s+2\s+0\s+50%\s+9 ?分\s+12 ?分/);
    expect(t).toContain('应巡检 22 天，已巡检 21 天，漏检 1 天');
    expect(t).toContain('2026-09-20');
    expect(t).toContain('截至报告时间未响应，已超时 19 小时 50 分');
    expect(t).toContain('首次响应晚于时限 2 分');
    expect(t).toContain('值班工程师处理 P1 告警');
    expect(t).toContain('CNY 290,350.50');
    expect(t).toContain('3 × 5 = 15');
    // Appendix: each incident with its outcome, each inspection day with its record.
    expect(t).toContain('inc-0929-a');
    expect(t).toContain('ins-20260930');
  });

  it('English headings and figures', () => {
    const t = text('ops-en.pdf');
    for (const s of [
      'Operations service report',
      'Monthly operations report',
      'Operations service plan',
      'Resource status',
      'Issue list',
      'Event list',
      'Risk list',
      'Requirement list',
      'Backup strategy and results',
      'Cost analysis',
      'Response SLA',
      'Appendix: where the figures come from',
      '22 days due, 21 inspected, 1 missed',
    ]) {
      expect(t).toContain(s);
    }
    expect(t).toMatch(/All\s+8\s+4\s+4\s+0\s+50 ?%\s+7 min\s+12 min/);
  });

  it('embeds only subset Noto Sans SC', () => {
    const fonts = tool('pdffonts', [f('ops-zh.pdf')])
      .stdout.split('\n')
      .slice(2)
      .filter((l) => l.trim());
    expect(fonts.length).toBeGreaterThan(0);
    for (const row of fonts) expect(row).toMatch(/NotoSansSC-(Regular|Bold)\s+CID TrueType/);
  });

  it('refuses figures that do not match the records, and writes nothing', async () => {
    const s = JSON.parse(readFileSync(f('period.json'), 'utf8')) as OpsReportSnapshot;
    s.figures.totals.met += 1;
    writeFileSync(f('forged.json'), JSON.stringify(s));
    expect(validateOpsReportSnapshot(s)).toEqual({
      ok: false,
      errors: ['/figures: do not match the figures computed from /sources'],
    });
    const r = await cli(
      'report',
      'render',
      'ops',
      '--input',
      f('forged.json'),
      '--out',
      f('forged.pdf'),
    );
    expect(r.code).toBe(2);
    expect(r.io.err()).toContain('/figures: do not match');
    expect(existsSync(f('forged.pdf'))).toBe(false);

    const bad = JSON.parse(readFileSync(f('period.json'), 'utf8')) as OpsReportSnapshot;
    (bad.records[0] as { state: string }).state = 'released';
    const v = validateOpsReportSnapshot(bad);
    expect(v.ok).toBe(false);
    expect(!v.ok && v.errors[0]).toMatch(/records\/0\/state: "released" is not a state of issue/);
  });
});
