/**
 * Page objects of the customer screens (list, detail tabs, the four forms), in Chinese.
 * antd selects are driven like a user does: focus, type to filter, Enter.
 */
import { expect } from '@playwright/test';
import type { Locator, Page } from '@playwright/test';

/** Picks an option of an antd (single or multiple) select found by its accessible label. */
async function choose(
  dialog: Locator,
  label: string,
  option: string,
  multiple = false,
): Promise<void> {
  const box = dialog.getByRole('combobox', { name: label });
  await box.click();
  // Searchable selects filter as the user types; the others only open their list.
  if (await box.isEditable()) await box.fill(option);
  const page = dialog.page();
  const openList = page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden)');
  await openList.locator('.ant-select-item-option').filter({ hasText: option }).first().click();
  // A multiple select keeps its list open: clicking elsewhere in the dialog closes it (Escape
  // would close the dialog itself once the list is gone).
  if (multiple) await dialog.locator('.ant-modal-title').click();
  await expect(openList).toBeHidden();
}

async function typeDate(dialog: Locator, label: string, isoDate: string): Promise<void> {
  const input = dialog.getByRole('textbox', { name: label });
  await input.click();
  await input.fill(isoDate);
  // Tab commits the typed date; Enter would also submit the whole form.
  await input.press('Tab');
  await expect(input).toHaveValue(isoDate);
}

export interface NewCustomer {
  name: string;
  shortName?: string;
  industry?: string;
  contact?: { name: string; title?: string; phone?: string; email?: string };
}

export interface NewSite {
  name: string;
  address?: string;
  timeZone: string;
  holidayCalendar?: 'cn' | 'none' | 'sg';
  remote?: { method: string; host?: string; username?: string; password?: string };
}

export interface NewCluster {
  site: string;
  name: string;
  environment: '开发' | '测试' | '生产';
  product: 'DCE' | 'Apsara Stack' | 'ZStack';
  version: string;
  controlPlaneNodes: number;
  workerNodes: number;
}

export interface NewContract {
  number: string;
  pack: 'DCE 产品支持政策' | '专有云运维服务';
  services: string[];
  tier: string;
  startDate: string;
  endDate: string;
}

export class CustomersPage {
  constructor(readonly page: Page) {}

  get table(): Locator {
    return this.page.getByRole('table');
  }

  row(name: string): Locator {
    return this.table.getByRole('row').filter({ hasText: name });
  }

  async search(text: string): Promise<void> {
    await this.page.getByRole('searchbox', { name: '搜索客户名称、简称、行业或联系人' }).fill(text);
  }

  /** Creates a customer through the dialog; the app then opens its detail page. */
  async create(c: NewCustomer): Promise<CustomerDetail> {
    await this.page.getByRole('button', { name: '新建客户' }).first().click();
    const dialog = this.page.getByRole('dialog', { name: '新建客户' });
    await dialog.getByLabel('客户名称').fill(c.name);
    if (c.shortName !== undefined) await dialog.getByLabel('简称').fill(c.shortName);
    if (c.industry !== undefined) await dialog.getByLabel('行业').fill(c.industry);
    if (c.contact !== undefined) {
      await dialog.getByRole('button', { name: '添加联系人' }).click();
      await dialog.getByLabel('姓名 1').fill(c.contact.name);
      if (c.contact.title !== undefined) await dialog.getByLabel('职务 1').fill(c.contact.title);
      if (c.contact.phone !== undefined) await dialog.getByLabel('电话 1').fill(c.contact.phone);
      if (c.contact.email !== undefined) await dialog.getByLabel('邮箱 1').fill(c.contact.email);
    }
    await dialog.getByRole('button', { name: '保存' }).click();
    await expect(dialog).toBeHidden();
    const detail = new CustomerDetail(this.page);
    await expect(detail.title).toHaveText(c.name);
    return detail;
  }

