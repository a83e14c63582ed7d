/**
 * A cluster's procedures page (issue 9 §7), reached as a user does — the customer's cluster
 * table, the procedures button on the cluster's row: its runs with their state (a finished
 * installation that had to be fixed forward, an upgrade under way), and an upgrade started from
 * there with the cluster already chosen, whose plan says that 5.0 → 5.2 is two runs.
 */
import type { Page } from '@playwright/test';
import { expect as baseExpect, test } from './fixtures';
import type { CustomerDetail } from './pages/customers';
import {
  DEPLOYMENT_OUTPUT,
  ProcedureForm,
  RunScreen,
  customerWithCluster,
} from './pages/procedures';

const expect = baseExpect.configure({ timeout: 15_000 });
const SCREENS = 'test-results/screens';

/** From the customer's page: the cluster table, then the procedures button of prod-core. */
async function openClusterProcedures(page: Page, detail: CustomerDetail): Promise<void> {
  await detail.tab('集群/环境');
  await detail.clusterRow('prod-core').getByTestId('cluster-procedures-open').click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('prod-core 的程序作业');
}

test('a cluster’s procedures page: reached from the cluster table, lists its finished and open runs, and starts an upgrade planned as two runs for 5.0 → 5.2', async ({
  page,
}) => {
  test.setTimeout(360_000);
  const detail = await customerWithCluster(page, { version: '5.0.3' });
  await openClusterProcedures(page, detail);
  const table = page.getByTestId('cluster-procedures');
  await expect(table).toContainText('暂无程序执行记录');
  await expect(page.getByText('DCE 5.0.3')).toBeVisible();
  await page.screenshot({ path: `${SCREENS}/procedure-cluster-empty-zh.png` });

  // The installation checklist, started here: the cluster is already chosen.
  await page.getByTestId('cluster-procedure-new').click();
  const form = new ProcedureForm(page);
  await expect(form.root.locator('.ant-select').nth(2)).toContainText('prod-core (DCE 5.0.3)');
  await form.template('DCE 5 部署实施检查单');
  await form.start();
  const run = new RunScreen(page, DEPLOYMENT_OUTPUT);
  for (const id of ['os-release', 'swap-off', 'time-sync']) await run.pass(id);
  await run.value('500');
  await run.done('data-disk');
  await run.pass('offline-package');
  // The installer fails past its irreversible start: fixed forward, then the run is complete.
  await run.current.getByTestId('procedure-start-step').click();
  await page.locator('.ant-modal-footer:visible').getByRole('button', { name: '确认开始' }).click();
  await run.paste(
    'TASK [kubeadm : init cluster] ***\nfatal: [master-01]: FAILED! => {"msg": "timed out waiting for the condition"}\nPLAY RECAP *****\nmaster-01 : ok=402 changed=120 unreachable=0 failed=1 skipped=33',
  );
  await expect(run.current.getByTestId('procedure-check')).toBeVisible();
  await run.fail('kubeadm init 超时');
  await run.current.getByTestId('procedure-enter-forward-fix').click();
  await expect(page.getByTestId('procedure-mode')).toHaveText('向前修复中');
  await expect(run.current).toHaveAttribute('data-step', 'ff-reset');
  await run.paste('[INFO] resume from step 4\n[INFO] installation finished');
  await run.done('ff-reset');
  await page.getByTestId('procedure-complete').click();
  await expect(page.getByTestId('procedure-outcome')).toHaveText('已向前修复');

  // Back on the cluster's page: the finished run.
  await page.getByRole('button', { name: '返回' }).click();
  await openClusterProcedures(page, detail);
  const rows = table.locator('tbody tr.ant-table-row');
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toContainText('DCE 5 部署实施检查单');
  await expect(rows.first().getByTestId('cluster-procedure-state')).toHaveText(
    /已完成.*已向前修复/,
  );
  // No step open; the forward-fix plan is done.
  await expect(rows.first()).toContainText('—');
  await expect(rows.first()).toContainText('1 / 1');
  await expect(rows.first()).toContainText('王磊');

  // An upgrade from here: the path goes one minor version at a time, and the form says so.
  await page.getByTestId('cluster-procedure-new').click();
  await form.template('DCE 5 小版本升级');
  await expect(form.root.getByTestId('procedure-from-version')).toHaveValue('5.0.3');
  await form.upgrade('5.2.1', 40);
  const path = form.root.getByTestId('procedure-upgrade-path');
  await expect(path).toContainText('5.0.3 → 5.2.1 需要 2 次作业');
  await expect(path.getByTestId('procedure-hop')).toHaveText([
    '1. 5.0.3 → 5.1.x',
    '2. 5.1.x → 5.2.1',
  ]);
  await expect(path).toContainText('本次作业：5.0.3 → 5.1.x');
  await expect(form.root.getByTestId('procedure-notice')).toHaveAttribute('data-short', 'false');
  // Tall enough for the whole form (the app's content scrolls inside its layout).
  await page.setViewportSize({ width: 1280, height: 1500 });
  await page.screenshot({ path: `${SCREENS}/procedure-cluster-start-upgrade-zh.png` });
  await page.setViewportSize({ width: 1280, height: 720 });
  await form.start();
  await expect(page.getByTestId('procedure-mode')).toHaveText('正向执行');
  await expect(run.current).toHaveAttribute('data-step', 'no-severe-incidents');

  // The cluster's page lists both, the new one first, under way at its first pre-check.
  await page.getByRole('button', { name: '返回' }).click();
  await openClusterProcedures(page, detail);
  await expect(rows).toHaveCount(2);
  await expect(rows.nth(0)).toContainText('DCE 5 小版本升级');
  await expect(rows.nth(0)).toContainText('5.0.3 → 5.1.x');
  await expect(rows.nth(0).getByTestId('cluster-procedure-state')).toHaveText(/进行中.*正向执行/);
  await expect(rows.nth(0)).toContainText('本集群没有未解决的 1/2 级事件');
  await expect(rows.nth(0)).toContainText(/0 \/ \d+/);
  await expect(rows.nth(1)).toContainText('已向前修复');
  await page.screenshot({ path: `${SCREENS}/procedure-cluster-page-zh.png`, fullPage: true });
  // Each row opens its run.
  await rows.nth(1).getByTestId('cluster-procedure-link').click();
  await expect(page.getByTestId('procedure-outcome')).toHaveText('已向前修复');
});
