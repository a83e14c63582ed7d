/**
 * Running the real external tools the deliverable checks rely on (poppler-utils, openssl). A
 * missing tool fails the test with an install hint; it is never a reason to skip.
 */
import { spawnSync } from 'node:child_process';
import type { CliIo } from '../../src-cli/router';

export interface ToolRun {
  status: number;
  stdout: string;
  stderr: string;
}

const INSTALL: Record<string, string> = {
  pdffonts: 'apt-get install poppler-utils',
  pdftotext: 'apt-get install poppler-utils',
  pdfsig: 'apt-get install poppler-utils',
  pdftoppm: 'apt-get install poppler-utils',
  openssl: 'apt-get install openssl',
  certutil: 'apt-get install libnss3-tools',
};

export function tool(name: string, args: string[], input?: string): ToolRun {
  const r = spawnSync(name, args, { encoding: 'utf8', input, maxBuffer: 64 * 1024 * 1024 });
  if (r.error) {
    const code = (r.error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') {
      throw new Error(
        `${name} is not installed; the PDF checks need it (${INSTALL[name] ?? `install ${name}`})`,
      );
    }
    throw r.error;
  }
  return { status: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

export interface CapturedIo extends CliIo {
  out: () => string;
  err: () => string;
}

export function captureIo(): CapturedIo {
  let out = '';
  let err = '';
  return {
    stdout: (t) => {
      out += t;
    },
    stderr: (t) => {
      err += t;
    },
    out: () => out,
    err: () => err,
  };
}
