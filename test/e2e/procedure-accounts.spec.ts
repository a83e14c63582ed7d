/**
 * The upgrade runbook's second person, signed in (issue 9): the engineer runs the pre-checks on
 * laptop A, signed in to the real sync server; the failed Velero pre-check and the change approval
 * cannot be given from the executor's account (nor may an engineer's account do the lead
 * engineer's change step); the lead, signed in on laptop B, waives the pre-check and approves the
 * change there, and both decisions arrive on A by sync as a verified account's. The server holds the run with the lead's account on
 * those events.
 */
import type { Browser } from '@playwright/test';
import { assignCustomer } from '../../src-server/services/accounts';
import { expect as baseExpect, test } from './fixtures';
import { openLaptop } from './harness/laptop';
import type { Laptop } from './harness/laptop';
import { startSeededSyncServer } from './harness/sync-server';
import type { SeededSyncServer } from './harness/sync-server';
import { AppShell, FirstRunScreen } from './pages/app-shell';
import { CustomersPage } from './pages/customers';
import { RunScreen, shanghaiWall } from './pages/procedures';
import { SyncScreen, SyncStatusBar } from './pages/sync';
import { chooseOption, typeDate } from './pages/visits-antd';

const expect = baseExpect.configure({ timeout: 15_000 });
/** Waits for a change to travel A → server → B. */
const slow = baseExpect.configure({ timeout: 60_000 });
test.use({ actionTimeout: 30_000 });

const FAST_STREAMS = { streamRetryMs: 200, streamRetryMaxMs: 1000, requestTimeoutMs: 5000 };

let server: SeededSyncServer | undefined;
test.afterEach(async () => {
  await server?.close();
});

async function signedInLaptop(
  browser: Browser,
  url: string,
  who: { username: string; password: string },
): Promise<Laptop> {
  const laptop = await openLaptop(browser, { sync: FAST_STREAMS });
  const shell = new AppShell(laptop.page);
  await shell.open();
  const firstRun = new FirstRunScreen(laptop.page);
  await firstRun.expectVisible();
  await firstRun.startEmpty();
  const screen = new SyncScreen(laptop.page);
  await screen.goto();
  await screen.signIn(url, who.username, who.password);
  await new SyncStatusBar(laptop.page).expectSynced();
  return laptop;
}

