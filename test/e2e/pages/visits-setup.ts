/**
 * Creates what a visit or an incident needs — a customer, one site in a chosen time zone and
 * optionally a contract covering it — through the customer screens, as an engineer would.
 * (Chinese UI, the default language.)
 */
import { expect as baseExpect } from '@playwright/test';
import type { Page } from '@playwright/test';
import { chooseOption, typeDate } from './visits-antd';

/** These screens read an encrypted local database; on a loaded 2-core machine 5 s is too tight. */
const expect = baseExpect.configure({ timeout: 15_000 });

/**
 * Init script: this laptop's engineer is `name` and the first-run choice is made (an empty
 * workspace), as after the welcome screen. Keys: src-renderer/app/settings.ts and
 * src-renderer/features/workspace/first-run.ts.
 */
export function startAsEngineer(name: string): void {
  localStorage.setItem('fieldbook.engineer', name);
  if (localStorage.getItem('fieldbook.firstRunDone') === null) {
    localStorage.setItem('fieldbook.firstRunDone', new Date().toISOString());
  }
}

export interface SetupContract {
  number: string;
  /** Tier name as the form shows it, e.g. 标准服务. */
  tierName: string;
  /** Service code shown first in the option, e.g. SNS. */
  service: string;
  startDate: string;
  endDate: string;
  /** Leave “covered sites” empty: the contract covers all the customer's sites (the default). */
  allSites?: boolean;
}

export interface SetupInput {
  customer: string;
  site: string;
  timeZone: string;
  contract?: SetupContract;
}

/** Leaves the browser on the new customer's page; returns nothing the UI does not show. */
export async function createCustomerWithSite(page: Page, input: SetupInput): Promise<void> {
  await page.goto('/#/customers');
  await page.getByRole('button', { name: '新建客户' }).first().click();
  const customerForm = page.getByTestId('customer-form');
  await customerForm.getByLabel('客户名称').fill(input.customer);
  await customerForm.getByRole('button', { name: /保\s*存/ }).click();
  await expect(customerForm).toHaveCount(0);
  await expect(page.getByRole('heading', { name: input.customer })).toBeVisible();

  await page.getByRole('tab', { name: '站点' }).click();
  await page.getByRole('button', { name: '新建站点' }).first().click();
  const siteForm = page.getByTestId('site-form');
  await siteForm.getByLabel('站点名称').fill(input.site);
  await chooseOption(
    page,
    siteForm.locator('.ant-select').filter({ has: page.getByLabel('时区') }),
    input.timeZone,
  );
  await siteForm.getByRole('button', { name: /保\s*存/ }).click();
  await expect(siteForm).toHaveCount(0);
  await expect(page.getByTestId('site-card').filter({ hasText: input.site })).toBeVisible();

  if (input.contract === undefined) return;
  const c = input.contract;
  await page.getByRole('tab', { name: '合同' }).click();
  await page.getByRole('button', { name: '新建合同' }).first().click();
  const contractForm = page.getByTestId('contract-form');
  await contractForm.getByLabel('合同编号').fill(c.number);
  await chooseOption(
    page,
    contractForm.locator('.ant-select').filter({ has: page.getByLabel('服务项目') }),
    c.service,
    { multiple: true },
  );
  await chooseOption(
    page,
    contractForm.locator('.ant-select').filter({ has: page.getByLabel('服务级别') }),
    c.tierName,
  );
  await typeDate(
    contractForm.locator('.ant-picker').filter({ has: page.getByLabel('开始日期') }),
    c.startDate,
    'cell',
  );
  await typeDate(
    contractForm.locator('.ant-picker').filter({ has: page.getByLabel('结束日期') }),
    c.endDate,
    'cell',
  );
  if (c.allSites !== true) {
    await chooseOption(
      page,
      contractForm.locator('.ant-select').filter({ has: page.getByLabel('覆盖站点') }),
      input.site,
      { multiple: true, search: false },
    );
  }
  await contractForm.getByRole('button', { name: /保\s*存/ }).click();
  await expect(contractForm).toHaveCount(0);
  await expect(page.getByTestId('contract-card').filter({ hasText: c.number })).toBeVisible();
}
