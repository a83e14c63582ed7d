import type { Page } from '@playwright/test';
import { computeDue } from '../../src-shared/domain/sla';
import { expect as baseExpect, test } from './fixtures';
import { AppShell } from './pages/app-shell';
import { IncidentsListPage } from './pages/incidents';
import type { NewIncidentInput } from './pages/incidents';
import { chooseOption, dialog, typeDate } from './pages/visits-antd';
import { createCustomerWithSite, startAsEngineer } from './pages/visits-setup';

const SHOTS = process.env['FIELDBOOK_SCREENSHOTS'];

/** The screens read an encrypted local database; on a loaded 2-core machine 5 s is too tight. */
const expect = baseExpect.configure({ timeout: 15_000 });

// The laptop is in Shanghai; one site shares its zone, the other (Berlin) does not.
test.use({ timezoneId: 'Asia/Shanghai' });

test.beforeEach(async ({ page }) => {
  await page.addInitScript(startAsEngineer, '王磊');
});

const CONTRACT = {
  number: 'DC-2026-0158',
  tierName: '标准服务',
  service: 'SNS',
  startDate: '2026-01-01',
  endDate: '2026-12-31',
};

/** Creates customer, site and a dce-support standard contract, then fills the incident form. */
async function openLevel2OnFriday(page: Page, customer: string, site: string, timeZone: string) {
  await createCustomerWithSite(page, { customer, site, timeZone, contract: CONTRACT });
  const list = new IncidentsListPage(page);
  await list.goto();
  const input: NewIncidentInput = {
    customer,
    site,
    contractNumber: CONTRACT.number,
    title: '生产集群 ingress 间歇性 502',
    description: '业务高峰期部分请求返回 502，存在临时绕行方法。',
    firstContact: '2026-03-06 17:00', // a Friday, one hour before the 5x8 window closes
    level: '2',
  };
  const form = await list.fillNewIncident(input);
  return { list, form };
}

test('level 2 on a standard contract opened Friday 17:00 (Shanghai) is due Monday 16:00; reclassify keeps the start; pause and resume', async ({
  page,
}) => {
  test.setTimeout(120_000);
  const { list, form } = await openLevel2OnFriday(
    page,
    '华北能源集团',
    '北京亦庄数据中心',
    'Asia/Shanghai',
  );

  // The severity helper quotes the seed: name, definition and the tier's target.
  const level2 = form.getByTestId('severity-text-2');
  await expect(level2).toContainText('影响严重性事故');
  await expect(level2).toContainText('客户系统受到较大干扰，导致效率下降');
  await expect(level2).toContainText('八小时 5*8 (9:00 - 18:00)');
  await expect(form.getByTestId('severity-text-1')).toContainText('四小时 7*24');
  await expect(form.getByTestId('incident-tier')).toHaveText('标准服务');

  // The policy's answer, from the domain function, and the literal for this known case.
  const expected = computeDue({
    packId: 'dce-support',
    tier: 'standard',
    level: '2',
    openedAt: '2026-03-06T17:00:00+08:00',
    timeZone: 'Asia/Shanghai',
    calendar: 'cn',
  });
  expect(expected.dueAt).toBe('2026-03-09T16:00:00.000+08:00');
  await expect(form.getByTestId('incident-preview-due')).toContainText('2026/03/09');
  await expect(form.getByTestId('incident-preview-due')).toContainText('16:00');

  const incident = await list.save(form);
  await expect(incident.firstContact()).toContainText('2026/03/06');
  await expect(incident.firstContact()).toContainText('17:00');
  await expect(incident.dueSite()).toContainText('2026/03/09');
  await expect(incident.dueSite()).toContainText('16:00');
  await expect(incident.dueSite()).toContainText('GMT+8');
  await expect(page.getByTestId('sla-coverage')).toHaveText('5*8 (9:00 - 18:00)');
  // Long past due by now and never answered: breached, in red.
  await expect(page.getByTestId('sla-breached')).toHaveText('已超时');

  // Reclassify to level 1: 4 h on 7x24 from the SAME first contact → Friday 21:00.
  const d = await incident.startReclassify('1');
  await expect(d.getByTestId('reclassify-keeps-start')).toContainText('原始开始时间');
  await expect(d.getByTestId('reclassify-rule')).toContainText('重新分类为 2 级事件');
  await expect(d.getByTestId('reclassify-new-due')).toContainText('2026/03/06');
  await expect(d.getByTestId('reclassify-new-due')).toContainText('21:00');
  await incident.confirm(d, '客户确认生产业务中断', 'reclassify');
  await expect(incident.level()).toHaveText('1 级');
  await expect(incident.dueSite()).toContainText('2026/03/06');
  await expect(incident.dueSite()).toContainText('21:00');
  await expect(incident.firstContact()).toContainText('17:00');
  await expect(page.getByTestId('sla-coverage')).toHaveText('7*24');
  await expect(page.getByTestId('sla-level-history')).toContainText('客户确认生产业务中断');
  await expect(incident.timelineEvents('reclassification')).toContainText('2 级 → 1 级');
  // Level 1 gets hourly status updates: due an hour after the first contact until one is logged.
  await expect(page.getByTestId('sla-next-update')).toContainText('2026/03/06');
  await expect(page.getByTestId('sla-next-update')).toContainText('18:00');
  await incident.logUpdate('每小时通报：已定位到 ingress 控制器内存不足');
  await expect(page.getByTestId('sla-next-update')).not.toContainText('2026/03/06');
  await expect(incident.timelineEvents('update')).toHaveCount(1);

  await incident.pause('等待客户提供 ingress 日志');
  await expect(page.getByTestId('sla-pauses')).toContainText('进行中');
  await expect(page.getByTestId('sla-pauses')).toContainText(
    '等待客户提供正确诊断和解决问题所必需的信息',
  );
  await incident.resume('客户已提供日志');
  await expect(page.getByTestId('sla-pauses')).not.toContainText('进行中');
  await expect(incident.timelineEvents('pause')).toHaveCount(1);
  await expect(incident.timelineEvents('resume')).toHaveCount(1);

  // Survives a reload (it is in the local store) and is listed.
  await page.reload();
  await expect(incident.dueSite()).toContainText('21:00', { timeout: 30_000 });
  await list.goto();
  await expect(list.rows()).toHaveCount(1);
  await expect(list.rows().first()).toContainText('生产集群 ingress 间歇性 502');
  await expect(list.rows().first().getByTestId('incident-level')).toHaveText('1 级');
});

