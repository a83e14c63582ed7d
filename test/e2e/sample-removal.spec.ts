/**
 * Sample workspace and real data (issue 12 item 6): signed in to a server that does not assign
 * the sample's invented customers, the sync details list every refused record with the server's
 * reason and what to do; Settings removes the sample workspace (after a confirmation that says
 * what happens) and keeps the records the engineer created.
 */
import { expect as baseExpect, test } from './fixtures';
import { startSeededSyncServer } from './harness/sync-server';
import type { SeededSyncServer } from './harness/sync-server';
import { buildSampleWorkspace } from '../../src-shared/domain/sample-workspace';
import { creates } from '../sync/docs';
import { AppShell } from './pages/app-shell';
import { CustomersPage } from './pages/customers';
import { SyncScreen } from './pages/sync';

const expect = baseExpect.configure({ timeout: 60_000 });
const SHOTS = process.env['FIELDBOOK_SCREENSHOTS'];

let server: SeededSyncServer | undefined;
test.afterEach(async () => {
  await server?.close();
});

test('refused records are listed with the reason and what to do; the sample workspace is removed, own records stay', async ({
  page,
}) => {
  test.setTimeout(480_000);
  // Started here, not in a hook: PGlite starts slowly on a loaded machine (hooks get 30 s).
  server = await startSeededSyncServer();
  const engineer = server.engineers[0]!;
  // The server already holds one of the sample's customers (as `server demo` does, same id),
  // not assigned to this engineer: the laptop's copy of it is refused.
  const bankDoc = buildSampleWorkspace(new Date()).customers.find(
    (c) => c.name === '钱塘银行股份有限公司',
  )!;
  await server.admin.push('customers', creates([{ ...bankDoc, _deleted: false }]));
  const shell = new AppShell(page);
  await shell.openWithSample('王磊');

  // A customer of one's own, besides the sample.
  await shell.goTo('customers');
  await new CustomersPage(page).create({ name: '自建测试客户有限公司' });

  // Signed in as an engineer who is assigned none of the sample's customers.
  const screen = new SyncScreen(page);
  await screen.goto();
  await screen.fill(server.url, engineer.username, engineer.password);
  // The form warns that the sample would be uploaded: acknowledged.
  await screen.form.getByText('我了解，仍然上传本机数据（含示例数据）').click();
  await screen.submit();
  await expect(screen.account).toContainText(engineer.username);

  const details = page.getByTestId('sync-details');
  const rows = details.getByTestId('refused-row');
  await expect(rows.first()).toBeVisible({ timeout: 120_000 });
  await expect(details.getByText('被服务器拒绝的记录（仅保存在本机）')).toBeVisible();
  const bank = rows.filter({ hasText: '钱塘银行股份有限公司' });
  await expect(bank).toHaveCount(1);
  await expect(bank).toContainText('客户');
  await expect(bank.getByTestId('refused-reason')).toContainText('不属于您负责的客户');
  await expect(bank).toContainText('fieldbook server assign');
  await expect(bank).toContainText('移除示例工作区');
  if (SHOTS) await details.screenshot({ path: `${SHOTS}/refused-list-zh.png` });

  // Settings: remove the sample, after reading what will happen.
  await shell.goTo('settings');
  const card = page.getByTestId('workspace-card');
  await expect(card.getByTestId('sample-here')).toContainText('条示例工作区创建的记录');
  await card.getByTestId('sample-remove').click();
  const confirm = page.getByTestId('sample-remove-confirm');
  await expect(confirm).toContainText('您自己新建的记录全部保留');
  if (SHOTS) await page.screenshot({ path: `${SHOTS}/sample-remove-confirm-zh.png` });
  await page
    .getByRole('button', { name: '移除' })
    .and(page.getByTestId('sample-remove-ok'))
    .click();
  await expect(page.getByText(/已移除示例工作区的 \d+ 条记录/)).toBeVisible();
  await expect(card.getByTestId('sample-remove')).toHaveCount(0);

  await shell.goTo('customers');
  await expect(page.getByText('自建测试客户有限公司').first()).toBeVisible();
  await expect(page.getByText('钱塘银行股份有限公司')).toHaveCount(0);
  await expect(page.getByText('荆楚电网有限公司')).toHaveCount(0);
});
