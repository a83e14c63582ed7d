/**
 * The procedure records (升级记录 upgrade record, 实施记录 implementation record): fieldbook sample
 * upgrade|implementation → report render (zh, en) → pdftotext. The samples are real runs of the
 * templates, so this also checks the record built from a run's derived state: every step with
 * who and when in the site zone, excerpts citing the appendix that holds the whole output,
 * approvals, the rollback entered, the short-notice window and its emergency reason.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../src-cli/main';
import type { ProcedureRecordSnapshot } from '../../src-shared/reports/procedure-record/snapshot';
import { outputExcerpt } from '../../src-shared/reports/procedure-record/snapshot';
import { captureIo, tool } from './tools';

let dir: string;
const f = (name: string) => path.join(dir, name);

async function cli(...argv: string[]) {
  const io = captureIo();
  const code = await runCli(argv, io);
  return { code, io };
}

/** The text without layout, whitespace collapsed (wrapped lines join again). */
const text = (file: string) => tool('pdftotext', [f(file), '-']).stdout.replace(/\s+/g, ' ');
const read = (name: string) => JSON.parse(readFileSync(f(name), 'utf8')) as ProcedureRecordSnapshot;

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'fieldbook-procedure-records-'));
  for (const kind of ['upgrade', 'implementation'] as const) {
    expect((await cli('sample', kind, '--out', f(`${kind}.json`))).code).toBe(0);
    for (const lang of ['zh', 'en'] as const) {
      const r = await cli(
        'report',
        'render',
        kind,
        '--input',
        f(`${kind}.json`),
        '--lang',
        lang,
        '--out',
        f(`${kind}-${lang}.pdf`),
      );
      expect(r.code, r.io.err()).toBe(0);
    }
  }
}, 120_000);

afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('upgrade record', () => {
  it('zh: versions, the emergency window, every step with who / when, the rollback, approvals, appendix', () => {
    const zh = text('upgrade-zh.pdf');
    for (const s of [
      '升级记录',
      'FB-UPG-20261115-0001',
      '5.0.3 → 5.1.0',
      '不足 28 天（10 天）：紧急变更',
      'CVE-2026-3141',
      '所有节点 Ready',
      '逐台升级其余管理节点',
      '失败',
      '进入回退：自失败步骤“逐台升级其余管理节点”',
      '从快照恢复 etcd',
      '回退后验证',
      '已回退',
      '李建国',
      '2026-11-17 22:29',
      '（电脑时区 Europe/Berlin）',
      '完整输出见附录 A.1',
      '附录 A 完整命令输出',
      '签字确认',
    ]) {
      expect(zh).toContain(s);
    }
    // The whole node list is in the appendix (the excerpt skips worker-04..06).
    const appendix = zh.slice(zh.indexOf('附录 A 完整命令输出'));
    expect(appendix).toContain('worker-05');
  });

  it('en: the same record in English', () => {
    const en = text('upgrade-en.pdf');
    for (const s of [
      'Upgrade record',
      'less than 28 days (10): emergency change',
      'Rollback entered from the failed step',
      'Rolled back',
      'Full output in appendix A.1',
      'Appendix A Full command output',
      '(laptop zone Europe/Berlin)',
    ]) {
      expect(en).toContain(s);
    }
  });

  it('refuses an approval by the executor and a missing appendix entry, and writes nothing', async () => {
    const s = read('upgrade.json');
    s.approvals[0]!.by = s.procedure.startedBy;
    const out = s.steps.flatMap((x) => x.attempts.flatMap((a) => a.outputs));
    out.find((o) => o.appendix !== undefined)!.appendix = 99;
    writeFileSync(f('bad.json'), JSON.stringify(s));
    const r = await cli(
      'report',
      'render',
      'upgrade',
      '--input',
      f('bad.json'),
      '--out',
      f('bad.pdf'),
    );
    expect(r.code).toBe(2);
    expect(r.io.err()).toContain('the approver is the executor');
    expect(r.io.err()).toContain('appendix 99 is missing');
    expect(existsSync(f('bad.pdf'))).toBe(false);
  });

  it('an upgrade record is not an implementation record (number code and kind)', async () => {
    const r = await cli(
      'report',
      'render',
      'implementation',
      '--input',
      f('upgrade.json'),
      '--out',
      f('wrong.pdf'),
    );
    expect(r.code).toBe(2);
    expect(existsSync(f('wrong.pdf'))).toBe(false);
  });
});

describe('implementation record', () => {
  it('zh and en: the failed and retried prerequisite, the installer log in the appendix, attachments', () => {
    const zh = text('implementation-zh.pdf');
    for (const s of [
      '实施记录',
      'FB-IMP-20261012-0001',
      '第 1 次',
      '第 2 次',
      'worker-03 数据盘只有 80 GB',
      '不可逆步骤',
      'console-login.jpg',
      '成功完成',
      'DCE 5.0 installed successfully',
      // The hand-over list: accounts, to whom, channel, acknowledgement, rotation; no secret.
      '账号与凭据移交清单',
      '不含任何密码或密钥',
      'DCE 5 控制台',
      'cluster-admin',
      '张主任',
      '加密 U 盘',
      '未确认',
      '7 天内',
    ]) {
      expect(zh).toContain(s);
    }
    const sample = read('implementation.json');
    expect(sample.handovers?.map((h) => h.account)).toEqual([
      'admin',
      'cluster-admin（/root/.kube/config）',
    ]);
    expect(JSON.stringify(sample)).not.toMatch(/password"|secret"/i);
    const en = text('implementation-en.pdf');
    for (const s of [
      'Implementation record',
      'Accounts and credentials handed over',
      'Not acknowledged',
      'within 30 d',
      'Attempt 2',
      'Irreversible step',
      'Completed successfully',
    ])
      expect(en).toContain(s);
  });

  it('an output longer than the excerpt keeps its head and tail in the body and all of it in the appendix', () => {
    const s = read('implementation.json');
    const installer = s.steps.find((x) => x.id === 'installer-run')!;
    const o = installer.attempts[0]!.outputs[0]!;
    expect(o.appendix).toBeGreaterThan(0);
    const full = s.appendix.find((a) => a.n === o.appendix)!.text;
    expect(full.split('\n').length - 1).toBe(o.lines);
    expect(o.excerpt.split('\n')).toHaveLength(6 + 1 + 3);
    expect(outputExcerpt('a\nb\nc').cut).toBe(false);
  });
});
