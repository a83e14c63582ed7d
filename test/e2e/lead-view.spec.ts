/**
 * The team lead's view (issue 11): on a 7x24 operations contract that ended three days ago,
 * three incidents of last month with their first responses typed in, a risk past its due date.
 * The view shows last month's response-SLA figures per level and per engineer (computed by hand
 * below), the open incidents with their assignees, the acceptance confirmation deadline (contract
 * end + 7 days, seed 002 §八) and the overdue risk; in Chinese and English. Then, on the sample
 * workspace (times relative to now), the deadline rows: level 1 hourly updates, 已由客户取消
 * deadlines, 已转移给客户 retention, contracts ending within 90 days, clusters leaving support and
 * inspections due by package frequency, each row linking to its record.
 */
import type { Page } from '@playwright/test';
import { expect as baseExpect, test } from './fixtures';
import { AppShell, FirstRunScreen } from './pages/app-shell';
import { CustomersPage } from './pages/customers';
import { IncidentsListPage } from './pages/incidents';
import { recordNotifications, shownNotifications } from './pages/notifications';
import { chooseOption, dialog, typeDate } from './pages/visits-antd';

const expect = baseExpect.configure({ timeout: 20_000 });
const SHOTS = 'test-results/screenshots';
const CUSTOMER = '江汉云数据有限公司';
const SITE = '光谷数据中心';
const CONTRACT = 'OPS-JH-E2E-001';
const DAY_MS = 86_400_000;

test.use({ timezoneId: 'Asia/Shanghai', actionTimeout: 30_000 });

/** A date `days` from today in Shanghai, `YYYY-MM-DD`. */
function shanghaiDate(days: number): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(
    new Date(Date.now() + days * DAY_MS),
  );
}

