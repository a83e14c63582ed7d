/**
 * Gives a Playwright browser context the harness's desktop session, the way browser mode's
 * launch page does: the launch secret is exchanged at `POST /__session` for a session token,
 * which every page of the context finds in its localStorage (where the launch page puts it) and
 * the shim sends with each desktop call. A context without it gets 401 on every call.
 */
import type { BrowserContext } from '@playwright/test';
import { LAUNCH_SECRET_HEADER, SESSION_ENDPOINT, SESSION_STORAGE_KEY } from './server';
import type { Harness } from './server';

export async function authorizeContext(
  context: BrowserContext,
  harness: Pick<Harness, 'origin' | 'launchSecret'>,
): Promise<void> {
  const res = await context.request.post(harness.origin + SESSION_ENDPOINT, {
    headers: { [LAUNCH_SECRET_HEADER]: harness.launchSecret },
  });
  if (res.status() !== 200) {
    throw new Error(`the harness refused the launch secret: HTTP ${res.status()}`);
  }
  const { token } = (await res.json()) as { token: string };
  await context.addInitScript(
    ({ key, value, origin }) => {
      // Init scripts run in every frame, about:blank included: only the app's origin.
      if (location.origin === origin) localStorage.setItem(key, value);
    },
    { key: SESSION_STORAGE_KEY, value: token, origin: harness.origin },
  );
}
