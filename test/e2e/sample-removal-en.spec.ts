/**
 * Sample removal in the English UI (issue 12 item 6; sample-removal.spec.ts is the Chinese one
 * with the sync server's refusals): Settings says how many sample records are here, the
 * confirmation says what happens, and removal keeps the engineer's own customer.
 */
import { expect as baseExpect, test } from './fixtures';
import { AppShell } from './pages/app-shell';
import { CustomersPage } from './pages/customers';

const expect = baseExpect.configure({ timeout: 60_000 });
const SHOTS = process.env['FIELDBOOK_SCREENSHOTS'];

test('English UI: the sample workspace is removed after a confirmation, own records stay', async ({
  page,
}) => {
  test.setTimeout(240_000);
  const shell = new AppShell(page);
  await shell.openWithSample('Wang Lei');
  await shell.goTo('customers');
  await new CustomersPage(page).create({ name: 'Own Test Customer Ltd' });

  await shell.switchLanguage('en');
  await shell.goTo('settings', 'en');
  const card = page.getByTestId('workspace-card');
  await expect(card.getByTestId('sample-here')).toContainText(
    /This laptop holds \d+ records created by the sample workspace/,
  );
  await card.getByRole('button', { name: 'Remove the sample workspace' }).click();
  const confirm = page.getByTestId('sample-remove-confirm');
  await expect(confirm).toContainText('Every record you created yourself stays.');
  await expect(page.locator('.ant-modal-confirm-title')).toHaveText('Remove the sample workspace?');
  if (SHOTS) await page.screenshot({ path: `${SHOTS}/sample-remove-confirm-en.png` });
  await page.getByTestId('sample-remove-ok').click();
  await expect(page.getByText(/Removed \d+ records of the sample workspace/)).toBeVisible();
  await expect(card.getByTestId('sample-remove')).toHaveCount(0);

  await shell.goTo('customers', 'en');
  await expect(page.getByText('Own Test Customer Ltd').first()).toBeVisible();
  await expect(page.getByText('钱塘银行股份有限公司')).toHaveCount(0);
  await expect(page.getByText('荆楚电网有限公司')).toHaveCount(0);
});