test('a waiver and a change approval given by the signed-in lead on another laptop reach the executor as verified', async ({
  browser,
}) => {
  test.setTimeout(600_000);
  // Started here, not in a hook: PGlite starts slowly on a loaded machine (hooks get 30 s).
  server = await startSeededSyncServer();
  const engineer = server.engineers[0]!;
  const lead = await server.ts.user('lizhuguan', 'lead');
  await assignCustomer(server.ts.server.store, lead.username, server.customer.id);
  const a = await signedInLaptop(browser, server.url, engineer);
  const b = await signedInLaptop(browser, server.url, lead);
  try {
    // A: the customer came with the sync; its cluster and an upgrade run 40 days ahead.
    const page = a.page;
    await page.getByRole('navigation').getByRole('menuitem', { name: '客户' }).click();
    const detail = await new CustomersPage(page).open(server.customer.name);
    await detail.addCluster({
      site: server.site.name,
      name: 'grid-core',
      environment: '生产',
      product: 'DCE',
      version: '5.0.3',
      controlPlaneNodes: 3,
      workerNodes: 3,
    });
    await detail.tab('概况');
    await page.getByTestId('procedure-new').click();
    const form = page.getByTestId('procedure-form');
    await chooseOption(page, form.locator('.ant-select').first(), 'DCE 5 小版本升级', {
      search: false,
    });
    await chooseOption(page, form.locator('.ant-select').nth(2), 'grid-core', { search: false });
    await form.getByTestId('procedure-to-version').fill('5.1.0');
    await typeDate(form.getByTestId('procedure-window-start'), shanghaiWall(40));
    await typeDate(form.getByTestId('procedure-window-end'), shanghaiWall(40, 6));
    await expect(form.getByTestId('procedure-notice')).toHaveAttribute('data-short', 'false');
    await form.getByRole('button', { name: '开始程序' }).click();

    const run = new RunScreen(page);
    await expect(page.getByTestId('procedure-identity')).toHaveAttribute(
      'data-source',
      'signed-in',
    );
    const runPath = new URL(page.url()).hash;
    expect(runPath).toMatch(/^#\/procedures\/[0-9A-Z]+$/);
    await expect(run.current).toHaveAttribute('data-step', 'no-severe-incidents');
    await run.current.getByTestId('procedure-auto-record').click();
    await run.done('no-severe-incidents');
    await run.pass('nodes-ready');
    await run.pass('etcd-health', { value: '3' });
    for (const id of ['cert-expiry', 'disk-free', 'registry-images']) await run.pass(id);
    await expect(run.current).toHaveAttribute('data-step', 'velero-backup');
    await run.paste('daily-20261220   PartiallyFailed   2   0   2026-12-20 02:00:13 +0800 CST');
    await run.fail('Velero 备份部分失败（2 个错误）');
    await expect(run.step('velero-backup')).toHaveAttribute('data-status', 'failed');
    // The executor's own account cannot waive it.
    const waiverA = run.current.getByTestId('procedure-waiver');
    await expect(waiverA).toContainText(`以已登录用户 ${engineer.username} 的身份豁免`);
    await waiverA.getByTestId('procedure-waiver-reason').fill('自己豁免');
    await waiverA.getByTestId('procedure-waive').click();
    await expect(page.getByText(/保存失败：豁免须由执行人以外的第二人给出/)).toBeVisible();
    await expect(run.step('velero-backup')).toHaveAttribute('data-status', 'failed');
    await run.step('version-skew').click();
    await run.pass('version-skew');
    // The failed pre-check stays the current step until it is waived: open the approval.
    await expect(run.current).toHaveAttribute('data-step', 'velero-backup');
    await run.step('change-approval').click();
    await expect(run.current).toHaveAttribute('data-step', 'change-approval');
    // The step is the lead engineer's, and the approval another account's, on its own laptop.
    await expect(run.current).toContainText('此步骤须由负责工程师执行，当前账号角色为工程师');
    await expect(run.current.getByTestId('procedure-approval-blocked')).toBeVisible();
    await expect(run.current.getByTestId('procedure-approve')).toBeDisabled();
    await new SyncStatusBar(page).expectSynced();

    // B: the lead opens the run that came with the sync, waives the pre-check, approves.
    const runB = new RunScreen(b.page);
    await b.page.goto(`/${runPath}`);
    await slow(runB.step('velero-backup')).toHaveAttribute('data-status', 'failed');
    await runB.step('velero-backup').click();
    const waiverB = runB.current.getByTestId('procedure-waiver');
    await expect(waiverB).toContainText(`以已登录用户 ${lead.username} 的身份豁免`);
    await waiverB.getByTestId('procedure-waiver-reason').fill('已另做 etcd 快照，客户同意');
    await waiverB.getByTestId('procedure-waive').click();
    await expect(runB.step('velero-backup')).toHaveAttribute('data-status', 'waived');
    await runB.step('change-approval').click();
    await expect(runB.current.getByTestId('procedure-approval-blocked')).toHaveCount(0);
    await runB.current.getByTestId('procedure-approve').click();
    const givenB = runB.current.getByTestId('procedure-approval-given');
    await expect(givenB).toHaveAttribute('data-verified', 'true');
    await expect(givenB).toContainText(`${lead.username} 已批准`);
    // Recording the step's work too, the lead is told why their own approval does not let
    // them complete it (the approver cannot be the executor), and cannot.
    await runB.value('CHG-2026-201');
    await expect(runB.current.getByTestId('procedure-own-approval')).toContainText(
      '审批人不能是执行人',
    );
    await expect(runB.current.getByTestId('procedure-done')).toBeDisabled();
    await b.page.setViewportSize({ width: 1280, height: 1100 });
    await b.page.screenshot({ path: 'test-results/screens/procedure-own-approval-zh.png' });
    await new SyncStatusBar(b.page).expectSynced();

    // A: both decisions arrived, as the lead account's; the executor goes on.
    await slow(run.step('velero-backup')).toHaveAttribute('data-status', 'waived');
    const givenA = run.current.getByTestId('procedure-approval-given');
    await slow(givenA).toHaveAttribute('data-verified', 'true');
    await expect(givenA).toContainText('已认证账号');
    await expect(givenA).toContainText(`${lead.username} 已批准`);
    await expect(run.step('change-approval')).not.toHaveAttribute('data-status', 'done');

    // The server holds the run: the waiver and the approval carry the lead's account; the run
    // was started under the engineer's.
    const runs = await server.admin.pullAll('procedureRuns');
    const stored = runs.documents.find((d) => `#/procedures/${d.id}` === runPath);
    const events = (stored?.['events'] ?? []) as {
      kind: string;
      stepId?: string;
      account?: { username: string; role: string };
    }[];
    const leadAccount = { username: lead.username, role: 'lead' };
    const accountOf = (kind: string, stepId?: string) =>
      events.find((e) => e.kind === kind && (stepId === undefined || e.stepId === stepId))?.account;
    expect(accountOf('step-waived', 'velero-backup')).toMatchObject(leadAccount);
    expect(accountOf('approval-given', 'change-approval')).toMatchObject(leadAccount);
    expect(accountOf('started')?.username).toBe(engineer.username);
  } finally {
    await a.close();
    await b.close();
  }
});
