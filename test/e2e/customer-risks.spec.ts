/**
 * The customer's risk list reads the ops lists' risk records (issue 11): an inspection finding
 * becomes a risk record that keeps its link to the inspection, the record is edited from the
 * customer page (state, owner) and the list shows the change; in Chinese and English.
 */
import { expect as baseExpect, test } from './fixtures';
import { AppShell } from './pages/app-shell';
import { CustomersPage } from './pages/customers';
import { chooseOption } from './pages/visits-antd';

const expect = baseExpect.configure({ timeout: 20_000 });
const SHOTS = 'test-results/screenshots';
const CUSTOMER = '钱塘银行股份有限公司';

test('the customer risk list: a finding becomes an editable risk record linked to its inspection', async ({
  page,
}) => {
  test.setTimeout(240_000);
  await page.setViewportSize({ width: 1400, height: 1100 });
  const shell = new AppShell(page);
  await shell.openWithSample('张伟');
  await page.goto('/#/customers');
  await new CustomersPage(page).open(CUSTOMER);

  const list = page.getByTestId('customer-risk-records');
  await expect(list).toContainText('风险清单 (0)');
  const findings = page.getByTestId('customer-risks').getByTestId('customer-risk');
  await expect(findings.first()).toBeVisible();
  const finding = findings.first();
  const title = (await finding.locator('.fb-grow > span').first().innerText())
    .split(' · ')[0]!
    .trim();

  // The finding becomes a risk record: listed above, with its number beside the finding.
  await finding.getByTestId('customer-risk-to-record').click();
  const rows = list.getByTestId('customer-risk-record-row');
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toContainText('RSK-');
  await expect(rows.first()).toContainText(title);
  await expect(finding.getByTestId('customer-risk-record')).toContainText('RSK-');
  await expect(rows.first().getByTestId('customer-risk-record-state')).toHaveText('待处理');

  // Edited from the customer page: state and owner.
  await rows.first().getByTestId('customer-risk-record-title').click();
  const form = page.getByRole('dialog').filter({ has: page.getByTestId('ops-form-title') });
  await expect(form).toBeVisible();
  await chooseOption(page, form.getByTestId('ops-form-state'), '缓解中');
  await form.getByLabel('负责人').fill('李娜');
  await form.getByRole('button', { name: /保\s*存/ }).click();
  await expect(form).toHaveCount(0);
  await expect(rows.first().getByTestId('customer-risk-record-state')).toHaveText('缓解中');
  await expect(rows.first()).toContainText('李娜');
  // The edit kept the finding reference: the finding still shows its record, not the button.
  await expect(finding.getByTestId('customer-risk-record')).toContainText('RSK-');
  await expect(finding.getByTestId('customer-risk-to-record')).toHaveCount(0);
  await list.scrollIntoViewIfNeeded();
  await page.screenshot({ path: `${SHOTS}/customer-risk-records-zh.png`, fullPage: true });

  // The same record in the ops lists.
  await page.goto('/#/ops');
  await expect(page.getByTestId('ops-row').filter({ hasText: title })).toContainText('缓解中');
  await page.goBack();

  // The record keeps its link to the finding's inspection.
  await rows.first().getByTestId('customer-risk-record-finding').click();
  await expect(page.getByTestId('inspection-page')).toBeVisible();
  await page.goBack();

  await shell.switchLanguage('en');
  await expect(page.getByTestId('customer-risk-records')).toContainText('Risk list (1)');
  await expect(rows.first().getByTestId('customer-risk-record-state')).toHaveText('Mitigating');
  await expect(rows.first().getByTestId('customer-risk-record-finding')).toHaveText(
    'Inspection finding',
  );
  await page.screenshot({ path: `${SHOTS}/customer-risk-records-en.png`, fullPage: true });
});
