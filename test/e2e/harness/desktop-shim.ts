/**
 * Defines `window.fieldbook` in the test browser, with the same `DesktopApi` shape the preload
 * exposes in Electron, by calling the harness's `/__desktop/<channel>` endpoints (see server.ts for
 * the wire format). Errors carry the same messages as the IPC handlers' (same validators).
 *
 * Installed with `context.addInitScript(desktopShim)`: Playwright sends the function's source to the
 * page, so it must be self-contained — no imports at runtime, no outer variables.
 *
 * Each call carries the browser profile's id (`x-fieldbook-profile`, made once and kept in the
 * page's localStorage): browser mode keeps one laptop — data folder, key, signed-in session —
 * per browser profile (scripts/browser-app.ts); the single-profile e2e harness ignores it.
 * Each call also carries the session token the launch page (or, in tests, authorize.ts) stored
 * in localStorage (`x-fieldbook-session`, see server.ts). Refused for want of it (401), browser
 * mode goes to its launch page, which says which file to open.
 */
import type { DesktopApi } from '../../../src-shared/ipc';

export function desktopShim(): void {
  const base = '/__desktop/';
  const PROFILE_KEY = 'fieldbook.browserProfileId';
  const SESSION_KEY = 'fieldbook.desktopSession';

  function profileId(): string {
    let id = localStorage.getItem(PROFILE_KEY);
    if (id === null || !/^[0-9a-f-]{36}$/.test(id)) {
      id = crypto.randomUUID();
      localStorage.setItem(PROFILE_KEY, id);
    }
    return id;
  }

  async function post(
    channel: string,
    body: string,
    headers: Record<string, string>,
  ): Promise<Response> {
    const response = await fetch(base + encodeURIComponent(channel), {
      method: 'POST',
      body,
      headers: {
        ...headers,
        'x-fieldbook-profile': profileId(),
        'x-fieldbook-session': localStorage.getItem(SESSION_KEY) ?? '',
      },
    });
    if (response.status === 401 && document.documentElement.dataset['fieldbookLaunch']) {
      // Browser mode, and the token is of an earlier launch: the launch page explains.
      localStorage.removeItem(SESSION_KEY);
      location.replace(document.documentElement.dataset['fieldbookLaunch']);
    }
    if (!response.ok) {
      let message = `${channel} failed with HTTP ${response.status}`;
      try {
        message = ((await response.json()) as { error?: string }).error ?? message;
      } catch {
        // Not a JSON error body: keep the status message.
      }
      throw new Error(message);
    }
    return response;
  }

  /**
   * Bytes sent as Electron's IPC sends them: one copy on the UI thread (the structured clone of a
   * Uint8Array is a memory copy, ~1 ms for a 2.6 MB PDF), the transport elsewhere. A fetch body
   * (bytes or Blob) made on the UI thread costs 50–100 ms there for the same PDF, which is the
   * harness's, not the app's; so a worker posts the copy, transferred to it.
   */
  let uploader: Worker | null = null;
  let uploadId = 0;
  const uploads = new Map<
    number,
    { resolve: (text: string) => void; reject: (err: Error) => void; channel: string }
  >();
  function uploadWorker(): Worker {
    if (uploader !== null) return uploader;
    const source = `onmessage = async (e) => {
      const { id, url, headers, buffer } = e.data;
      try {
        const r = await fetch(url, { method: 'POST', body: buffer, headers });
        postMessage({ id, status: r.status, ok: r.ok, text: await r.text() });
      } catch (err) {
        postMessage({ id, status: 0, ok: false, text: String(err) });
      }
    };`;
    const worker = new Worker(URL.createObjectURL(new Blob([source], { type: 'text/javascript' })));
    worker.onmessage = (
      e: MessageEvent<{ id: number; status: number; ok: boolean; text: string }>,
    ) => {
      const { id, status, ok, text } = e.data;
      const pending = uploads.get(id);
      if (pending === undefined) return;
      uploads.delete(id);
      if (status === 401 && document.documentElement.dataset['fieldbookLaunch']) {
        localStorage.removeItem(SESSION_KEY);
        location.replace(document.documentElement.dataset['fieldbookLaunch']);
      }
      if (ok) {
        pending.resolve(text);
        return;
      }
      let message = status === 0 ? text : `${pending.channel} failed with HTTP ${status}`;
      try {
        message = (JSON.parse(text) as { error?: string }).error ?? message;
      } catch {
        // Not a JSON error body: keep the status message.
      }
      pending.reject(new Error(message));
    };
    uploader = worker;
    return worker;
  }
  function upload(channel: string, bytes: Uint8Array, headers: Record<string, string>) {
    const id = ++uploadId;
    const buffer = bytes.slice().buffer;
    return new Promise<string>((resolve, reject) => {
      uploads.set(id, { resolve, reject, channel });
      uploadWorker().postMessage(
        {
          id,
          url: new URL(base + encodeURIComponent(channel), location.href).href,
          buffer,
          headers: {
            ...headers,
            'x-fieldbook-profile': profileId(),
            'x-fieldbook-session': localStorage.getItem(SESSION_KEY) ?? '',
          },
        },
        [buffer],
      );
    });
  }

  async function call<T>(channel: string, ...args: unknown[]): Promise<T> {
    const response = await post(channel, JSON.stringify(args), {
      'content-type': 'application/json',
    });
    return ((await response.json()) as { result: T }).result;
  }

  /** Uint8Array values travel as `{"$bytes": base64}` (see server.ts). */
  function toBase64(bytes: Uint8Array): string {
    let binary = '';
    for (let i = 0; i < bytes.length; i += 0x8000) {
      binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
    }
    return btoa(binary);
  }

  async function callWithBytes<T>(channel: string, ...args: unknown[]): Promise<T> {
    const body = JSON.stringify(args, (_key, value: unknown) =>
      value instanceof Uint8Array ? { $bytes: toBase64(value) } : value,
    );
    const response = await post(channel, body, { 'content-type': 'application/json' });
    const text = await response.text();
    const parsed = JSON.parse(text, (_key, value: unknown) => {
      if (typeof value === 'object' && value !== null && '$bytes' in value) {
        const binary = atob(String(value.$bytes));
        const out = new Uint8Array(binary.length);
        for (let i = 0; i < binary.length; i++) out[i] = binary.charCodeAt(i);
        return out;
      }
      return value;
    }) as { result: T };
    return parsed.result;
  }

  const api: DesktopApi = {
    app: {
      getInfo: () => call('app:get-info'),
    },
    keystore: {
      getDatabaseKey: () => call('keystore:get-database-key'),
    },
    blobs: {
      async put(input) {
        // Validate the shape here as Electron's structured clone would: only bytes can be sent.
        if (!(input?.bytes instanceof Uint8Array)) {
          throw new Error(`bytes must be a Uint8Array, got ${typeof input?.bytes}`);
        }
        const answer = await upload('blobs:put', input.bytes, {
          'content-type': 'application/octet-stream',
          'x-fieldbook-name': encodeURIComponent(String(input.name)),
          'x-fieldbook-mime-type': String(input.mimeType),
        });
        return (JSON.parse(answer) as { result: Awaited<ReturnType<DesktopApi['blobs']['put']>> })
          .result;
      },
      async get(sha256) {
        const response = await post('blobs:get', JSON.stringify([sha256]), {
          'content-type': 'application/json',
        });
        if (response.status === 204) return null;
        return new Uint8Array(await response.arrayBuffer());
      },
      has: (sha256) => call('blobs:has', sha256),
    },
    deliverables: {
      signPdf: (input) => callWithBytes('deliverables:sign-pdf', input),
      verifyPdf: (bytes) => callWithBytes('deliverables:verify-pdf', bytes),
      getSigningCertificate: () => callWithBytes('deliverables:get-signing-certificate'),
      savePdf: (input) => callWithBytes('deliverables:save-pdf', input),
      async openPdf(path) {
        await callWithBytes('deliverables:open-pdf', path);
      },
    },
    plans: {
      exportXlsx: (input) => call('plans:export-xlsx', input),
      importXlsx: () => call('plans:import-xlsx'),
      exportInstaller: (input) => call('plans:export-installer', input),
    },
    workspace: {
      exportFile: (input) => call('workspace:export-file', input),
      importFile: (input) => call('workspace:import-file', input),
    },
    spreadsheets: {
      exportTable: (input) => call('spreadsheets:export-table', input),
    },
    sync: {
      getSession: () => call('sync:get-session'),
      signIn: (input) => call('sync:sign-in', input),
      signOut: () => call('sync:sign-out'),
      pull: (input) => call('sync:pull-documents', input),
      push: (input) => call('sync:push-documents', input),
      uploadBlob: (sha256) => call('sync:upload-blob', sha256),
      downloadBlob: (sha256) => call('sync:download-blob', sha256),
      uploadLocalBlobs: () => call('sync:upload-local-blobs'),
      waitForChanges: (input) => call('sync:wait-for-changes', input),
    },
  };

  Object.defineProperty(globalThis, 'fieldbook', {
    value: Object.freeze({
      app: Object.freeze(api.app),
      keystore: Object.freeze(api.keystore),
      blobs: Object.freeze(api.blobs),
      deliverables: Object.freeze(api.deliverables),
      plans: Object.freeze(api.plans),
      workspace: Object.freeze(api.workspace),
      spreadsheets: Object.freeze(api.spreadsheets),
      sync: Object.freeze(api.sync),
    }),
    enumerable: true,
  });
}
