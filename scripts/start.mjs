#!/usr/bin/env node
// `npm start`: builds the app and runs it in Electron. Electron ≥ 42 downloads its binary the
// first time it is required; where that is impossible (an offline build machine) the same app
// runs in browser mode instead (scripts/browser-app.ts), and this says so.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const bin = (name) => join(root, 'node_modules', '.bin', name);

const build = spawnSync(bin('electron-vite'), ['build'], { cwd: root, stdio: 'inherit' });
if (build.status !== 0) process.exit(build.status ?? 1);

function electronBinaryPresent() {
  const dir = join(root, 'node_modules', 'electron');
  const pathFile = join(dir, 'path.txt');
  if (!existsSync(pathFile)) return false;
  return existsSync(join(dir, 'dist', readFileSync(pathFile, 'utf8').trim()));
}

if (!electronBinaryPresent() && process.env.FIELDBOOK_BROWSER !== '1') {
  console.log('Fetching the Electron binary (first run only)…');
  // Requiring the package triggers its download; give up after two minutes.
  // Its stack trace on failure says nothing a user needs: keep one line of it.
  const fetched = spawnSync(process.execPath, ['-e', "require('electron')"], {
    cwd: root,
    stdio: ['ignore', 'inherit', 'pipe'],
    encoding: 'utf8',
    timeout: 120_000,
  });
  if (fetched.status !== 0) {
    const reason = (fetched.stderr ?? '')
      .split('\n')
      .map((l) => l.trim())
      .find((l) => /error/i.test(l));
    console.log(`Could not fetch the Electron binary${reason ? `: ${reason}` : ''}`);
  }
}

if (electronBinaryPresent() && process.env.FIELDBOOK_BROWSER !== '1') {
  const child = spawn(bin('electron'), ['.'], { cwd: root, stdio: 'inherit' });
  child.on('exit', (code) => process.exit(code ?? 0));
} else {
  console.log('Electron is not available on this machine: starting Fieldbook in browser mode.');
  const child = spawn(bin('tsx'), ['scripts/browser-app.ts'], { cwd: root, stdio: 'inherit' });
  child.on('exit', (code) => process.exit(code ?? 0));
}
