/** Records the page's desktop notifications (headless Chromium shows none). */
import type { Page } from '@playwright/test';

export interface Shown {
  title: string;
  body: string;
  tag: string;
}

/**
 * Records every `new Notification(...)` of the page (the real one is not shown in headless
 * Chromium); `permission` reports the permission Playwright granted.
 */
export function recordNotifications(): void {
  const g = globalThis as unknown as {
    Notification: unknown;
    __notifications: Shown[];
  };
  const Real = g.Notification as { permission: NotificationPermission } | undefined;
  g.__notifications = [];
  class Recorded {
    static get permission(): NotificationPermission {
      return Real?.permission ?? 'denied';
    }
    static requestPermission(): Promise<NotificationPermission> {
      return Promise.resolve(Recorded.permission);
    }
    onclick: (() => void) | null = null;
    constructor(title: string, options?: { body?: string; tag?: string }) {
      g.__notifications.push({ title, body: options?.body ?? '', tag: options?.tag ?? '' });
    }
    close(): void {}
  }
  g.Notification = Recorded;
}

/** Every notification the page created since it loaded. */
export async function shownNotifications(page: Page): Promise<Shown[]> {
  return page.evaluate(
    () => (globalThis as unknown as { __notifications: Shown[] }).__notifications,
  );
}
