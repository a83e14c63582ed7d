import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const BIN = fileURLToPath(new URL('../../bin/fieldbook.mjs', import.meta.url));

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the real CLI in a child process, as `npx fieldbook …` would. */
function fieldbook(args: string[]): Promise<Run> {
  return new Promise((resolve) => {
    execFile(process.execPath, [BIN, ...args], { timeout: 30_000 }, (error, stdout, stderr) => {
      const code = error ? (typeof error.code === 'number' ? error.code : -1) : 0;
      resolve({ code, stdout, stderr });
    });
  });
}

const dir = mkdtempSync(join(tmpdir(), 'fieldbook-plan-cli-'));
/** Tests that start several CLI processes: each takes 2–7 s on a loaded 2-core machine. */
const SEVERAL_RUNS = 90_000;

describe('fieldbook sample plan / plan validate', () => {
  it('the sample plan validates clean (exit 0)', async () => {
    const out = join(dir, 'plan.json');
    expect((await fieldbook(['sample', 'plan', '--out', out])).code).toBe(0);
    const r = await fieldbook(['plan', 'validate', '--input', out]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual({ valid: true, findings: [] });
  });

  it('a duplicate IP is an error finding with its JSON pointer (exit 1)', async () => {
    const plan = JSON.parse((await fieldbook(['sample', 'plan'])).stdout) as {
      machines: { nics: { address?: string }[] }[];
    };
    plan.machines[2]!.nics[2]!.address = plan.machines[1]!.nics[2]!.address;
    const file = join(dir, 'dup.json');
    writeFileSync(file, JSON.stringify(plan));
    const r = await fieldbook(['plan', 'validate', '--input', file]);
    expect(r.code).toBe(1);
    const result = JSON.parse(r.stdout) as { valid: boolean; findings: Record<string, unknown>[] };
    expect(result.valid).toBe(false);
    const hit = result.findings.find((f) => f['rule'] === 'duplicate-ip') as
      { severity: string; path: string; message: { zh: string; en: string } } | undefined;
    expect(hit?.severity).toBe('error');
    expect(hit?.path).toBe('/machines/2/nics/2/address');
    expect(hit?.message.zh).toContain('10.20.30.21');
    expect(hit?.message.en).toContain('dce-master-01');
  });

  it('warnings alone keep exit 0', async () => {
    const plan = JSON.parse((await fieldbook(['sample', 'plan'])).stdout) as {
      dnsServers: string[];
    };
    plan.dnsServers = [];
    const file = join(dir, 'warn.json');
    writeFileSync(file, JSON.stringify(plan));
    const r = await fieldbook(['plan', 'validate', '--input', file]);
    expect(r.code).toBe(0);
    expect((JSON.parse(r.stdout) as { findings: { rule: string }[] }).findings[0]?.rule).toBe(
      'missing-dns',
    );
  });

  it(
    'not JSON, or not a plan: exit 2 with the reason, nothing on stdout',
    async () => {
      const notJson = join(dir, 'not.json');
      writeFileSync(notJson, '{"product": ');
      const a = await fieldbook(['plan', 'validate', '--input', notJson]);
      expect(a.code).toBe(2);
      expect(a.stdout).toBe('');
      expect(a.stderr).toContain('is not JSON');

      const notPlan = join(dir, 'notplan.json');
      writeFileSync(notPlan, JSON.stringify({ product: 'DCE', machines: [{ hostname: 1 }] }));
      const b = await fieldbook(['plan', 'validate', '--input', notPlan]);
      expect(b.code).toBe(2);
      expect(b.stdout).toBe('');
      expect(b.stderr).toContain('is not a plan');
      expect(b.stderr).toContain('/podCidr: is required');
      expect(b.stderr).toContain('/machines/0/hostname');

      const missing = await fieldbook(['plan', 'validate', '--input', join(dir, 'nope.json')]);
      expect(missing.code).toBe(2);
      expect(missing.stderr).toContain('ENOENT');
      expect(readFileSync(notPlan, 'utf8')).toContain('DCE');
    },
    SEVERAL_RUNS,
  );
});

describe('fieldbook plan installer', () => {
  it('writes the DCE ClusterConfig and the kubean inventory for a valid plan', async () => {
    const plan = join(dir, 'inst-plan.json');
    await fieldbook(['sample', 'plan', '--out', plan]);
    const out = join(dir, 'installer');
    const r = await fieldbook(['plan', 'installer', '--input', plan, '--out', out]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(readFileSync(join(out, 'clusterConfig.yaml'), 'utf8')).toContain('kind: ClusterConfig');
    expect(readFileSync(join(out, 'kubean', 'hosts.yml'), 'utf8')).toContain('kube_control_plane');
  });

  it('refuses a plan with error findings and writes nothing', async () => {
    const plan = JSON.parse((await fieldbook(['sample', 'plan'])).stdout) as { podCidr: string };
    plan.podCidr = '10.20.30.0/24';
    const file = join(dir, 'bad-inst.json');
    writeFileSync(file, JSON.stringify(plan));
    const out = join(dir, 'installer-bad');
    const r = await fieldbook(['plan', 'installer', '--input', file, '--out', out]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('nothing was written');
    expect(existsSync(out)).toBe(false);
  });
});

describe('fieldbook plan export / import', () => {
  it(
    'round-trips through the workbook and validates on import',
    async () => {
      const plan = join(dir, 'x-plan.json');
      await fieldbook(['sample', 'plan', '--out', plan]);
      const xlsx = join(dir, 'plan.xlsx');
      const e = await fieldbook(['plan', 'export', '--input', plan, '--out', xlsx]);
      expect(e.code).toBe(0);
      const back = join(dir, 'back.json');
      const i = await fieldbook(['plan', 'import', '--input', xlsx, '--out', back]);
      expect(i.stderr).toBe('');
      expect(i.code).toBe(0);
      expect(JSON.parse(readFileSync(back, 'utf8'))).toEqual(
        JSON.parse(readFileSync(plan, 'utf8')),
      );
    },
    SEVERAL_RUNS,
  );

  it('refuses a file that is not a workbook (exit 2) and writes nothing', async () => {
    const bogus = join(dir, 'bogus.xlsx');
    writeFileSync(bogus, 'hello');
    const out = join(dir, 'bogus.json');
    const r = await fieldbook(['plan', 'import', '--input', bogus, '--out', out]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('not an .xlsx workbook');
    expect(existsSync(out)).toBe(false);
  });
});
