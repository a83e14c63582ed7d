import { lifecycleStatus } from '../../src-shared/domain/lifecycle';
import { buildSampleWorkspace } from '../../src-shared/domain/sample-workspace';
import { expect, test } from './fixtures';
import { AppShell, FirstRunScreen } from './pages/app-shell';
import { CustomersPage } from './pages/customers';
import { SettingsPage } from './pages/settings';
import { SyncScreen } from './pages/sync';

function isoDateIn(zone: string): string {
  return new Intl.DateTimeFormat('en-CA', {
    timeZone: zone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(new Date());
}

/** A sample cluster that is past its end of life today, found from the sample data itself. */
function endOfLifeSampleCluster(): { customer: string; cluster: string } {
  const ws = buildSampleWorkspace(new Date());
  for (const c of ws.clusters) {
    if (c.product !== 'DCE') continue;
    const site = ws.sites.find((s) => s.id === c.siteId);
    if (site === undefined) continue;
    if (lifecycleStatus(c.product, c.version, isoDateIn(site.timeZone)).status === 'end-of-life') {
      const customer = ws.customers.find((x) => x.id === c.customerId);
      if (customer !== undefined) return { customer: customer.name, cluster: c.name };
    }
  }
  throw new Error('the sample workspace has no end-of-life DCE cluster today');
}

test('a fresh profile offers the first-run choice and loads the sample workspace', async ({
  page,
}) => {
  // Several database opens and reloads per test: allow for a loaded machine.
  test.slow();
  const shell = new AppShell(page);
  const firstRun = new FirstRunScreen(page);
  await shell.open();
  await firstRun.expectVisible();
  await firstRun.setEngineer('张伟');
  await firstRun.loadSample();

  // The app opens on the customer list once the import has finished.
  const customers = new CustomersPage(page);
  await expect(shell.pageTitle).toHaveText('客户', { timeout: 30_000 });
  for (const name of ['钱塘银行股份有限公司', '荆楚电网有限公司', '申江证券股份有限公司']) {
    await expect(customers.row(name)).toBeVisible();
  }
  await expect(page.getByTestId('current-engineer')).toContainText('张伟');

  const eol = endOfLifeSampleCluster();
  const detail = await customers.open(eol.customer);
  await detail.tab('集群/环境');
  await expect(detail.clusterRow(eol.cluster).getByTestId('lifecycle-badge')).toHaveText(
    '停止所有支持服务',
  );
  await expect(detail.clusterRow(eol.cluster).getByTestId('lifecycle-badge')).toHaveAttribute(
    'data-status',
    'end-of-life',
  );

  // The choice is remembered: a reload goes straight to the app.
  await shell.reload();
  await expect(shell.pageTitle).toHaveText(eol.customer);
  await expect(firstRun.root).toHaveCount(0);

  // Settings: the name given on the first-run screen, app info, no sample offered any more.
  await shell.goTo('settings');
  const settings = new SettingsPage(page);
  await expect(page.getByLabel('工程师姓名')).toHaveValue('张伟');
  await expect(settings.appInfo).toContainText('Fieldbook');
  // This laptop's own document-number prefix, so laptops never issue the same number.
  await expect(page.getByTestId('document-prefix')).toHaveText(/^FB[0-9A-HJKMNP-TV-Z]{5}$/);
  await expect(page.getByText('本地工作区已有数据')).toBeVisible();
  await settings.setEngineer('张伟（S360）');

  // Before a sign-in, the sync page warns that the fictitious sample data would be uploaded and
  // asks for a confirmation first: without it, nothing is sent.
  const sync = new SyncScreen(page);
  await sync.goto();
  await expect(page.getByTestId('sign-in-sample-warning')).toContainText('示例工作区');
  await sync.fill('http://127.0.0.1:9', 'wangl', 'a-password');
  await sync.submit();
  await expect(sync.form.getByText('请确认是否上传示例数据')).toBeVisible();
  await expect(sync.error).toHaveCount(0);
  await expect(sync.account).toHaveCount(0);
});

test('starting empty skips the sample and never asks again', async ({ page }) => {
  // Several database opens and reloads per test: allow for a loaded machine.
  test.slow();
  const shell = new AppShell(page);
  const firstRun = new FirstRunScreen(page);
  await shell.open();
  await firstRun.expectVisible();
  await firstRun.startEmpty();
  await expect(shell.pageTitle).toHaveText('客户');
  await expect(page.getByText('还没有客户。')).toBeVisible();
  await shell.reload();
  await expect(shell.pageTitle).toHaveText('客户');
  await expect(firstRun.root).toHaveCount(0);
});
