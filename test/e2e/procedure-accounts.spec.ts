/**
 * The upgrade runbook's second person, signed in (issue 9): the engineer runs the pre-checks on
 * laptop A, signed in to the real sync server; the failed Velero pre-check and the change approval
 * cannot be given from the executor's account (nor may an engineer's account do the lead
 * engineer's change step); the lead, signed in on laptop B, waives the pre-check and approves the
 * change there, and both decisions arrive on A by sync as a verified account's. The server holds the run with the lead's account on
 * those events. The lead who approved cannot do the step; a second lead, signed in on laptop C,
 * does it, and A receives it as that account's and goes on.
 */
import type { Browser, Page } from '@playwright/test';
import { assignCustomer } from '../../src-server/services/accounts';
import { expect as baseExpect, test } from './fixtures';
import { openLaptop } from './harness/laptop';
import type { Laptop } from './harness/laptop';
import { startSeededSyncServer } from './harness/sync-server';
import type { SeededSyncServer } from './harness/sync-server';
import { AppShell, FirstRunScreen } from './pages/app-shell';
import { CustomersPage } from './pages/customers';
import { ProcedureForm, RunScreen } from './pages/procedures';
import { SyncScreen, SyncStatusBar } from './pages/sync';

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

interface StoredEvent {
  kind: string;
  stepId?: string;
  by: string;
  evidence?: { kind: string; text?: string };
  account?: { username: string; role: string };
}

/** The run's events as the server holds them. */
async function serverEvents(server: SeededSyncServer, runPath: string): Promise<StoredEvent[]> {
  const runs = await server.admin.pullAll('procedureRuns');
  const stored = runs.documents.find((d) => `#/procedures/${d.id}` === runPath);
  return (stored?.['events'] ?? []) as StoredEvent[];
}

/**
 * On A (signed in): the synced customer's cluster grid-core at 5.0.3 and an upgrade run to 5.1.0
 * in a window 40 days ahead, through its automatic incident check; returns the run's path.
 */
