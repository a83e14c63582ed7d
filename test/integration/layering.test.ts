import { ESLint } from 'eslint';
import tseslint from 'typescript-eslint';
import { describe, expect, it } from 'vitest';

// The layering rules of CONVENTIONS.md are lint errors. These cases lint small sources as if
// they lived in each folder, so a broken eslint config fails here rather than in review.
// The probes are not files on disk, so type-aware rules (which need a TS program) are off for
// them; the layering rules under test are not type-aware.
const eslint = new ESLint({
  cwd: new URL('../..', import.meta.url).pathname,
  overrideConfig: [{ files: ['**/layering-probe.ts'], ...tseslint.configs.disableTypeChecked }],
});

async function ruleIds(filePath: string, source: string): Promise<string[]> {
  const [result] = await eslint.lintText(source, { filePath });
  return (result?.messages ?? []).map((m) => m.ruleId ?? m.message);
}

describe('import layering is enforced by lint', () => {
  it('src-shared may not import node built-ins', async () => {
    const ids = await ruleIds(
      'src-shared/domain/layering-probe.ts',
      "import { readFileSync } from 'node:fs';\nexport const x = readFileSync;\n",
    );
    expect(ids).toContain('no-restricted-imports');
  });

  it('src-shared may not import electron', async () => {
    const ids = await ruleIds(
      'src-shared/domain/layering-probe.ts',
      "import { app } from 'electron';\nexport const x = app;\n",
    );
    expect(ids).toContain('no-restricted-imports');
  });

  it('src-shared may not use DOM globals', async () => {
    const ids = await ruleIds(
      'src-shared/domain/layering-probe.ts',
      'export const title = (): string => document.title;\n',
    );
    expect(ids).toContain('no-restricted-globals');
  });

  it('src-shared may not import from the renderer or main', async () => {
    const ids = await ruleIds(
      'src-shared/domain/layering-probe.ts',
      "import * as ui from '../../src-renderer/app/main';\nexport const x = ui;\n",
    );
    expect(ids).toContain('import-x/no-restricted-paths');
  });

  it('the renderer may not import electron or node', async () => {
    const electron = await ruleIds(
      'src-renderer/app/layering-probe.ts',
      "import { ipcRenderer } from 'electron';\nexport const x = ipcRenderer;\n",
    );
    expect(electron).toContain('no-restricted-imports');
    const node = await ruleIds(
      'src-renderer/app/layering-probe.ts',
      "import { readFileSync } from 'node:fs';\nexport const x = readFileSync;\n",
    );
    expect(node).toContain('no-restricted-imports');
  });

  it('the renderer may not import main-process code', async () => {
    const ids = await ruleIds(
      'src-renderer/app/layering-probe.ts',
      "import * as svc from '../../src-main/app/main';\nexport const x = svc;\n",
    );
    expect(ids).toContain('import-x/no-restricted-paths');
  });

  it('main-process services stay free of electron', async () => {
    const ids = await ruleIds(
      'src-main/services/layering-probe.ts',
      "import { safeStorage } from 'electron';\nexport const x = safeStorage;\n",
    );
    expect(ids).toContain('no-restricted-imports');
  });

  it('the server may not import main or renderer code', async () => {
    const ids = await ruleIds(
      'src-server/layering-probe.ts',
      "import * as svc from '../src-main/app/main';\nexport const x = svc;\n",
    );
    expect(ids).toContain('import-x/no-restricted-paths');
  });

  it('a clean src-shared module passes', async () => {
    const ids = await ruleIds(
      'src-shared/domain/layering-probe.ts',
      'export const double = (n: number): number => n * 2;\n',
    );
    expect(ids).toEqual([]);
  });
});
