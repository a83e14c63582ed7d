/**
 * Sign-in and sync against the real sync server (in this process, PGlite), through the real main
 * services behind the harness. Two engineers on two browser profiles share a customer; one works
 * offline (its relay to the server is cut), both edit the same visit, both sync, and both screens
 * show the merged visit and what lost the merge.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Browser, Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { openLaptop } from './harness/laptop';
import type { Laptop } from './harness/laptop';
import { CuttableRelay, startSeededSyncServer } from './harness/sync-server';
import type { SeededSyncServer } from './harness/sync-server';
import { creates, visit } from '../sync/docs';
import { AppShell, FirstRunScreen } from './pages/app-shell';
import { CustomersPage } from './pages/customers';
import { SyncScreen, SyncStatusBar } from './pages/sync';
import { VisitDetailPage } from './pages/visits';
import { tinyPng } from './pages/visits-png';
import { dialog, typeDate } from './pages/visits-antd';

const SYNC_TIMEOUT = 45_000;
const slow = expect.configure({ timeout: SYNC_TIMEOUT });
const SHOTS = 'test-results/screenshots';

/** Short reconnection delays: the test waits for a laptop to come back online. */
const FAST_STREAMS = { streamRetryMs: 200, streamRetryMaxMs: 1000, requestTimeoutMs: 5000 };

let server: SeededSyncServer;

test.beforeEach(async () => {
  // A seeded server process takes a while to start on a loaded machine.
  test.setTimeout(180_000);
  server = await startSeededSyncServer();
});

test.afterEach(async () => {
  await server?.close();
});

/** A second laptop, with short stream reconnection delays. */
function laptop(browser: Browser): Promise<Laptop> {
  return openLaptop(browser, { sync: FAST_STREAMS });
}

async function startEmpty(page: Page): Promise<void> {
  const shell = new AppShell(page);
  await shell.open();
  const firstRun = new FirstRunScreen(page);
  await firstRun.expectVisible();
  await firstRun.startEmpty();
  await expect(shell.navigation).toBeVisible();
}

test('sign-in errors are put into words; the status stays local only', async ({ page }) => {
  await startEmpty(page);
  const bar = new SyncStatusBar(page);
  await bar.expectPhase('localOnly');
  await expect(bar.state).toHaveText('仅本地');
  const screen = new SyncScreen(page);
  await screen.goto();

  await screen.fill(server.url, server.engineers[0]!.username, 'not-the-password');
  await screen.submit();
  await expect(screen.error).toContainText('用户名或密码错误。');
  await expect(screen.error).toHaveAttribute('data-code', 'invalid_credentials');
  await page.screenshot({ path: `${SHOTS}/sign-in-wrong-password.png` });

  const dead = await CuttableRelay.start(server.url);
  await dead.cut();
  await screen.fill(dead.url, server.engineers[0]!.username, server.engineers[0]!.password);
  await screen.submit();
  await expect(screen.error).toContainText('无法连接服务器');
  await expect(screen.error).toHaveAttribute('data-code', 'unreachable');

  // A server of another protocol version: refused before any password is sent.
  const foreign = createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'application/json', 'x-fieldbook-protocol': '99' });
    res.end(JSON.stringify({ status: 'ok', store: 'pglite', protocolVersion: 99 }));
  });
  await new Promise<void>((resolve) => foreign.listen(0, '127.0.0.1', resolve));
  try {
    const { port } = foreign.address() as AddressInfo;
    await screen.fill(`http://127.0.0.1:${port}`, 'wanglei', 'whatever');
    await screen.submit();
    await expect(screen.error).toContainText('同步协议版本与本应用不同');
  } finally {
    await new Promise<void>((resolve) => foreign.close(() => resolve()));
  }

  // Repeated failures: the server throttles, the wait is given in seconds.
  const lina = server.engineers[1]!;
  for (let i = 0; i < 5; i += 1) {
    await screen.fill(server.url, lina.username, `wrong-${i}`);
    // One answer per attempt (the alert of the previous one is still on screen meanwhile).
    const answered = page.waitForResponse((r) => r.url().includes('sync%3Asign-in'));
    await screen.submit();
    await answered;
    await expect(screen.error).toHaveAttribute('data-code', 'invalid_credentials');
  }
  await screen.fill(server.url, lina.username, lina.password);
  await screen.submit();
  await expect(screen.error).toHaveAttribute('data-code', 'too_many_attempts');
  await expect(screen.error).toContainText(/登录失败次数过多，请 \d+ 秒后再试。/);
  await bar.expectPhase('localOnly');
});

