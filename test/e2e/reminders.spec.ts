import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { AppShell } from './pages/app-shell';
import { recordNotifications, shownNotifications } from './pages/notifications';

/**
 * The hourly-update notifications shown so far. Other reminders are left out: the sample's
 * quota request has a response due at a fixed time of the site's day, so whether it is overdue
 * (and notified) depends on when the test runs.
 */
const shown = async (page: Page) =>
  (await shownNotifications(page)).filter((n) => n.tag.startsWith('hourly-update:'));

test('a level 1 hourly update due in 10 minutes is notified once, as the settings allow', async ({
  page,
  context,
  appUrl,
}) => {
  test.setTimeout(240_000);
  await context.grantPermissions(['notifications'], { origin: new URL(appUrl).origin });
  await context.addInitScript(recordNotifications);
  // The clock is Playwright's, so the test can move it forward; it runs on from real time.
  await page.clock.install();
  const shell = new AppShell(page);
  // The sample's level 1 incident (hz-prod-01) had its last customer update 49 minutes ago:
  // the next one is due in 11 minutes, its reminder in 1 minute.
  await shell.openWithSample('张伟');

  // Reminders of the hourly update are off: nothing is shown when it becomes due.
  await shell.goTo('settings');
  const settings = page.getByTestId('reminder-settings');
  await expect(settings).toContainText('已允许桌面通知');
  const hourly = settings.getByRole('switch', { name: /1 级事件每小时状态更新/ });
  await hourly.click();
  await expect(hourly).toHaveAttribute('aria-checked', 'false');
  await page.clock.fastForward('02:00');
  await page.clock.runFor(16_000);
  expect(await shown(page)).toEqual([]);

  // Switched on, the due reminder is shown at once, exactly once.
  await hourly.click();
  await expect.poll(async () => (await shown(page)).length, { timeout: 20_000 }).toBe(1);
  const [first] = await shown(page);
  expect(first!.title).toBe('1 级事件需要更新状态');
  expect(first!.body).toContain('hz-prod-01 kube-apiserver');
  expect(first!.body).toContain('杭州滨江数据中心');
  expect(first!.tag).toMatch(/^hourly-update:/);
  await page.clock.runFor(31_000);
  expect(await shown(page)).toHaveLength(1);

  // A reload does not repeat it (the sent list is kept), and the setting is remembered.
  await shell.reload();
  await shell.goTo('settings');
  await expect(hourly).toHaveAttribute('aria-checked', 'true');
  await page.clock.runFor(31_000);
  expect(await shown(page)).toEqual([]);
});