test('a site in another zone than the laptop: the clock counts in the site zone (Berlin), both readings shown', async ({
  page,
}) => {
  test.setTimeout(120_000);
  const { list, form } = await openLevel2OnFriday(
    page,
    '欧洲汽车零部件公司',
    '柏林工厂机房',
    'Europe/Berlin',
  );
  const expected = computeDue({
    packId: 'dce-support',
    tier: 'standard',
    level: '2',
    openedAt: '2026-03-06T17:00:00+01:00',
    timeZone: 'Europe/Berlin',
    calendar: 'cn',
  });
  expect(expected.dueAt).toBe('2026-03-09T16:00:00.000+01:00');

  const incident = await list.save(form);
  // First contact read as Berlin time, not Shanghai time.
  await expect(incident.firstContact()).toContainText('2026/03/06');
  await expect(incident.firstContact()).toContainText('17:00');
  await expect(incident.firstContact()).toContainText('GMT+1');
  await expect(incident.dueSite()).toContainText('2026/03/09');
  await expect(incident.dueSite()).toContainText('16:00');
  await expect(incident.dueSite()).toContainText('GMT+1');
  // The same instant on the laptop in Shanghai: 23:00 the same day.
  await expect(incident.dueLaptop()).toContainText('2026/03/09');
  await expect(incident.dueLaptop()).toContainText('23:00');
  await expect(incident.dueLaptop()).toContainText('GMT+8');
});

