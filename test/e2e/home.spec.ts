import { expect, test } from './fixtures';
import { AppShell } from './pages/app-shell';
import { HomePage } from './pages/home-search';

const SHOTS = 'test-results/screenshots';

test('the home page lists what needs the engineer today, in Chinese and English', async ({
  page,
}) => {
  test.setTimeout(180_000);
  await page.setViewportSize({ width: 1400, height: 1000 });
  const shell = new AppShell(page);
  // 王磊 is on the sample's ongoing expansion visit at the logistics customer (SZ).
  await shell.openWithSample('王磊');

  // The first screen after start is the home page.
  await shell.open('/');
  await expect(shell.pageTitle).toHaveText('首页');
  await expect(shell.menuItem('customers')).toBeVisible();
  const home = new HomePage(page);

  await expect(home.section('visits')).toContainText('今日现场访问');
  await expect(home.links('visits')).toHaveCount(1);
  await expect(home.links('visits').first()).toContainText('PDS 扩容实施');
  await expect(home.section('visits')).toContainText('进行中');

  // Open incidents: the request still waiting for its response comes before the responded
  // ones; the level 5 suggestion without a target is listed too.
  const incidents = home.links('incidents');
  await expect(incidents.first()).toContainText('申请调整 PACS 项目云主机配额');
  await expect(home.section('incidents')).toContainText('hz-prod-01 kube-apiserver');
  await expect(home.section('incidents')).toContainText('建议：容器管理界面支持按交易时段冻结发布');
  await expect(home.section('incidents')).not.toContainText('Ingress 配置来源 IP 白名单');

  await expect(home.links('hourly')).toHaveCount(1);
  await expect(home.links('hourly').first()).toContainText('hz-prod-01 kube-apiserver');
  await expect(home.section('hourly')).toContainText('下次更新截止');

  // Level 3 waiting for customer information: 7 days, then 已由客户取消.
  await expect(home.section('deadlines')).toContainText('sg-intl-prod 容器日志采集延迟');
  await expect(home.section('deadlines')).toContainText('7 天内未提供可按“已由客户取消”关闭');

  // The logistics customer's DCE 3 cluster is past its end of life, the DCE 5.1 one past
  // standard support, on the visit date.
  await expect(home.section('clusters')).toContainText('sz-tms-old');
  await expect(home.section('clusters').getByTestId('lifecycle-badge').first()).toHaveText(
    '停止所有支持服务',
  );
  await expect(home.section('clusters')).toContainText('sz-tms-new');
  await expect(home.section('clusters')).not.toContainText('hz-prod-01');

  await expect(home.section('sync')).toContainText('仅本地');
  await page.screenshot({ path: `${SHOTS}/home-zh.png`, fullPage: true });

  await shell.switchLanguage('en');
  await expect(shell.pageTitle).toHaveText('Home');
  await expect(home.section('visits')).toContainText("Today's visits");
  await expect(home.section('deadlines')).toContainText('cancelled by customer');
  await expect(home.section('clusters').getByTestId('lifecycle-badge').first()).toHaveText(
    'End of life',
  );
  await expect(home.section('sync')).toContainText('Local only');
  await page.screenshot({ path: `${SHOTS}/home-en.png`, fullPage: true });

  // Each row opens its record.
  await home.links('hourly').first().click();
  await expect(page).toHaveURL(/#\/incidents\/[^/]+$/);
  await expect(shell.pageTitle).toContainText('hz-prod-01 kube-apiserver');
});

test('an empty workspace says what each section is waiting for', async ({ page }) => {
  test.setTimeout(120_000);
  const shell = new AppShell(page);
  await shell.open();
  await page.getByTestId('first-run').getByRole('button', { name: '从空白开始' }).click();
  await shell.open('/');
  const home = new HomePage(page);
  await expect(shell.pageTitle).toHaveText('首页');
  await expect(home.section('visits')).toContainText('今天没有您的现场访问。');
  await expect(home.section('incidents')).toContainText('没有未关闭的事件。');
  await expect(home.section('clusters')).toContainText('本周没有您的现场访问');
  await expect(home.section('deadlines')).toContainText('没有临近的截止日期');
  await expect(page.getByText('未设置工程师（显示本机全部访问）')).toBeVisible();
});