  async open(name: string): Promise<CustomerDetail> {
    await this.row(name).getByRole('link', { name }).click();
    const detail = new CustomerDetail(this.page);
    await expect(detail.title).toHaveText(name);
    return detail;
  }
}

export class CustomerDetail {
  constructor(readonly page: Page) {}

  get title(): Locator {
    return this.page.getByRole('heading', { level: 1 });
  }

  async tab(name: '概况' | '站点' | '集群/环境' | '合同'): Promise<void> {
    await this.page.getByRole('tab', { name: new RegExp(`^${name}`) }).click();
  }

  /** The visible tab panel (inactive panels are hidden, so the role query skips them). */
  get activePanel(): Locator {
    return this.page.getByRole('tabpanel');
  }

  siteCard(name: string): Locator {
    return this.activePanel.getByTestId('site-card').filter({ hasText: name });
  }

  clusterRow(name: string): Locator {
    return this.activePanel.getByRole('row').filter({ hasText: name });
  }

  contractCard(number: string): Locator {
    return this.activePanel.getByTestId('contract-card').filter({ hasText: number });
  }

  async addSite(s: NewSite): Promise<void> {
    await this.tab('站点');
    await this.activePanel.getByRole('button', { name: '新建站点' }).click();
    const dialog = this.page.getByRole('dialog', { name: '新建站点' });
    await dialog.getByLabel('站点名称').fill(s.name);
    if (s.address !== undefined) await dialog.getByLabel('地址').fill(s.address);
    await choose(dialog, '时区', s.timeZone);
    if (s.holidayCalendar === 'none') await choose(dialog, '节假日日历', '仅周末休息');
    if (s.holidayCalendar === 'sg') await choose(dialog, '节假日日历', '新加坡公共假日');
    if (s.remote !== undefined) {
      await dialog.getByLabel('访问方式').fill(s.remote.method);
      if (s.remote.host !== undefined) await dialog.getByLabel('主机').fill(s.remote.host);
      if (s.remote.username !== undefined)
        await dialog.getByLabel('用户名').fill(s.remote.username);
      if (s.remote.password !== undefined) await dialog.getByLabel('密码').fill(s.remote.password);
    }
    await dialog.getByRole('button', { name: '保存' }).click();
    await expect(dialog).toBeHidden();
    await expect(this.siteCard(s.name)).toBeVisible();
  }

  async addCluster(c: NewCluster): Promise<void> {
    await this.tab('集群/环境');
    await this.activePanel.getByRole('button', { name: '新建集群/环境' }).click();
    const dialog = this.page.getByRole('dialog', { name: '新建集群/环境' });
    await choose(dialog, '站点', c.site);
    await dialog.getByLabel('名称').fill(c.name);
    await dialog.getByText(c.environment, { exact: true }).click();
    await choose(dialog, '产品', c.product);
    await dialog.getByLabel('版本').fill(c.version);
    await dialog.getByLabel('控制节点数').fill(String(c.controlPlaneNodes));
    await dialog.getByLabel('工作节点数').fill(String(c.workerNodes));
    await dialog.getByRole('button', { name: '保存' }).click();
    await expect(dialog).toBeHidden();
    await expect(this.clusterRow(c.name)).toBeVisible();
  }

  async addContract(c: NewContract): Promise<void> {
    await this.tab('合同');
    await this.activePanel.getByRole('button', { name: '新建合同' }).click();
    const dialog = this.page.getByRole('dialog', { name: '新建合同' });
    await dialog.getByLabel('合同编号').fill(c.number);
    await dialog.getByText(c.pack, { exact: true }).click();
    for (const service of c.services) await choose(dialog, '服务项目', service, true);
    await choose(dialog, '服务级别', c.tier);
    await typeDate(dialog, '开始日期', c.startDate);
    await typeDate(dialog, '结束日期', c.endDate);
    await dialog.getByRole('button', { name: '保存' }).click();
    await expect(dialog).toBeHidden();
    await expect(this.contractCard(c.number)).toBeVisible();
  }
}