test('the first full sync shows its progress, then the status', async ({ page }) => {
  // Enough documents that the first sync takes a moment in the browser.
  const visits = Array.from({ length: 3000 }, (_, i) =>
    visit(server.customer.id, server.site.id, { summary: `批量巡检 ${i}` }),
  );
  for (let i = 0; i < visits.length; i += 1000) {
    await server.admin.push('visits', creates(visits.slice(i, i + 1000)));
  }
  await startEmpty(page);
  const screen = new SyncScreen(page);
  await screen.goto();
  const eng = server.engineers[0]!;
  await screen.signIn(server.url, eng.username, eng.password);
  const progress = page.getByTestId('sync-initial-progress');
  await expect(progress).toBeVisible();
  await page.screenshot({ path: `${SHOTS}/sync-first-progress.png` });
  await slow(progress).toBeHidden();
  await new SyncStatusBar(page).expectSynced();
});

test('changes made before the first sign-in upload after it: pending → synced', async ({
  page,
}) => {
  await startEmpty(page);
  const bar = new SyncStatusBar(page);
  const customers = new CustomersPage(page);
  await customers.create({ name: '离线新建客户' });
  await expect(bar.pending).toHaveText('1 项待同步');

  const screen = new SyncScreen(page);
  await screen.goto();
  const eng = server.engineers[0]!;
  await screen.signIn(server.url, eng.username, eng.password);
  await bar.expectSynced();
  await page.screenshot({ path: `${SHOTS}/sync-status-synced.png` });
  const shell = new AppShell(page);
  await shell.switchLanguage('en');
  await expect(bar.pending).toHaveText('No pending changes');
  await page.screenshot({ path: `${SHOTS}/sync-status-synced-en.png` });
  await shell.switchLanguage('zh');

  // On the server, and the seeded customer came down.
  const onServer = await server.admin.pullAll('customers');
  expect(onServer.documents.map((d) => d['name'])).toContain('离线新建客户');
  await page.getByRole('navigation').getByRole('menuitem', { name: '客户' }).click();
  await slow(customers.row(server.customer.name)).toBeVisible();

  // Still signed in after a restart, and still synced; sign-out goes back to local only.
  await new AppShell(page).reload();
  await bar.expectSynced();
  await screen.goto();
  await screen.signOut();
  await bar.expectPhase('localOnly');
});

async function openVisit(page: Page, summary: string): Promise<VisitDetailPage> {
  await page.getByRole('navigation').getByRole('menuitem', { name: '现场访问' }).click();
  const row = page.getByTestId('visit-row').filter({ hasText: summary });
  await slow(row).toBeVisible();
  await row.click();
  const detail = new VisitDetailPage(page);
  await slow(detail.status()).toBeVisible();
  return detail;
}

async function checkInAt(page: Page, wallClock: string): Promise<void> {
  await page.getByTestId('visit-check-in').click();
  const d = dialog(page, '确认签到');
  await typeDate(d.getByTestId('check-in-time'), wallClock);
  await d.getByRole('button', { name: '确认签到' }).click();
  await expect(d).toHaveCount(0);
  await expect(new VisitDetailPage(page).status()).toHaveText('已签到');
}

