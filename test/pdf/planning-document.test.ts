/**
 * The planning document (规划文档) end to end with the real tools: fieldbook sample plan → report
 * render plan (zh, en, and a plan with findings) → sign → pdftotext / pdffonts / pdfsig.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../src-cli/main';
import type { Plan } from '../../src-shared/domain/planning/plan';
import { samplePlan } from '../../src-shared/domain/planning/sample-plan';
import {
  buildPlanningSnapshot,
  validatePlanningSnapshot,
} from '../../src-shared/reports/kinds/planning-document/snapshot';
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
  dir = mkdtempSync(path.join(tmpdir(), 'fieldbook-plan-pdf-'));
  expect((await cli('sample', 'plan', '--out', f('plan.json'))).code).toBe(0);
  const bad = JSON.parse(readFileSync(f('plan.json'), 'utf8')) as Plan;
  bad.machines[2]!.nics[2]!.address = '10.20.30.21';
  bad.dnsServers = [];
  bad.machines[4]!.disks.push({ mount: '/data', sizeGiB: 100, type: 'hdd' });
  bad.acceptedWarnings = [
    { rule: 'missing-dns', path: '/dnsServers', reason: '客户使用 hosts 文件', acceptedBy: '王芳' },
  ];
  writeFileSync(f('bad.json'), JSON.stringify(bad));
  for (const [input, lang, out] of [
    ['plan.json', 'zh', 'plan-zh.pdf'],
    ['plan.json', 'en', 'plan-en.pdf'],
    ['bad.json', 'zh', 'bad-zh.pdf'],
  ] as const) {
    const r = await cli(
      'report',
      'render',
      'plan',
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

describe('planning document', () => {
  it('has the sections, the machines, every address and the validation result (zh)', () => {
    const t = text('plan-zh.pdf');
    for (const s of [
      '规划文档',
      '华东示例城市商业银行',
      '拓扑概要',
      '机器清单',
      'IP 规划',
      '网卡与绑定规划',
      '集群网络与操作系统',
      '外部依赖',
      '规划校验',
      '通过，无问题',
      '签字确认',
      'dce-master-03',
      '10.20.40.33',
      '802.3ad',
      '10.233.64.0/18',
    ]) {
      expect(t).toContain(s);
    }
    expect(t).toMatch(/FB-PLN-\d{8}-0001/);
    expect(t).toMatch(/\b2 ?\/ ?\d+\b/);
  });

  it('English headings, Chinese data as recorded', () => {
    const t = text('plan-en.pdf');
    for (const s of [
      'Deployment planning document',
      'IP plan',
      'NIC and bond plan',
      'Plan validation',
      'Passed, no findings',
      '华东示例城市商业银行',
    ]) {
      expect(t).toContain(s);
    }
  });

  it('a plan with findings says it did not pass, lists them, and shows the accepted warning with its reason', () => {
    const t = text('bad-zh.pdf');
    expect(t).toContain('未通过：1 项错误，1 项警告');
    expect(t).toContain('duplicate-ip');
    expect(t).toContain('已接受（王芳）：客户使用 hosts 文件');
    // Every disk of a machine, mounted data disks included, with its mount point and type.
    expect(t).toMatch(/\/data 100 hdd/);
  });

  it('embeds only subset Noto Sans SC and signs like every deliverable', async () => {
    const fonts = tool('pdffonts', [f('plan-zh.pdf')])
      .stdout.split('\n')
      .slice(2)
      .filter((l) => l.trim());
    expect(fonts.length).toBeGreaterThan(0);
    for (const row of fonts)
      expect(row).toMatch(
        /NotoSansSC-(Regular|Bold)\s+CID TrueType\s+Identity-H\s+yes\s+yes\s+yes/,
      );
    const s = await cli('sign', f('plan-zh.pdf'), '--out', f('plan-signed.pdf'));
    expect(s.code, s.io.err()).toBe(0);
    const sig = tool('pdfsig', [f('plan-signed.pdf')]);
    expect(sig.stdout).toContain('Signature is Valid');
    expect(sig.stdout).toContain('Total document signed');
  });
});

describe('planning snapshot validation', () => {
  const base = () =>
    buildPlanningSnapshot({
      plan: samplePlan(),
      documentNumber: 'FB-PLN-20261203-0001',
      issuedAt: '2026-12-03T08:00:00.000Z',
      customer: { name: '华东示例城市商业银行' },
      site: { name: 'A 栋', timeZone: 'Asia/Shanghai' },
      environment: 'global',
      engineers: [{ name: '王工' }],
    });

  it('accepts its own snapshot', () => {
    expect(validatePlanningSnapshot(base()).ok).toBe(true);
  });

  it('refuses findings that do not match the plan (a document cannot claim "passed" for a plan that does not)', () => {
    const s = base();
    s.plan.machines[2]!.nics[2]!.address = '10.20.30.21';
    const r = validatePlanningSnapshot(s);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.errors[0]).toContain('findings');
  });

  it('names the field of a malformed snapshot', () => {
    const s = base() as unknown as Record<string, unknown>;
    s['documentNumber'] = 'FB-INS-20261203-0001';
    const r = validatePlanningSnapshot(s);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.errors.join('\n')).toContain('/documentNumber');
  });
});