test('a contract covering all sites (the form default) opens an incident; the only site and contract are preselected', async ({
  page,
}) => {
  test.setTimeout(120_000);
  await createCustomerWithSite(page, {
    customer: '西南物流集团',
    site: '成都双流数据中心',
    timeZone: 'Asia/Shanghai',
    contract: { ...CONTRACT, number: 'DC-2026-ALL', allSites: true },
  });
  await expect(page.getByTestId('contract-card')).toContainText('全部站点');

  const list = new IncidentsListPage(page);
  await list.goto();
  await page.getByRole('button', { name: '新建事件' }).click();
  const form = dialog(page, '新建事件');
  await chooseOption(page, form.getByTestId('incident-customer'), '西南物流集团');
  // One site and one contract: both chosen without a click.
  await expect(form.getByTestId('incident-site')).toContainText('成都双流数据中心');
  await expect(form.getByTestId('incident-contract')).toContainText('DC-2026-ALL');
  await expect(form).not.toContainText('该客户没有覆盖此站点的合同');
  await expect(form.getByTestId('incident-tier')).toHaveText('标准服务');
  await form.getByTestId('incident-title').fill('对象存储写入超时');
  await typeDate(form.getByTestId('incident-first-contact'), '2026-03-06 10:00');
  await form.getByTestId('severity-2').click();
  // The engineer opening it is its assignee unless another is named.
  await expect(form.getByLabel('负责工程师')).toHaveValue('王磊');
  await form.getByLabel('负责工程师').fill('李娜');
  const incident = await list.save(form);
  await expect(incident.firstContact()).toContainText('2026/03/06');
  await expect(page.getByTestId('incident-assignee')).toHaveText('李娜');
  await page.getByTestId('incident-assign-me').click();
  await expect(page.getByTestId('incident-assignee')).toHaveText('王磊');
  await expect(page.getByTestId('incident-assign-me')).toHaveCount(0);
  await expect(incident.timelineEvents('assignment')).toContainText('王磊');

  // Handed to another engineer of the team, typed the first time ...
  const handOver = dialog(page, '移交事件');
  await page.getByTestId('incident-hand-over').click();
  await handOver.getByLabel('负责工程师').fill('陈晨');
  await handOver.getByRole('button', { name: '移交' }).click();
  await expect(handOver).toBeHidden();
  await expect(page.getByTestId('incident-assignee')).toHaveText('陈晨');
  // ... then, taken back, handed again: the picker knows 陈晨 from the earlier handover.
  await page.getByTestId('incident-assign-me').click();
  await expect(page.getByTestId('incident-assignee')).toHaveText('王磊');
  await page.getByTestId('incident-hand-over').click();
  await handOver.getByLabel('负责工程师').fill('陈');
  await page.locator('.ant-select-item-option').filter({ hasText: '陈晨' }).click();
  await expect(handOver.getByLabel('负责工程师')).toHaveValue('陈晨');
  if (SHOTS) await page.screenshot({ path: `${SHOTS}/incident-hand-over-zh.png` });
  await handOver.getByRole('button', { name: '移交' }).click();
  await expect(handOver).toBeHidden();
  await expect(page.getByTestId('incident-assignee')).toHaveText('陈晨');
  // Every handover is on the timeline: two to 陈晨, two taken back by 王磊.
  const handed = incident.timelineEvents('assignment').filter({ hasText: '陈晨' }).first();
  await expect(handed).toContainText('移交负责工程师');
  await expect(incident.timelineEvents('assignment').filter({ hasText: '陈晨' })).toHaveCount(2);
  await expect(incident.timelineEvents('assignment')).toHaveCount(4);
  // The Chinese UI's handover in English.
  await new AppShell(page).switchLanguage('en');
  await expect(handed).toContainText('Handed over to');
  await expect(page.getByTestId('incident-hand-over')).toHaveText('Hand to another engineer');
  if (SHOTS) await page.screenshot({ path: `${SHOTS}/incident-hand-over-en.png` });
});

test('a first contact in the future is refused in Chinese, naming the field, and nothing is saved', async ({
  page,
}) => {
  test.setTimeout(120_000);
  await createCustomerWithSite(page, {
    customer: '华东证券',
    site: '上海张江机房',
    timeZone: 'Asia/Shanghai',
    contract: CONTRACT,
  });
  const list = new IncidentsListPage(page);
  await list.goto();
  const form = await list.fillNewIncident({
    customer: '华东证券',
    site: '上海张江机房',
    contractNumber: CONTRACT.number,
    title: '未来时间',
    firstContact: `${new Date().getFullYear() + 1}-01-05 10:00`,
    level: '3',
  });
  await form.getByRole('button', { name: /新\s*建/ }).click();
  const expected = '客户首次联系时间不能晚于当前时间';
  await expect(page.locator('.ant-message')).toContainText(`保存失败：${expected}`);
  await expect(form.locator('.ant-form-item-explain-error')).toHaveText(expected);
  await expect(page.locator('.ant-message')).not.toContainText('openedAt');
  await expect(form).toBeVisible();
  await page.screenshot({ path: '/tmp/fb-screens/incident-future-first-contact.png' });
  await list.goto();
  await expect(list.rows()).toHaveCount(0);
});
