/**
 * The installer configuration (electron-builder.yml), checked without electron-builder or the
 * Electron binary (neither can be installed here): its keys against electron-builder's
 * documented configuration (https://www.electron.build/configuration — Configuration, win,
 * nsis, mac, dmg, linux, deb, appImage; a misspelt key would be ignored by a build, so unknown
 * keys fail here), the targets the issue asks for, the icons and their sizes, and the files it
 * packs.
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import Ajv from 'ajv';
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
const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
  main: string;
  version: string;
  description: string;
  dependencies: Record<string, string>;
  devDependencies: Record<string, string>;
};

const targets = (names: string[]) => ({
  type: 'array',
  minItems: 1,
  items: {
    type: 'object',
    additionalProperties: false,
    required: ['target'],
    properties: {
      target: { enum: names },
      arch: { type: 'array', items: { enum: ['x64', 'ia32', 'armv7l', 'arm64', 'universal'] } },
    },
  },
});
const str = { type: 'string', minLength: 1 };
const bool = { type: 'boolean' };

/** The documented keys this configuration may use (a subset of electron-builder's schema). */
const SCHEMA = {
  type: 'object',
  additionalProperties: false,
  required: ['appId', 'productName', 'files', 'win', 'nsis', 'mac', 'dmg', 'linux'],
  properties: {
    appId: { type: 'string', pattern: '^[a-z][a-z0-9-]*(\\.[a-z][a-z0-9-]*){2,}$' },
    productName: str,
    copyright: str,
    directories: {
      type: 'object',
      additionalProperties: false,
      properties: { output: str, buildResources: str, app: str },
    },
    files: { type: 'array', minItems: 1, items: str },
    extraResources: { type: 'array', items: str },
    asar: bool,
    artifactName: str,
    win: {
      type: 'object',
      additionalProperties: false,
      required: ['target', 'icon'],
      properties: {
        target: targets(['nsis', 'portable', 'msi', 'zip']),
        icon: str,
        publisherName: str,
      },
    },
    nsis: {
      type: 'object',
      additionalProperties: false,
      properties: {
        oneClick: bool,
        perMachine: bool,
        allowToChangeInstallationDirectory: bool,
        createDesktopShortcut: bool,
        createStartMenuShortcut: bool,
        shortcutName: str,
        installerIcon: str,
        uninstallerIcon: str,
        artifactName: str,
      },
    },
    mac: {
      type: 'object',
      additionalProperties: false,
      required: ['target', 'icon'],
      properties: {
        target: targets(['dmg', 'zip', 'pkg']),
        icon: str,
        category: { type: 'string', pattern: '^public\\.app-category\\.[a-z-]+$' },
        hardenedRuntime: bool,
      },
    },
    dmg: { type: 'object', additionalProperties: false, properties: { title: str, icon: str } },
    linux: {
      type: 'object',
      additionalProperties: false,
      required: ['target', 'icon', 'maintainer'],
      properties: {
        target: targets(['AppImage', 'deb', 'rpm', 'snap', 'tar.gz']),
        icon: str,
        // The freedesktop.org main categories.
        category: {
          enum: [
            'AudioVideo',
            'Development',
            'Education',
            'Game',
            'Graphics',
            'Network',
            'Office',
            'Science',
            'Settings',
            'System',
            'Utility',
          ],
        },
        maintainer: { type: 'string', pattern: '^[^<>]+ <[^@\\s]+@[^@\\s]+>$' },
        synopsis: str,
        executableName: { type: 'string', pattern: '^[a-z][a-z0-9-]*$' },
      },
    },
    deb: {
      type: 'object',
      additionalProperties: false,
      properties: { priority: str, depends: { type: 'array', items: str } },
    },
    appImage: { type: 'object', additionalProperties: false, properties: { artifactName: str } },
  },
};

/** Width and height of a PNG (its IHDR chunk). */
function pngSize(bytes: Buffer): [number, number] {
  expect(bytes.subarray(1, 4).toString('latin1')).toBe('PNG');
  return [bytes.readUInt32BE(16), bytes.readUInt32BE(20)];
}

describe('electron-builder.yml', () => {
  it('uses only documented keys with valid values', () => {
    const validate = new Ajv({ allErrors: true }).compile(SCHEMA);
    expect(validate(config), JSON.stringify(validate.errors, null, 2)).toBe(true);
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