async function startUpgradeOnA(page: Page, server: SeededSyncServer): Promise<string> {
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
  const form = new ProcedureForm(page);
  await form.template('DCE 5 小版本升级');
  await form.cluster('grid-core');
  await form.upgrade('5.1.0', 40);
  await expect(form.root.getByTestId('procedure-notice')).toHaveAttribute('data-short', 'false');
  await form.start();
  await expect(page.getByTestId('procedure-identity')).toHaveAttribute('data-source', 'signed-in');
  const runPath = new URL(page.url()).hash;
  expect(runPath).toMatch(/^#\/procedures\/[0-9A-Z]+$/);
  const run = new RunScreen(page);
  await expect(run.current).toHaveAttribute('data-step', 'no-severe-incidents');
  await run.current.getByTestId('procedure-auto-record').click();
  await run.done('no-severe-incidents');
  await run.pass('nodes-ready');
  await run.pass('etcd-health', { value: '3' });
  for (const id of ['cert-expiry', 'disk-free', 'registry-images']) await run.pass(id);
  return runPath;
}

/** Another laptop opens the run that came with the sync, once `stepId` shows `status`. */
async function openSyncedRun(
  laptop: Laptop,
  runPath: string,
  stepId: string,
  status: string,
): Promise<RunScreen> {
  const run = new RunScreen(laptop.page);
  await laptop.page.goto(`/${runPath}`);
  await slow(run.step(stepId)).toHaveAttribute('data-status', status);
  return run;
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
    const runPath = await startUpgradeOnA(page, server);
    const run = new RunScreen(page);
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
    const runB = await openSyncedRun(b, runPath, 'velero-backup', 'failed');
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
    const events = await serverEvents(server, runPath);
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

test('the lead engineer’s step, which neither the executor nor the approving lead may do, is done by a second lead signed in on laptop C and reaches the executor as that account’s; the run goes on', async ({
  browser,
}) => {
  test.setTimeout(600_000);
  server = await startSeededSyncServer();
  const engineer = server.engineers[0]!;
  const lead = await server.ts.user('lizhuguan', 'lead');
  const secondLead = await server.ts.user('zhaofuze', 'lead');
  for (const u of [lead, secondLead])
    await assignCustomer(server.ts.server.store, u.username, server.customer.id);
  const a = await signedInLaptop(browser, server.url, engineer);
  const b = await signedInLaptop(browser, server.url, lead);
  const c = await signedInLaptop(browser, server.url, secondLead);
  try {
    // A: every pre-check passes; the change step is the lead engineer's, not the engineer's.
    const runPath = await startUpgradeOnA(a.page, server);
    const run = new RunScreen(a.page);
    await run.pass('velero-backup');
    await run.pass('version-skew');
    await expect(run.current).toHaveAttribute('data-step', 'change-approval');
    await expect(run.current.getByTestId('procedure-role-refused')).toContainText(
      '此步骤须由负责工程师执行，当前账号角色为工程师',
    );
    await new SyncStatusBar(a.page).expectSynced();

    // B: the lead approves the change; as its approver, they may not do the step.
    const runB = await openSyncedRun(b, runPath, 'version-skew', 'done');
    await runB.step('change-approval').click();
    await runB.current.getByTestId('procedure-approve').click();
    await expect(runB.current.getByTestId('procedure-approval-given')).toContainText(
      `${lead.username} 已批准`,
    );
    await new SyncStatusBar(b.page).expectSynced();

    // C: the second lead sees the lead's approval (verified) and does the step.
    const runC = await openSyncedRun(c, runPath, 'version-skew', 'done');
    await runC.step('change-approval').click();
    await expect(runC.current).toHaveAttribute('data-step', 'change-approval');
    const givenC = runC.current.getByTestId('procedure-approval-given');
    await slow(givenC).toHaveAttribute('data-verified', 'true');
    await expect(givenC).toContainText(`${lead.username} 已批准`);
    await expect(runC.current.getByTestId('procedure-role-refused')).toHaveCount(0);
    await runC.value('CHG-2026-202');
    await expect(runC.current.getByTestId('procedure-own-approval')).toHaveCount(0);
    await expect(runC.current.getByTestId('procedure-missing')).toHaveCount(0);
    await c.page.setViewportSize({ width: 1280, height: 1100 });
    await c.page.screenshot({ path: 'test-results/screens/procedure-second-lead-step-zh.png' });
    await runC.done('change-approval');
    await new SyncStatusBar(c.page).expectSynced();

    // A: the step arrived done, by the second lead's account; the executor goes on.
    await slow(run.step('change-approval')).toHaveAttribute('data-status', 'done');
    const doneRow = a.page
      .getByTestId('procedure-log')
      .locator('[data-kind="step-done"]')
      .filter({ hasText: '变更审批' });
    await expect(doneRow).toHaveAttribute('data-account', secondLead.username);
    await expect(doneRow).toContainText(`${secondLead.username}（已认证账号 · 负责人）`);
    await expect(run.current).toHaveAttribute('data-step', 'etcd-snapshot');
    await expect(run.current.getByTestId('procedure-gate')).toHaveCount(0);
    await run.pass('etcd-snapshot');
    await expect(run.current).toHaveAttribute('data-step', 'backup-configs');
    await a.page.setViewportSize({ width: 1280, height: 1100 });
    await a.page.screenshot({
      path: 'test-results/screens/procedure-third-account-received-zh.png',
    });
    await new SyncStatusBar(a.page).expectSynced();

    // The server holds the step's work under C's account, the approval under B's, the
    // executor's next step under A's.
    const events = await serverEvents(server, runPath);
    const of = (kind: string, stepId: string) =>
      events.filter((e) => e.kind === kind && e.stepId === stepId);
    const secondLeadAccount = { username: secondLead.username, role: 'lead' };
    expect(of('step-done', 'change-approval')).toHaveLength(1);
    expect(of('step-done', 'change-approval')[0]).toMatchObject({
      by: secondLead.username,
      account: secondLeadAccount,
    });
    expect(of('evidence-attached', 'change-approval')).toEqual([
      expect.objectContaining({
        account: expect.objectContaining(secondLeadAccount),
        evidence: expect.objectContaining({ kind: 'value', text: 'CHG-2026-202' }),
      }),
    ]);
    expect(of('approval-given', 'change-approval')).toEqual([
      expect.objectContaining({
        account: expect.objectContaining({ username: lead.username, role: 'lead' }),
      }),
    ]);
    expect(of('step-done', 'etcd-snapshot')[0]?.account?.username).toBe(engineer.username);
  } finally {
    await a.close();
    await b.close();
    await c.close();
  }
});
