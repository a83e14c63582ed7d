/**
 * Runs Fieldbook in a browser where the Electron binary is not available (`npm start` falls back
 * to this). The app is the same renderer build; `window.fieldbook` is the same shim the end-to-end
 * tests use, backed by the real main-process services on a persistent profile folder.
 *
 * It fronts the e2e harness: the page is served with a script tag that installs the shim (the
 * harness itself relies on Playwright to inject it), everything else is passed through.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdir, readFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { desktopShim } from '../test/e2e/harness/desktop-shim';
import { DEFAULT_RENDERER_DIR, startHarness } from '../test/e2e/harness/server';
import { CONTENT_SECURITY_POLICY } from '../src-main/app/security';

const SHIM_PATH = '/__fieldbook-desktop-shim.js';

async function main(): Promise<void> {
  const userDataDir = process.env['FIELDBOOK_DATA_DIR'] ?? join(homedir(), '.fieldbook-browser');
  await mkdir(userDataDir, { recursive: true });
  const harness = await startHarness({ userDataDir });
  // The shim must run before the app's module script.
  const indexHtml = (await readFile(join(DEFAULT_RENDERER_DIR, 'index.html'), 'utf8')).replace(
    '<script type="module"',
    `<script src="${SHIM_PATH}"></script>\n    <script type="module"`,
  );
  // tsx (esbuild with keepNames) wraps named functions in `__name(...)` calls inside the
  // function's source text; the page has no such helper, so give it an identity one.
  const shimSource = `var __name = (fn) => fn;\n(${desktopShim.toString()})();\n`;

  const port = Number(process.env['PORT'] ?? 5740);
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', harness.url);
    const headers = {
      'content-security-policy': CONTENT_SECURITY_POLICY,
      'cache-control': 'no-store',
      'x-content-type-options': 'nosniff',
    };
    if (req.method === 'GET' && (url.pathname === '/' || url.pathname === '/index.html')) {
      res.writeHead(200, { ...headers, 'content-type': 'text/html; charset=utf-8' });
      res.end(indexHtml);
      return;
    }
    if (req.method === 'GET' && url.pathname === SHIM_PATH) {
      res.writeHead(200, { ...headers, 'content-type': 'text/javascript; charset=utf-8' });
      res.end(shimSource);
      return;
    }
    // Everything else (assets, /__desktop/* calls) goes to the harness unchanged.
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const forwardHeaders: Record<string, string> = {};
      for (const [k, v] of Object.entries(req.headers)) {
        if (typeof v === 'string' && k !== 'host' && k !== 'origin') forwardHeaders[k] = v;
      }
      // The harness accepts desktop calls only from its own origin; this front is that page.
      if (req.headers.origin === `http://127.0.0.1:${port}`) {
        forwardHeaders['origin'] = new URL(harness.url).origin;
      }
      fetch(new URL(url.pathname + url.search, harness.url), {
        method: req.method,
        headers: forwardHeaders,
        body: chunks.length > 0 ? Buffer.concat(chunks) : undefined,
      })
        .then(async (upstream) => {
          const body = Buffer.from(await upstream.arrayBuffer());
          const out: Record<string, string> = {};
          upstream.headers.forEach((value, key) => {
            if (key !== 'content-length' && key !== 'transfer-encoding') out[key] = value;
          });
          res.writeHead(upstream.status, out);
          res.end(body);
        })
        .catch((error: unknown) => {
          res.writeHead(502, { 'content-type': 'text/plain; charset=utf-8' });
          res.end(`Fieldbook browser mode: ${String(error)}`);
        });
    });
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', resolve);
  });
  const { port: actual } = server.address() as AddressInfo;
  console.log(`Fieldbook is running in browser mode: http://127.0.0.1:${actual}/`);
  console.log(`Local data (desktop services): ${userDataDir}; browser data: your browser profile.`);
  console.log('Press Ctrl+C to stop.');

  const stop = (): void => {
    server.close();
    void harness.close().then(() => process.exit(0));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((error: unknown) => {
  if ((error as NodeJS.ErrnoException).code === 'EADDRINUSE') {
    const port = process.env['PORT'] ?? '5740';
    console.error(
      `Port ${port} is in use (is Fieldbook already running?). Stop it, or start on another port: PORT=5741 npm start`,
    );
  } else {
    console.error(error);
  }
  process.exit(1);
});
