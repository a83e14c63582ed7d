/**
 * The renderer's only way to reach the main process: the typed desktop API that the preload
 * exposes as `window.fieldbook` (in the e2e tests, the harness's shim defines the same object).
 */
import type { DesktopApi } from '../../src-shared/ipc';

declare global {
  interface Window {
    /** Exposed by the preload script (src-main/preload); see `DesktopApi` for each method. */
    fieldbook: DesktopApi;
  }
}

/**
 * Returns `window.fieldbook`, or throws a clear error when the page runs without the preload
 * (opened in a plain browser, or a preload that failed to load), instead of failing later with
 * "cannot read properties of undefined".
 */
export function desktop(): DesktopApi {
  const api = (window as { fieldbook?: DesktopApi }).fieldbook;
  if (api === undefined || api === null) {
    throw new Error(
      'Fieldbook desktop API (window.fieldbook) is missing: the page must run inside the Fieldbook ' +
        'app (or the e2e harness), where the preload script provides it.',
    );
  }
  return api;
}

/** Whether the desktop API is available (for code that can degrade, e.g. a diagnostics page). */
export function hasDesktop(): boolean {
  return (window as { fieldbook?: DesktopApi }).fieldbook != null;
}