/** `YYYY-MM` of the month before today's (Shanghai). */
function previousMonth(): string {
  const [y, m] = shanghaiDate(0).split('-').map(Number) as [number, number];
  return m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, '0')}`;
}

async function incidentWithResponse(
  page: Page,
  title: string,
  level: string,
  firstContact: string,
  respondedAt: string,
  assignee?: string,
) {
  const list = new IncidentsListPage(page);
  await list.goto();
  const form = await list.fillNewIncident({
    customer: CUSTOMER,
    site: SITE,
    contractNumber: CONTRACT,
    title,
    firstContact,
    level,
  });
  if (assignee !== undefined) await form.getByTestId('incident-assignee').fill(assignee);
  await list.save(form);
  await page.getByTestId('incident-first-response').click();
  const d = dialog(page, '记录首次响应');
  await typeDate(d.getByTestId('first-response-time'), respondedAt);
  await d.getByTestId('first-response-text').fill('已电话联系客户');
  await d.getByRole('button', { name: /确\s*定/ }).click();
  await expect(d).toHaveCount(0);
  await expect(page.getByTestId('incident-first-response')).toHaveCount(0);
}

const acceptanceNotices = async (page: Page) =>
  (await shownNotifications(page)).filter((n) => n.tag.startsWith('acceptance-deadline:'));

test("the lead's view: last month's SLA figures, open incidents, the acceptance deadline and its reminder, an overdue risk", async ({
  page,
  context,
  appUrl,
}) => {
  test.setTimeout(300_000);
  await context.grantPermissions(['notifications'], { origin: new URL(appUrl).origin });
  await context.addInitScript(recordNotifications);
  await page.setViewportSize({ width: 1400, height: 1100 });
  const shell = new AppShell(page);
  await shell.open();
  const firstRun = new FirstRunScreen(page);
  await firstRun.setEngineer('张伟');
  await firstRun.startEmpty();

  const customers = new CustomersPage(page);
  await page.goto('/#/customers');
  const detail = await customers.create({ name: CUSTOMER });
  await detail.addSite({ name: SITE, timeZone: 'Asia/Shanghai' });
  const end = shanghaiDate(-3);
  await detail.addContract({
    number: CONTRACT,
    pack: '专有云运维服务',
    services: ['技术支持'],
    tier: '7*24 远程运维服务',
    startDate: '2025-01-01',
    endDate: end,
  });

  // The contract ended three days ago: its confirmation window is open, reminded once.
  await expect.poll(async () => (await acceptanceNotices(page)).length).toBe(1);
  const [notice] = await acceptanceNotices(page);
  expect(notice!.title).toBe('合同已到期，等待客户确认《验收报告》');
  expect(notice!.body).toContain(
    `${CUSTOMER} 合同 ${CONTRACT}：客户应在 7 天内线上确认《验收报告》`,
  );
  expect(notice!.body).toContain(shanghaiDate(4).replaceAll('-', '/'));

  // Last month, 7x24 (every minute counts): P1 target 5 min, other requests 10 min.
  const prev = previousMonth();
  await incidentWithResponse(
    page,
    '云盘挂载失败（e2e）',
    'P1',
    `${prev}-10 10:00`,
    `${prev}-10 10:03`,
  );
  await incidentWithResponse(
    page,
    '负载均衡实例不可用（e2e）',
    'P1',
    `${prev}-10 11:00`,
    `${prev}-10 11:09`,
    '李娜',
  );
  await incidentWithResponse(
    page,
    '咨询对象存储生命周期配置（e2e）',
    'request',
    `${prev}-11 09:00`,
    `${prev}-11 09:04`,
    '李娜',
  );

  // A risk whose due date has passed.
  await page.goto('/#/ops');
  await page.getByTestId('ops-new').click();
  const form = page.getByRole('dialog').filter({ has: page.getByTestId('ops-form-title') });
  await chooseOption(page, form.getByTestId('ops-form-kind'), '风险');
  await chooseOption(page, form.getByTestId('ops-form-customer'), CUSTOMER);
  await form.getByTestId('ops-form-title').fill('数据库主备延迟超阈值（e2e）');
  await form.getByTestId('ops-field-likelihood').fill('4');
  await form.getByTestId('ops-field-impact').fill('4');
  await form.getByTestId('ops-field-mitigation').fill('调整同步参数并扩容带宽');
  await typeDate(form.getByTestId('ops-field-dueDate'), shanghaiDate(-2));
  await chooseOption(page, form.getByTestId('ops-field-source'), '工程师登记');
  await page
    .getByRole('dialog')
    .getByRole('button', { name: /保\s*存/ })
    .click();
  await expect(form).toHaveCount(0);

  // The lead's view from the menu (a laptop not signed in to a server offers it).
  await page.getByRole('navigation').getByRole('menuitem', { name: '主管视图' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('主管视图');
  // Loaded (the incidents are listed), this month has none of them.
  await expect(page.getByTestId('lead-incident-row')).toHaveCount(3);
  const sla = page.getByTestId('lead-sla');
  await expect(sla).toContainText('本周期没有事件');
  await page.getByTestId('lead-period-prev').click();
  await expect(page.getByTestId('lead-period')).toContainText(`${prev.replace('-', '/')}/01`);

  // P1: 3 and 9 minutes → 1 met, 1 breached, 50 %, median 6 min, p90 9 min.
  const p1 = sla.getByTestId('lead-sla-row-P1');
  await expect(p1.locator('td')).toHaveText(['P1', '2', '1', '1', '0', '50.0%', '6 分', '9 分']);
  const request = sla.getByTestId('lead-sla-row-request');
  await expect(request.locator('td')).toHaveText([
    '其他服务请求',
    '1',
    '1',
    '0',
    '0',
    '100.0%',
    '4 分',
    '4 分',
  ]);
  // All three: 2 of 3 met; responses 3, 4, 9 → median 4, p90 9.
  await expect(sla.getByTestId('lead-sla-row-all').locator('td')).toHaveText([
    '合计',
    '3',
    '2',
    '1',
    '0',
    '66.7%',
    '4 分',
    '9 分',
  ]);
  const engineers = sla.getByTestId('lead-engineer-row');
  await expect(engineers.filter({ hasText: '张伟' }).locator('td')).toHaveText([
    '张伟',
    '1',
    '1',
    '0',
    '0',
    '100.0%',
    '3 分',
    '3 分',
  ]);
  // 李娜: 9 and 4 minutes → median 6.5 min, shown rounded down.
  await expect(engineers.filter({ hasText: '李娜' }).locator('td')).toHaveText([
    '李娜',
    '2',
    '1',
    '1',
    '0',
    '50.0%',
    '6 分',
    '9 分',
  ]);

  // Open incidents of the team with their assignees.
  const rows = page.getByTestId('lead-incident-row');
  await expect(rows).toHaveCount(3);
  await expect(
    rows.filter({ hasText: '负载均衡实例不可用' }).getByTestId('lead-incident-assignee'),
  ).toHaveText('李娜');
  await expect(
    rows.filter({ hasText: '云盘挂载失败' }).getByTestId('lead-incident-assignee'),
  ).toHaveText('张伟');

  // The contract ended three days ago: the customer confirms by end + 7 days.
  const acceptance = page.getByTestId('lead-acceptance');
  await expect(acceptance).toContainText('客户应在 7 天内线上确认《验收报告》');
  const row = acceptance.getByTestId('lead-acceptance-row').filter({ hasText: CONTRACT });
  await expect(row).toHaveCount(1);
  await expect(row.getByTestId('lead-acceptance-deadline')).toHaveText(
    shanghaiDate(4).replaceAll('-', '/'),
  );
  await expect(row.getByTestId('lead-acceptance-state')).toContainText(/确认中，剩余 [45] 天/);
  await expect(row).toContainText('尚未生成');

  const overdue = page.getByTestId('lead-overdue-row');
  await expect(overdue).toHaveCount(1);
  await expect(overdue).toContainText('数据库主备延迟超阈值');
  await expect(overdue).toContainText('风险已过计划完成日期');
  await page.screenshot({ path: `${SHOTS}/lead-view-ops-zh.png`, fullPage: true });

  // After a reload (the recorder starts empty) the same event is not reminded again.
  await page.reload();
  await expect(page.getByTestId('lead-acceptance-row')).toHaveCount(1);
  await page.waitForTimeout(2_000);
  expect(await acceptanceNotices(page)).toEqual([]);

  // Each row links to its record.
  await rows.filter({ hasText: '云盘挂载失败' }).getByRole('link').click();
  await expect(page.getByTestId('sla-panel')).toBeVisible();
  await page.goBack();

  await shell.switchLanguage('en');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText("Lead's view");
  await page.getByTestId('lead-period-prev').click();
  await expect(page.getByTestId('lead-sla-row-P1').locator('td').nth(5)).toHaveText('50.0%');
  await expect(page.getByTestId('lead-acceptance')).toContainText(
    'the customer confirms the acceptance report online within 7 days',
  );
  await expect(page.getByTestId('lead-overdue-row')).toContainText('Risk past its due date');
  await page.screenshot({ path: `${SHOTS}/lead-view-en.png`, fullPage: true });
});

test("the lead's view of the sample workspace: hourly updates, cancellation and retention, contracts ending, clusters leaving support, inspections due — each row links to its record", async ({
  page,
}) => {
  test.setTimeout(180_000);
  await page.setViewportSize({ width: 1400, height: 1100 });
  const shell = new AppShell(page);
  await shell.openWithSample('张伟');
  await page.getByRole('navigation').getByRole('menuitem', { name: '主管视图' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('主管视图');

  // Level 1 (sample: a production outage opened a few hours ago): its next hourly update.
  const hourly = page.getByTestId('lead-hourly');
  await expect(hourly).toContainText('这些问题的状态将于每小时通过电话会议等途径提供给客户');
  const hourlyRow = hourly.getByTestId('lead-hourly-row').first();
  await expect(hourlyRow).toBeVisible();
  await expect(hourlyRow.getByRole('link')).toHaveAttribute('href', /#\/incidents\/.+/);
  await expect(hourlyRow.getByTestId('lead-hourly-due')).toHaveText(/\d{4}\/\d{2}\/\d{2}/);

  // Level 3 waiting for the customer's information: 7 days (已由客户取消).
  const cancellation = page.getByTestId('lead-cancellation');
  await expect(cancellation).toContainText('3 级事件 7 天内，4 级事件 14 天内');
  const cancelRow = cancellation.getByTestId('lead-cancellation-row').first();
  await expect(cancelRow).toContainText('7 天');
  await expect(cancelRow.getByRole('link')).toHaveAttribute('href', /#\/incidents\/.+/);

  // The bank's level 4 closed as 已转移给客户 last month: shown to the customer for two years.
  const transfer = page.getByTestId('lead-transfer');
  await expect(transfer).toContainText(
    '这些事件将于两年内在 DaoCloud 产品支持中显示为“已转移给客户”',
  );
  const transferRow = transfer
    .getByTestId('lead-transfer-row')
    .filter({ hasText: '如何为测试集群的 Ingress 配置来源 IP 白名单' });
  await expect(transferRow).toHaveCount(1);

  // The hospital's 5x8 contract ends in 85 days.
  const contracts = page.getByTestId('lead-contracts');
  await expect(contracts).toContainText('90 天内到期的合同');
  const contractRow = contracts
    .getByTestId('lead-contract-row')
    .filter({ hasText: 'OPS-SK-2026-001' });
  await expect(contractRow).toContainText('剩余 85 天');
  await expect(contractRow.getByRole('link')).toHaveAttribute('href', /tab=contracts/);

  // DCE clusters on the seed's lifecycle table; the site's date.
  const clusters = page.getByTestId('lead-clusters');
  await expect(clusters).toContainText('日后停止');
  const clusterRows = clusters.getByTestId('lead-cluster-row');
  await expect(clusterRows.first()).toBeVisible();
  await expect(clusterRows.first().getByRole('link')).toHaveAttribute('href', /tab=clusters/);
  await expect(clusterRows.filter({ hasText: 'DCE 3.1.4' })).toContainText('停止所有支持服务');

  // Inspections by the package's frequency (资源巡检 1 次/每工作日 on 5*8, 1 次/每天 on 7*24).
  const inspections = page.getByTestId('lead-inspections');
  await expect(inspections).toContainText('5*8 服务包 1 次/每工作日，7*24 服务包 1 次/每天');
  const inspectionRow = inspections.getByTestId('lead-inspection-row').first();
  await expect(inspectionRow).toBeVisible();
  await expect(inspectionRow).toContainText(/1 次\/每(工作日|天)/);
  await expect(inspectionRow.getByRole('link').first()).toHaveAttribute('href', /tab=contracts/);

  // The page scrolls inside the layout, not the window: grow the viewport to the content so
  // the screenshot holds every section.
  const contentHeight = await page.evaluate(() =>
    Math.max(...[...document.querySelectorAll('main, main *')].map((e) => e.scrollHeight)),
  );
  await page.setViewportSize({ width: 1400, height: Math.min(contentHeight + 120, 8000) });
  await page.screenshot({ path: `${SHOTS}/lead-view-zh.png`, fullPage: true });
  await page.setViewportSize({ width: 1400, height: 1100 });

  // Each row opens its record.
  await hourlyRow.getByRole('link').click();
  await expect(page.getByTestId('sla-panel')).toBeVisible();
  await page.goBack();
  await contractRow.getByRole('link').click();
  await expect(page).toHaveURL(/#\/customers\/.+tab=contracts/);
  await expect(page.getByText('OPS-SK-2026-001').first()).toBeVisible();
  await page.goBack();

  await shell.switchLanguage('en');
  await expect(page.getByTestId('lead-hourly')).toContainText('Level 1 hourly status updates');
  await expect(page.getByTestId('lead-cancellation')).toContainText(
    'within 7 days for level 3, 14 days for level 4',
  );
  await expect(
    page.getByTestId('lead-contract-row').filter({ hasText: 'OPS-SK-2026-001' }),
  ).toContainText('85 days left');
  await expect(page.getByTestId('lead-inspection-row').first()).toContainText(
    /once (per working day|a day)/,
  );
  await page.screenshot({ path: `${SHOTS}/lead-view-sample-en.png`, fullPage: true });
});
