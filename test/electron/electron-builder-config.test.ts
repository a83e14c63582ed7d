/**
 * The installer configuration (electron-builder.yml), checked without the Electron binary
 * (which cannot be downloaded here, so no installer is built): against the JSON schema
 * electron-builder publishes (app-builder-lib's scheme.json, the one it validates with before
 * every build) and through electron-builder's own loader and validator; then the targets the
 * issue asks for, the icons and their sizes, and the files it packs.
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import Ajv from 'ajv';
import type { Configuration } from 'electron-builder';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '../..');
const config = parse(readFileSync(join(ROOT, 'electron-builder.yml'), 'utf8')) as Record<
  string,
  unknown
> & {
  win: { target: { target: string; arch: string[] }[]; icon: string };
  mac: { target: { target: string; arch: string[] }[]; icon: string };
  linux: { target: { target: string; arch: string[] }[]; icon: string };
  nsis: { installerIcon: string; uninstallerIcon: string };
  files: string[];
  directories: { output: string; buildResources: string };
};
// app-builder-lib is electron-builder's own dependency: resolve it from there, at the version
// electron-builder uses.
const fromBuilder = createRequire(createRequire(import.meta.url).resolve('electron-builder'));
const scheme = JSON.parse(
  readFileSync(fromBuilder.resolve('app-builder-lib/scheme.json'), 'utf8'),
) as Record<string, unknown>;
const builderConfig = fromBuilder('app-builder-lib/out/util/config/config.js') as {
  getConfig(projectDir: string, configPath: null, options: null): Promise<Configuration>;
  validateConfiguration(config: Configuration, logger: { isEnabled: boolean }): Promise<void>;
};

const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
  main: string;
  version: string;
  description: string;
  dependencies: Record<string, string>;
  devDependencies: Record<string, string>;
};

/** Width and height of a PNG (its IHDR chunk). */
function pngSize(bytes: Buffer): [number, number] {
  expect(bytes.subarray(1, 4).toString('latin1')).toBe('PNG');
  return [bytes.readUInt32BE(16), bytes.readUInt32BE(20)];
}

