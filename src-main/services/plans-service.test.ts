import { mkdir, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { afterEach, describe, expect, it } from 'vitest';
import { samplePlan } from '../../src-shared/domain/planning/sample-plan';
import { IPC_ARGS_VALIDATORS, IPC_CHANNELS } from '../../src-shared/ipc';
import { createPlansService } from './plans-service';

const dirs: string[] = [];
afterEach(async () => {
  for (const d of dirs.splice(0)) await rm(d, { recursive: true, force: true });
});

describe('plans service (the app’s workbook import and export)', () => {
  it('exports where the dialog chose and imports the same plan back', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'plans-'));
    dirs.push(dir);
    const target = join(dir, 'plan.xlsx');
    const service = createPlansService({
      chooseSavePath: () => Promise.resolve(target),
      chooseFolderPath: () => Promise.resolve(null),
      chooseOpenPath: () => Promise.resolve(target),
    });
    expect(
      await service.exportXlsx({ plan: samplePlan(), lang: 'zh', suggestedName: 'p.xlsx' }),
    ).toBe(target);
    expect((await readFile(target)).subarray(0, 2).toString('latin1')).toBe('PK');
    const back = await service.importXlsx();
    expect(back).toEqual({ ok: true, name: 'plan.xlsx', plan: samplePlan() });
  });

  it('reports unreadable cells, refuses a file that is not a workbook, and honours cancel', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'plans-'));
    dirs.push(dir);
    const bad = join(dir, 'bad.xlsx');
    await writeFile(bad, 'not a zip');
    const service = createPlansService({
      chooseSavePath: () => Promise.resolve(null),
      chooseFolderPath: () => Promise.resolve(null),
      chooseOpenPath: () => Promise.resolve(bad),
    });
    await expect(service.importXlsx()).rejects.toThrow(/not an \.xlsx workbook/);
    expect(
      await service.exportXlsx({ plan: samplePlan(), lang: 'en', suggestedName: 'p.xlsx' }),
    ).toBeNull();
    const cancelled = createPlansService({
      chooseSavePath: () => Promise.resolve(null),
      chooseFolderPath: () => Promise.resolve(null),
      chooseOpenPath: () => Promise.resolve(null),
    });
    expect(await cancelled.importXlsx()).toBeNull();
  });

  it('the channel refuses a payload that is not a plan, or a name that is not .xlsx', () => {
    const validate = IPC_ARGS_VALIDATORS[IPC_CHANNELS.plansExportXlsx];
    expect(() =>
      validate([{ plan: { product: 'DCE' }, lang: 'zh', suggestedName: 'a.xlsx' }]),
    ).toThrow(/plan is not a plan/);
    expect(() => validate([{ plan: samplePlan(), lang: 'zh', suggestedName: 'a.pdf' }])).toThrow(
      /\.xlsx/,
    );
    expect(() => validate([{ plan: samplePlan(), lang: 'fr', suggestedName: 'a.xlsx' }])).toThrow(
      /lang/,
    );
    expect(validate([{ plan: samplePlan(), lang: 'en', suggestedName: 'a.xlsx' }])[0].lang).toBe(
      'en',
    );
    expect(() => IPC_ARGS_VALIDATORS[IPC_CHANNELS.plansImportXlsx](['x'])).toThrow();
  });

  it('writes the installer configuration into a new folder, parsed back as YAML', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'plans-'));
    dirs.push(dir);
    const target = join(dir, 'installer-dce');
    const asked: string[] = [];
    const service = createPlansService({
      chooseSavePath: () => Promise.resolve(null),
      chooseFolderPath: (name) => {
        asked.push(name);
        return Promise.resolve(target);
      },
      chooseOpenPath: () => Promise.resolve(null),
    });
    const result = await service.exportInstaller({ plan: samplePlan(), folderName: 'inst' });
    expect(asked).toEqual(['inst']);
    expect(result?.path).toBe(target);
    expect(result?.files).toEqual(
      expect.arrayContaining(['clusterConfig.yaml', 'kubean/hosts.yml', 'README.txt']),
    );
    const cluster = parseYaml(await readFile(join(target, 'clusterConfig.yaml'), 'utf8')) as {
      kind: string;
      spec: { masterNodes: { nodeName: string; ip: string }[] };
    };
    expect(cluster.kind).toBe('ClusterConfig');
    expect(cluster.spec.masterNodes.map((n) => n.nodeName)).toEqual([
      'dce-master-01',
      'dce-master-02',
      'dce-master-03',
    ]);
    const hosts = parseYaml(await readFile(join(target, 'kubean/hosts.yml'), 'utf8')) as {
      all: { children: { kube_control_plane: { hosts: Record<string, unknown> } } };
    };
    expect(Object.keys(hosts.all.children.kube_control_plane.hosts)).toHaveLength(3);

    // The same folder again: refused, the first export untouched.
    await expect(
      service.exportInstaller({ plan: samplePlan(), folderName: 'inst' }),
    ).rejects.toThrow(/already exists; choose a new folder name/);
    expect((await readdir(target)).sort()).toEqual(
      [...new Set(result!.files.map((f) => f.split('/')[0]!))].sort(),
    );
  });

  it('refuses a plan with error findings before asking for a folder, and honours cancel', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'plans-'));
    dirs.push(dir);
    let asked = 0;
    const service = createPlansService({
      chooseSavePath: () => Promise.resolve(null),
      chooseFolderPath: () => {
        asked++;
        return Promise.resolve(asked > 1 ? null : join(dir, 'x'));
      },
      chooseOpenPath: () => Promise.resolve(null),
    });
    const bad = samplePlan();
    bad.machines[3]!.roles = ['worker'];
    await expect(service.exportInstaller({ plan: bad, folderName: 'x' })).rejects.toThrow(
      /error finding\(s\) \(control-plane-count at \/machines.*nothing was written/,
    );
    expect(asked).toBe(0);
    await mkdir(join(dir, 'keep'));
    expect(await service.exportInstaller({ plan: samplePlan(), folderName: 'x' })).not.toBeNull();
    expect(await service.exportInstaller({ plan: samplePlan(), folderName: 'x' })).toBeNull();
    expect((await readdir(dir)).sort()).toEqual(['keep', 'x']);
  });

  it('the installer channel refuses a payload that is not a plan, or a folder name with a path', () => {
    const validate = IPC_ARGS_VALIDATORS[IPC_CHANNELS.plansExportInstaller];
    expect(() => validate([{ plan: { product: 'DCE' }, folderName: 'a' }])).toThrow(
      /plan is not a plan/,
    );
    expect(() => validate([{ plan: samplePlan(), folderName: '../a' }])).toThrow(/separators/);
    expect(validate([{ plan: samplePlan(), folderName: 'a' }])[0].folderName).toBe('a');
  });
});
