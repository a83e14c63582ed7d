/**
 * The shared form dialog (src-renderer/components/FormModal.tsx), as every form gets it:
 * closing asks before discarding typed input, Enter in a date field does not submit, a
 * duplicate contract number is refused in its field, a customer's only site and contract are
 * preselected.
 */
import { expect as baseExpect, test } from './fixtures';
import { chooseOption, dialog } from './pages/visits-antd';
import { createCustomerWithSite, startAsEngineer } from './pages/visits-setup';

/** The screens read an encrypted local database; on a loaded 2-core machine 5 s is too tight. */
const expect = baseExpect.configure({ timeout: 15_000 });

test.use({ timezoneId: 'Asia/Shanghai' });

test.beforeEach(async ({ page }) => {
  await page.addInitScript(startAsEngineer, '王磊');
});

test('closing a form: at once when nothing changed, after “discard?” when something was typed', async ({
  page,
}) => {
  test.setTimeout(90_000);
  await page.goto('/#/customers');
  const open = page.getByRole('button', { name: '新建客户' }).first();
  const form = page.getByRole('dialog', { name: '新建客户' });
  const discard = page.getByRole('dialog', { name: '放弃未保存的修改？' });

  // Nothing typed: Escape closes without a question.
  await open.click();
  await expect(form.getByLabel('客户名称')).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(form).toBeHidden();
  await expect(discard).toHaveCount(0);

  // Typed: Escape asks; “keep editing” keeps every field.
  await open.click();
  await form.getByLabel('客户名称').fill('华南电网');
  await form.getByLabel('行业').fill('能源');
  await page.keyboard.press('Escape');
  await expect(discard).toBeVisible();
  await discard.getByRole('button', { name: '继续编辑' }).click();
  await expect(discard).toBeHidden();
  await expect(form.getByLabel('客户名称')).toHaveValue('华南电网');
  await expect(form.getByLabel('行业')).toHaveValue('能源');

  // The close button and a click outside ask too.
  await form.getByRole('button', { name: /关闭|Close/ }).click();
  await expect(discard).toBeVisible();
  await page.screenshot({ path: '/tmp/fb-screens/form-discard-confirm.png' });
  await discard.getByRole('button', { name: '继续编辑' }).click();
  await expect(discard).toHaveCount(0);
  await page.mouse.click(8, 400);
  await expect(discard).toBeVisible();
  await discard.getByRole('button', { name: '放弃修改' }).click();
  await expect(form).toBeHidden();

  // Discarded means nothing was saved.
  await expect(page.getByText('华南电网')).toHaveCount(0);
});

test('Enter in a date field does not submit; a duplicate contract number is refused in its field and nothing is saved', async ({
  page,
}) => {
  test.setTimeout(120_000);
  await createCustomerWithSite(page, {
    customer: '华中制造集团',
    site: '武汉光谷机房',
    timeZone: 'Asia/Shanghai',
    contract: {
      number: 'HZ-2026-001',
      tierName: '标准服务',
      service: 'SNS',
      startDate: '2026-01-01',
      endDate: '2026-12-31',
    },
  });

  await page.getByRole('button', { name: '新建合同' }).first().click();
  const form = page.getByRole('dialog', { name: '新建合同' });
  // Same number, other spelling: trimmed and case-insensitive.
  await form.getByLabel('合同编号').fill(' hz-2026-001');
  await chooseOption(
    page,
    form.locator('.ant-select').filter({ has: page.getByLabel('服务项目') }),
    'SNS',
    { multiple: true },
  );
  await chooseOption(
    page,
    form.locator('.ant-select').filter({ has: page.getByLabel('服务级别') }),
    '标准服务',
  );
  const numberError = form
    .locator('.ant-form-item')
    .filter({ has: page.getByLabel('合同编号') })
    .locator('.ant-form-item-explain-error');
  await expect(numberError).toHaveText('该客户已有合同编号为“HZ-2026-001”的合同');

  // Enter commits the typed date and nothing else: the dialog stays, nothing is saved.
  const start = form.getByRole('textbox', { name: '开始日期' });
  await start.click();
  await start.fill('2027-01-01');
  await start.press('Enter');
  await expect(start).toHaveValue('2027-01-01');
  const end = form.getByRole('textbox', { name: '结束日期' });
  await end.click();
  await end.fill('2027-12-31');
  await end.press('Enter');
  await expect(end).toHaveValue('2027-12-31');
  await expect(form).toBeVisible();

  // Saving is refused with the message in the number field.
  await form.getByRole('button', { name: /保\s*存/ }).click();
  await expect(numberError).toHaveText('该客户已有合同编号为“HZ-2026-001”的合同');
  await expect(form).toBeVisible();
  await page.screenshot({ path: '/tmp/fb-screens/contract-duplicate-number.png' });
  await expect(page.getByTestId('contract-card')).toHaveCount(1);

  // A new number saves.
  await form.getByLabel('合同编号').fill('HZ-2027-001');
  await expect(numberError).toHaveCount(0);
  await form.getByRole('button', { name: /保\s*存/ }).click();
  await expect(form).toBeHidden();
  await expect(page.getByTestId('contract-card')).toHaveCount(2);
});

test('a customer with one site and one contract: the visit form preselects both', async ({
  page,
}) => {
  test.setTimeout(120_000);
  await createCustomerWithSite(page, {
    customer: '华北银行',
    site: '北京亦庄机房',
    timeZone: 'Asia/Shanghai',
    contract: {
      number: 'BJ-2026-009',
      tierName: '标准服务',
      service: 'SNS',
      startDate: '2026-01-01',
      endDate: '2026-12-31',
      allSites: true,
    },
  });
  await page.goto('/#/visits');
  await page.getByRole('button', { name: '新建访问' }).click();
  const form = dialog(page, '新建现场访问');
  await chooseOption(page, form.getByTestId('visit-customer'), '华北银行');
  await expect(form.getByTestId('visit-site')).toContainText('北京亦庄机房');
  await expect(form.getByTestId('visit-contract')).toContainText('BJ-2026-009');
  await page.screenshot({ path: '/tmp/fb-screens/visit-form-preselected.png' });
  await form.getByRole('button', { name: /新\s*建/ }).click();
  await expect(form).toHaveCount(0);
  await expect(page.getByTestId('visit-status').first()).toHaveText('计划中');
});