test('two engineers edit one visit, one offline; both see the merge and what lost', async ({
  browser,
}) => {
  test.setTimeout(180_000);
  const [wang, li] = server.engineers as [
    { username: string; password: string },
    { username: string; password: string },
  ];
  const relay = await CuttableRelay.start(server.url);
  const a = await laptop(browser);
  const b = await laptop(browser);
  try {
    // Both sign in (A through its relay) and receive the seeded visit.
    await startEmpty(a.page);
    const screenA = new SyncScreen(a.page);
    await screenA.goto();
    await screenA.signIn(relay.url, wang.username, wang.password);
    await new SyncStatusBar(a.page).expectSynced();
    // B starts from the first-run screen's "sign in to a server" choice.
    await new AppShell(b.page).open();
    const firstRun = new FirstRunScreen(b.page);
    await firstRun.expectVisible();
    await b.page.screenshot({ path: `${SHOTS}/first-run.png` });
    await firstRun.signInToServer();
    const screenB = new SyncScreen(b.page);
    await expect(screenB.form).toBeVisible();
    await screenB.signIn(server.url, li.username, li.password);
    await new SyncStatusBar(b.page).expectSynced();
    await openVisit(a.page, server.visit.summary);
    await openVisit(b.page, server.visit.summary);

    // A goes offline and works: checks in at 09:00, writes a note.
    await relay.cut();
    const barA = new SyncStatusBar(a.page);
    await barA.expectPhase('offline');
    await checkInAt(a.page, '2026-12-01 09:00');
    const visitA = new VisitDetailPage(a.page);
    await visitA.addNote('A：离线时检查了 UPS');
    await visitA.addPhoto(
      { name: 'ups.png', mimeType: 'image/png', buffer: tinyPng(8, 8, [200, 40, 40]) },
      'A：UPS 面板照片',
    );
    await slow(barA.pending).toHaveText(/[1-9]\d* 项待同步/);
    await a.page.screenshot({ path: `${SHOTS}/sync-status-offline.png` });

    // B, online, checks in at 09:30 and writes a note; it syncs at once.
    await checkInAt(b.page, '2026-12-01 09:30');
    const visitB = new VisitDetailPage(b.page);
    await visitB.addNote('B：在线时更换了风扇');
    const barB = new SyncStatusBar(b.page);
    await barB.expectSynced();

    // A comes back: it pushes, the server reports the conflict, the visit handler merges.
    await relay.restore();
    await barA.expectSynced();
    await barB.expectSynced();

    for (const page of [a.page, b.page]) {
      const visit = new VisitDetailPage(page);
      // Merged: both notes (append-only), B's later check-in time kept ...
      await slow(visit.entry('A：离线时检查了 UPS')).toHaveCount(1);
      await slow(visit.entry('B：在线时更换了风扇')).toHaveCount(1);
      await slow(page.getByTestId('visit-check-in-at')).toContainText('09:30');
      // The photo: B downloads it from the server on demand.
      await slow(visit.entry('A：UPS 面板照片').getByTestId('photo-thumb')).toBeVisible();
      // ... and A's 09:00 is kept in the history and shown.
      const history = page.getByTestId('merge-history');
      await slow(history).toBeVisible();
      await expect(history).toContainText('签到时间');
      await expect(history.getByTestId('merge-history-value').first()).toContainText('09:00');
    }
    await a.page.screenshot({ path: `${SHOTS}/merge-history.png`, fullPage: true });

    // The server holds the same merged visit.
    const visits = await server.admin.pullAll('visits');
    const merged = visits.documents.find((d) => d.id === server.visit.id);
    expect(merged?.['checkInAt']).toMatch(/T09:30/);
    expect(merged?.['mergeHistory']).toEqual([
      expect.objectContaining({ field: 'checkInAt', value: expect.stringContaining('T09:00') }),
    ]);
  } finally {
    await a.close();
    await b.close();
    await relay.close();
  }
});
