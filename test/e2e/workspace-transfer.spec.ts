/**
 * The engineer's data in their hands (issue 12): laptop A (the sample workspace) exports the
 * whole workspace to a password-protected file; laptop B, a fresh profile, refuses it with a
 * wrong password and with an altered copy (changing nothing), imports it with the right one and
 * shows A's customers; a second import of the same file adds nothing. A customer deleted on A
 * afterwards is deleted on B by A's next file. The dialogs in English too.
 */
import { copyFile, mkdir, readFile, readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Locator, Page } from '@playwright/test';
import { expect as baseExpect, test } from './fixtures';
import { openLaptop } from './harness/laptop';
import { AppShell, FirstRunScreen } from './pages/app-shell';
import { CustomersPage } from './pages/customers';

const expect = baseExpect.configure({ timeout: 60_000 });
const SHOTS = process.env['FIELDBOOK_SCREENSHOTS'];
const PASSWORD = 'handover-2026';
const TEMPORARY = '临时演示客户有限公司';

function exportDialog(page: Page): Locator {
  return page.getByTestId('export-dialog');
}

function importDialog(page: Page): Locator {
  return page.getByTestId('import-dialog');
}

async function importWith(page: Page, password: string, ok: string): Promise<void> {
  const dialog = importDialog(page);
  await dialog.getByTestId('import-password').fill(password);
  await dialog.getByRole('button', { name: ok }).click();
}

