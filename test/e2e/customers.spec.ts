import { lifecycleStatus } from '../../src-shared/domain/lifecycle';
import type { LifecycleStatus } from '../../src-shared/domain/lifecycle';
import { expect, test } from './fixtures';
import { AppShell, FirstRunScreen } from './pages/app-shell';
import { CustomerDetail, CustomersPage } from './pages/customers';

const BADGE_TEXT: Record<LifecycleStatus, string> = {
  supported: '受支持',
  'end-of-standard-support': '停止标准支持',
  'end-of-life': '停止所有支持服务',
};

/** Today at the site (Asia/Shanghai), as the app judges the lifecycle. */
function todayInShanghai(): string {
  return new Intl.DateTimeFormat('en-CA', {
    timeZone: 'Asia/Shanghai',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(new Date());
}

test('customer → site → cluster → contract, all still there after a reload', async ({ page }) => {
  // Several database opens and reloads per test: allow for a loaded machine.
  test.slow();
  const shell = new AppShell(page);
  await shell.open();
  await new FirstRunScreen(page).startEmpty();

  const customers = new CustomersPage(page);
  const detail = await customers.create({
    name: '东海港务集团有限公司',
    shortName: '东海港务',
    industry: '交通运输',
    contact: {
      name: '陈立',
      title: '信息中心主任',
      phone: '0574-8765 4321',
      email: 'chenli@example.cn',
    },
  });

  await detail.addSite({
    name: '北仑数据中心',
    address: '浙江省宁波市北仑区',
    timeZone: 'Asia/Shanghai',
    remote: { method: 'VPN + 堡垒机', host: '10.20.0.5', username: 'ops', password: 'Pa55-word!' },
  });
  // The password is masked until revealed.
  const site = detail.siteCard('北仑数据中心');
  await expect(site.getByTestId('site-time-zone')).toHaveText('Asia/Shanghai');
  await expect(site.getByTestId('secret-value')).not.toContainText('Pa55-word!');
  await site.getByRole('button', { name: '显示密码' }).click();
  await expect(site.getByTestId('secret-value')).toContainText('Pa55-word!');

  await detail.addCluster({
    site: '北仑数据中心',
    name: '生产集群',
    environment: '生产',
    product: 'DCE',
    version: '5.0.3',
    controlPlaneNodes: 3,
    workerNodes: 8,
  });
  const expected = BADGE_TEXT[lifecycleStatus('DCE', '5.0.3', todayInShanghai()).status];
  await expect(detail.clusterRow('生产集群').getByTestId('lifecycle-badge')).toHaveText(expected);

  await detail.addContract({
    number: 'DH-2026-001',
    pack: 'DCE 产品支持政策',
    services: ['SNS'],
    tier: '标准服务',
    startDate: '2026-01-01',
    endDate: '2027-12-31',
  });
  const contract = detail.contractCard('DH-2026-001');
  await expect(contract.getByTestId('contract-tier')).toHaveText('标准服务');
  await expect(contract).toContainText('SNS');
  // The tier's response table quotes the policy: level 1 on standard is 4 h, 7x24.
  await expect(contract.getByRole('row').filter({ hasText: '生产灾害性事故' })).toContainText(
    '4 小时',
  );

  await shell.reload();
  const again = new CustomerDetail(page);
  await expect(again.title).toHaveText('东海港务集团有限公司');
  await again.tab('站点');
  await expect(again.siteCard('北仑数据中心')).toBeVisible();
  await again.tab('集群/环境');
  await expect(again.clusterRow('生产集群').getByTestId('lifecycle-badge')).toHaveText(expected);
  await again.tab('合同');
  await expect(again.contractCard('DH-2026-001')).toContainText('SNS');

  await shell.goTo('customers');
  await expect(customers.row('东海港务集团有限公司')).toContainText('陈立');
});

test('bad input gets a specific message and saves nothing', async ({ page }) => {
  // Several database opens and reloads per test: allow for a loaded machine.
  test.slow();
  const shell = new AppShell(page);
  await shell.open();
  await new FirstRunScreen(page).startEmpty();
  const customers = new CustomersPage(page);
  const detail = await customers.create({ name: '测试客户' });
  await detail.addSite({ name: '测试站点', timeZone: 'Asia/Shanghai' });

  await detail.tab('集群/环境');
  await detail.activePanel.getByRole('button', { name: '新建集群/环境' }).click();
  const dialog = page.getByRole('dialog', { name: '新建集群/环境' });
  await dialog.getByLabel('名称').fill('错误版本集群');
  await dialog.getByLabel('版本').fill('5.0');
  await dialog.getByRole('button', { name: '保存' }).click();
  await expect(dialog.getByText('版本格式应为 x.y.z')).toBeVisible();
  // Something was typed: cancelling asks before it discards.
  await dialog.getByRole('button', { name: '取消' }).click();
  await page
    .getByRole('dialog', { name: '放弃未保存的修改？' })
    .getByRole('button', { name: '放弃修改' })
    .click();
  await expect(dialog).toBeHidden();
  await expect(detail.clusterRow('错误版本集群')).toHaveCount(0);

  await detail.tab('合同');
  await detail.activePanel.getByRole('button', { name: '新建合同' }).click();
  const contract = page.getByRole('dialog', { name: '新建合同' });
  await contract.getByRole('button', { name: '保存' }).click();
  await expect(contract.getByText('请填写合同编号')).toBeVisible();
  await expect(contract.getByText('请选择服务项目')).toBeVisible();
});
