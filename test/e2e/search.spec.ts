import { expect, test } from './fixtures';
import { AppShell } from './pages/app-shell';
import { CustomersPage } from './pages/customers';
import { SearchPalette } from './pages/home-search';

const SHOTS = 'test-results/screenshots';

test('Ctrl+K searches everything offline, in Chinese too, and Enter opens the record', async ({
  page,
}) => {
  test.setTimeout(180_000);
  await page.setViewportSize({ width: 1280, height: 900 });
  const shell = new AppShell(page);
  await shell.openWithSample('张伟');
  const search = new SearchPalette(page);

  await search.open();
  await expect(search.dialog).toContainText('搜索全部');
  // The index loads what is stored once per start; on a loaded machine that takes a while.
  await expect(search.dialog.getByText('正在建立搜索索引')).toHaveCount(0, { timeout: 60_000 });
  // 巡检 (inspection): the visit, log entries and the incident-free notes that mention it.
  await search.type('巡检');
  await expect(search.options.filter({ hasText: 'S360 第四季度主动巡检' }).first()).toBeVisible();
  await expect(search.options.filter({ hasText: '现场访问' }).first()).toBeVisible();
  await expect(search.options.filter({ hasText: '访问日志' }).first()).toBeVisible();
  await page.screenshot({ path: `${SHOTS}/search-zh.png` });

  // A word inside a Chinese sentence, with no spaces around it.
  await search.type('反亲和');
  await expect(search.options).toHaveCount(2);
  await expect(search.options.filter({ hasText: '资源水位' })).toHaveCount(1);
  await expect(search.options.filter({ hasText: '支付网关反亲和' })).toHaveCount(1);

  // Command output only: the node name is in the output of `kubectl top nodes`, not the note.
  await search.type('hz-prod-w07');
  await expect(search.options).toHaveCount(1);
  await expect(search.options.first()).toContainText('资源水位');

  // Nothing found says so.
  await search.type('不存在的记录词语');
  await expect(page.getByTestId('search-empty')).toContainText(
    '没有找到与“不存在的记录词语”匹配的记录',
  );

  // Arrows move the selection; Enter opens the selected record.
  await search.type('巡检');
  await expect(search.options.nth(0)).toHaveAttribute('aria-selected', 'true');
  await page.keyboard.press('ArrowDown');
  await expect(search.options.nth(1)).toHaveAttribute('aria-selected', 'true');
  await page.keyboard.press('ArrowUp');
  await expect(search.options.nth(0)).toHaveAttribute('aria-selected', 'true');
  await search.type('孙丽华陪同');
  await expect(search.options).toHaveCount(1);
  await page.keyboard.press('Enter');
  await expect(search.dialog).toBeHidden();
  await expect(page).toHaveURL(/#\/visits\/[^/]+$/);
  await expect(shell.pageTitle).toContainText('杭州滨江数据中心');
  await expect(page.getByText('孙丽华陪同进入 B1 机房').first()).toBeVisible();

  // Escape closes without navigating.
  const url = page.url();
  await search.open();
  await search.type('sz-tms');
  await page.keyboard.press('Escape');
  await expect(search.dialog).toBeHidden();
  expect(page.url()).toBe(url);

  // A record created now is found at once (the index follows the change stream).
  await shell.goTo('customers');
  await new CustomersPage(page).create({ name: '东海港务集团有限公司', shortName: '东海港务' });
  await search.open();
  await search.type('东海港务');
  await expect(search.options.first()).toContainText('东海港务集团有限公司');
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/#\/customers\/[^/?]+$/);
  await expect(shell.pageTitle).toContainText('东海港务集团有限公司');

  // English.
  await shell.switchLanguage('en');
  await search.open();
  await expect(search.dialog).toContainText('Search everything');
  await search.type('etcd');
  await expect(search.options.filter({ hasText: 'Log entry' }).first()).toBeVisible();
  await page.screenshot({ path: `${SHOTS}/search-en.png` });
});
