import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
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
      chooseOpenPath: () => Promise.resolve(bad),
    });
    await expect(service.importXlsx()).rejects.toThrow(/not an \.xlsx workbook/);
    expect(
      await service.exportXlsx({ plan: samplePlan(), lang: 'en', suggestedName: 'p.xlsx' }),
    ).toBeNull();
    const cancelled = createPlansService({
      chooseSavePath: () => Promise.resolve(null),
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
});