describe('electron-builder.yml', () => {
  it('matches electron-builder’s published configuration schema (scheme.json)', () => {
    expect(scheme['$schema']).toBe('http://json-schema.org/draft-07/schema#');
    // strict off: the schema carries electron-builder's own annotation keywords.
    const validate = new Ajv({ allErrors: true, strict: false }).compile(scheme);
    expect(validate(config), JSON.stringify(validate.errors, null, 2)).toBe(true);
    // The schema refuses what a build would silently ignore or reject: a misspelt key, a
    // key in the wrong section, an architecture electron-builder does not know. (Target names
    // are free strings in the schema; the next test pins them.)
    const broken: Record<string, unknown>[] = [
      { ...config, nsis: { ...config.nsis, oneclick: false } },
      { ...config, title: 'Fieldbook' },
      { ...config, directories: { ...config.directories, outputDir: 'dist' } },
      { ...config, win: { ...config.win, target: [{ target: 'nsis', arch: ['x86'] }] } },
    ];
    for (const candidate of broken) expect(validate(candidate)).toBe(false);
  });

  it('loads and validates through electron-builder’s own configuration code', async () => {
    // getConfig finds electron-builder.yml in the project folder and merges package.json's
    // metadata, as `electron-builder --linux` does; validateConfiguration throws on a
    // configuration the build would refuse.
    const loaded = await builderConfig.getConfig(ROOT, null, null);
    expect(loaded.appId).toBe('app.fieldbook.desktop');
    await expect(
      builderConfig.validateConfiguration(loaded, { isEnabled: false }),
    ).resolves.toBeUndefined();
    await expect(
      builderConfig.validateConfiguration(
        { ...loaded, dmg: { ...loaded.dmg, titel: 'x' } as Configuration['dmg'] },
        { isEnabled: false },
      ),
    ).rejects.toThrow(/Invalid configuration object/);
  });

  it('builds Windows NSIS, macOS dmg, Linux AppImage and deb under the app’s identity', () => {
    expect(config.win.target.map((t) => t.target)).toEqual(['nsis']);
    expect(config.mac.target.map((t) => t.target)).toEqual(['dmg']);
    expect(config.linux.target.map((t) => t.target).sort()).toEqual(['AppImage', 'deb']);
    expect(config['productName']).toBe('Fieldbook');
    expect(config['appId']).toBe('app.fieldbook.desktop');
    // electron-builder reads the version and description from package.json.
    expect(pkg.version).toMatch(/^\d+\.\d+\.\d+$/);
    expect(pkg.description.length).toBeGreaterThan(0);
    // It refuses to pack electron as a runtime dependency.
    expect(Object.keys(pkg.dependencies)).not.toContain('electron');
    expect(Object.keys(pkg.devDependencies)).toContain('electron');
  });

  it('has the icons each platform needs, at the sizes they need', () => {
    const ico = readFileSync(join(ROOT, config.win.icon));
    expect(ico.readUInt16LE(2)).toBe(1);
    const count = ico.readUInt16LE(4);
    const sizes = Array.from({ length: count }, (_, i) => ico.readUInt8(6 + 16 * i) || 256);
    expect(sizes).toEqual(expect.arrayContaining([16, 32, 48, 256]));
    for (const icon of [config.nsis.installerIcon, config.nsis.uninstallerIcon]) {
      expect(existsSync(join(ROOT, icon)), icon).toBe(true);
    }
    const icns = readFileSync(join(ROOT, config.mac.icon));
    expect(icns.subarray(0, 4).toString('latin1')).toBe('icns');
    expect(icns.readUInt32BE(4)).toBe(icns.length);
    const types: string[] = [];
    for (let at = 8; at < icns.length; at += icns.readUInt32BE(at + 4)) {
      types.push(icns.subarray(at, at + 4).toString('latin1'));
    }
    expect(types).toEqual(expect.arrayContaining(['ic08', 'ic09', 'ic10']));
    // Linux: a folder of <size>x<size>.png, each the size its name says, 512 at least.
    const dir = join(ROOT, config.linux.icon);
    const pngs = readdirSync(dir).filter((n) => /^\d+x\d+\.png$/.test(n));
    expect(pngs).toEqual(expect.arrayContaining(['16x16.png', '256x256.png', '512x512.png']));
    for (const name of pngs) {
      const size = Number(name.split('x')[0]);
      expect(pngSize(readFileSync(join(dir, name))), name).toEqual([size, size]);
    }
    expect(pngSize(readFileSync(join(ROOT, 'resources/icons/icon.png')))).toEqual([1024, 1024]);
  });

  it('packs the build output the app starts from and the fonts the PDF renderer opens', () => {
    const included = config.files.filter((f) => !f.startsWith('!'));
    expect(included).toContain('out/**/*');
    expect(included).toContain('package.json');
    // package.json's `main` is inside the build output electron-vite writes (electron.vite.config.ts).
    expect(pkg.main).toBe('out/main/index.js');
    expect(readFileSync(join(ROOT, 'electron.vite.config.ts'), 'utf8')).toContain(
      "outDir: 'out/main'",
    );
    // Every listed source folder that is not build output exists in the repository.
    for (const pattern of included.filter((f) => !f.startsWith('out/'))) {
      const base = pattern.split('/**')[0]!;
      expect(existsSync(join(ROOT, base)), pattern).toBe(true);
    }
    expect(
      readdirSync(join(ROOT, 'resources/fonts')).filter((n) => n.endsWith('.ttf')),
    ).toHaveLength(2);
    expect(existsSync(join(ROOT, config.directories.buildResources))).toBe(true);
    // Installers go to dist/, which git ignores, never into the sources.
    expect(config.directories.output).toBe('dist');
  });
});