test('laptop A exports the workspace, laptop B imports it once (wrong password and tampered copy refused), twice adds nothing, and a deletion on A reaches B', async ({
  page,
  harness,
  browser,
}) => {
  test.setTimeout(300_000);
  const shell = new AppShell(page);
  await shell.openWithSample('王磊');
  // A customer of A's own, deleted later (the sample's customers have sites and contracts,
  // which block a deletion).
  await shell.goTo('customers');
  await new CustomersPage(page).create({ name: TEMPORARY });

  await shell.goTo('settings');
  await page.getByTestId('export-open').click();
  const dialog = exportDialog(page);
  await expect(dialog.getByText('整个工作区')).toBeVisible();
  await dialog.getByTestId('export-password').fill(PASSWORD);
  await dialog.getByTestId('export-confirm').fill('handover-2025');
  await dialog.getByRole('button', { name: '选择位置并导出' }).click();
  await expect(dialog.getByText('两次输入的密码不一致')).toBeVisible();
  await dialog.getByTestId('export-confirm').fill(PASSWORD);
  await dialog.getByRole('button', { name: '选择位置并导出' }).click();
  const result = dialog.getByTestId('export-result');
  await expect(result).toContainText(/已导出 \d+ 条记录和 \d+ 个文件/);
  if (SHOTS) await page.screenshot({ path: `${SHOTS}/workspace-export-zh.png` });
  const [name] = await readdir(harness.exportsDir);
  expect(name).toMatch(/^fieldbook-工作区-\d{8}-\d{4}\.fieldbook$/);
  const exported = join(harness.exportsDir, name!);
  const exportedCount = Number(/已导出 (\d+) 条/.exec((await result.textContent()) ?? '')![1]);

  const b = await openLaptop(browser);
  try {
    const shellB = new AppShell(b.page);
    await shellB.open();
    await new FirstRunScreen(b.page).startEmpty();
    await expect(shellB.navigation).toBeVisible();
    const imports = join(b.harness.userDataDir, 'imports');
    await mkdir(imports, { recursive: true });

    // An altered copy (one byte of the content flipped) is refused, nothing changes.
    const bytes = await readFile(exported);
    bytes[bytes.length - 200]! ^= 0x01;
    await writeFile(join(imports, 'a-altered.fieldbook'), bytes);
    await shellB.goTo('settings');
    await b.page.getByTestId('import-open').click();
    const dialogB = importDialog(b.page);
    await importWith(b.page, PASSWORD, '选择文件并导入');
    await expect(dialogB.getByTestId('import-refused')).toContainText('未通过完整性校验');
    await expect(dialogB.getByTestId('import-refused')).toContainText('本机数据没有任何改动');

    // The real file, with a wrong password first.
    await copyFile(exported, join(imports, 'a-altered.fieldbook'));
    await importWith(b.page, 'not-the-password', '选择文件并导入');
    await expect(dialogB.getByTestId('import-refused')).toContainText('密码不正确');
    if (SHOTS) await b.page.screenshot({ path: `${SHOTS}/workspace-import-refused-zh.png` });
    // Every attempt ended (refusals are answers, not errors): Escape closes without asking.
    await b.page.keyboard.press('Escape');
    await expect(dialogB).toBeHidden();
    await shellB.goTo('customers');
    await expect(b.page.getByText('钱塘银行股份有限公司')).toHaveCount(0);

    // The right password: every record arrives.
    await shellB.goTo('settings');
    await b.page.getByTestId('import-open').click();
    await importWith(b.page, PASSWORD, '选择文件并导入');
    const done = dialogB.getByTestId('import-result');
    await expect(done).toContainText(
      `新增 ${exportedCount} 条，合并更新 0 条，删除 0 条，0 条已是最新`,
    );
    await expect(done).toContainText('整个工作区');
    if (SHOTS) await b.page.screenshot({ path: `${SHOTS}/workspace-import-zh.png` });

    // Importing the same file again adds nothing.
    await importWith(b.page, PASSWORD, '选择文件并导入');
    await expect(done).toContainText(
      `新增 0 条，合并更新 0 条，删除 0 条，${exportedCount} 条已是最新`,
    );
    // Every attempt ended (refusals are answers, not errors): Escape closes without asking.
    await b.page.keyboard.press('Escape');
    await expect(dialogB).toBeHidden();

    await shellB.goTo('customers');
    await expect(b.page.getByText('钱塘银行股份有限公司').first()).toBeVisible();
    await expect(b.page.getByText('荆楚电网有限公司').first()).toBeVisible();
    await expect(b.page.getByText(TEMPORARY).first()).toBeVisible();
    expect(await b.page.getByText('钱塘银行股份有限公司', { exact: true }).count()).toBe(1);

    // A deletes its own customer and exports again: the file carries the deletion ...
    await page.keyboard.press('Escape');
    await expect(dialog).toBeHidden();
    await shell.goTo('customers');
    await new CustomersPage(page).open(TEMPORARY);
    await page.getByRole('button', { name: '删除' }).click();
    await page.getByRole('dialog').getByRole('button', { name: '删除' }).click();
    await expect(page.getByText('已删除')).toBeVisible();
    await expect(new CustomersPage(page).row(TEMPORARY)).toHaveCount(0);
    await shell.goTo('settings');
    await page.getByTestId('export-open').click();
    await dialog.getByTestId('export-password').fill(PASSWORD);
    await dialog.getByTestId('export-confirm').fill(PASSWORD);
    await dialog.getByRole('button', { name: '选择位置并导出' }).click();
    await expect(dialog.getByTestId('export-deleted')).toHaveText(
      '其中 1 条是已删除的记录：导入这个文件的电脑也会删除它们。',
    );
    if (SHOTS) await page.screenshot({ path: `${SHOTS}/workspace-export-deletion-zh.png` });
    const newest = (await readdir(harness.exportsDir)).sort().at(-1)!;
    await copyFile(join(harness.exportsDir, newest), join(imports, 'a-altered.fieldbook'));
    // ... and B, which still has the customer, deletes it on import; once only.
    await shellB.goTo('settings');
    await b.page.getByTestId('import-open').click();
    await importWith(b.page, PASSWORD, '选择文件并导入');
    await expect(done).toContainText('新增 0 条，合并更新 0 条，删除 1 条');
    if (SHOTS) await b.page.screenshot({ path: `${SHOTS}/workspace-import-deletion-zh.png` });
    await importWith(b.page, PASSWORD, '选择文件并导入');
    await expect(done).toContainText('新增 0 条，合并更新 0 条，删除 0 条');
    await b.page.keyboard.press('Escape');
    await expect(dialogB).toBeHidden();
    await shellB.goTo('customers');
    await expect(b.page.getByText('钱塘银行股份有限公司').first()).toBeVisible();
    await expect(b.page.getByText(TEMPORARY)).toHaveCount(0);

    // The same dialogs in English.
    await shellB.switchLanguage('en');
    await shellB.goTo('settings', 'en');
    await b.page.getByTestId('import-open').click();
    await importWith(b.page, 'not-the-password', 'Choose the file and import');
    await expect(dialogB.getByTestId('import-refused')).toContainText(
      'The password does not open a-altered.fieldbook',
    );
    await expect(dialogB.getByTestId('import-refused')).toContainText(
      'Nothing on this laptop was changed.',
    );
    if (SHOTS) await b.page.screenshot({ path: `${SHOTS}/workspace-import-en.png` });
    await b.page.keyboard.press('Escape');
    await expect(dialogB).toBeHidden();
    await b.page.getByTestId('export-open').click();
    const exportB = exportDialog(b.page);
    await exportB.getByText('One customer').click();
    await expect(exportB.getByText('Customer', { exact: true })).toBeVisible();
    await exportB.getByTestId('export-password').fill('short');
    await exportB.getByRole('button', { name: 'Choose where and export' }).click();
    await expect(exportB.getByText('The file password needs at least 8 characters')).toBeVisible();
    if (SHOTS) await b.page.screenshot({ path: `${SHOTS}/workspace-export-en.png` });
  } finally {
    await b.close();
  }
});
