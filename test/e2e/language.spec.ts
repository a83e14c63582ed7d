import { expect, test } from './fixtures';
import { AppShell, FirstRunScreen } from './pages/app-shell';

test('Chinese by default, English on request, remembered across a reload', async ({ page }) => {
  // Several database opens and reloads per test: allow for a loaded machine.
  test.slow();
  const shell = new AppShell(page);
  await shell.open();
  await new FirstRunScreen(page).startEmpty();

  await expect(shell.menuItem('customers', 'zh')).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
  await expect(page.getByTestId('sync-status')).toHaveText('仅本地');

  await shell.switchLanguage('en');
  await expect(shell.menuItem('customers', 'en')).toBeVisible();
  await expect(shell.menuItem('customers', 'zh')).toHaveCount(0);
  await expect(shell.pageTitle).toHaveText('Customers');
  await expect(page.getByTestId('sync-status')).toHaveText('Local only');

  await shell.reload();
  await expect(shell.menuItem('customers', 'en')).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('lang', 'en-US');
  // antd's own texts follow too (the empty table).
  await expect(page.getByText('No customers yet.')).toBeVisible();

  await shell.switchLanguage('zh');
  await expect(shell.menuItem('customers', 'zh')).toBeVisible();
  await expect(shell.pageTitle).toHaveText('客户');
  await shell.reload();
  await expect(shell.menuItem('customers', 'zh')).toBeVisible();
});
