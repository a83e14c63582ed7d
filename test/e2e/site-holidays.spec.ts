/**
 * A site outside mainland China names its next holidays in the UI language (issue 12): the
 * sample's Singapore site in the Chinese UI shows date-holidays' Chinese names where the library
 * has them and marks the English ones; the English UI shows English names. The clock is fixed
 * (2026-12-20 in Singapore), so the holidays listed are known.
 */
import { expect as baseExpect, test } from './fixtures';
import { AppShell } from './pages/app-shell';
import { CustomersPage } from './pages/customers';

const expect = baseExpect.configure({ timeout: 60_000 });
const SHOTS = process.env['FIELDBOOK_SCREENSHOTS'];

test('the Singapore site lists its next holidays with Chinese names where date-holidays has them (zh, en)', async ({
  page,
}) => {
  test.setTimeout(120_000);
  await page.clock.setFixedTime(new Date('2026-12-20T04:00:00Z'));
  const shell = new AppShell(page);
  await shell.openWithSample('王磊');
  await shell.goTo('customers');
  const detail = await new CustomersPage(page).open('申江证券股份有限公司');
  await detail.tab('站点');
  const card = detail.activePanel.locator('.ant-card').filter({ hasText: '新加坡国际业务机房' });
  const holidays = card.getByTestId('site-upcoming-holidays');
  await expect(holidays).toHaveText(
    '2026-12-25 聖誕節2027-01-01 元旦2027-02-06 Chinese New Year（日历库无中文名）',
  );
  // The mainland calendar (调休) is published a year at a time: after the last 2026 holiday it
  // says so instead of listing nothing.
  const shanghai = detail.activePanel
    .locator('.ant-card')
    .filter({ hasText: '上海外高桥数据中心' });
  await expect(shanghai.getByTestId('site-upcoming-holidays')).toHaveText(
    '日历只发布到 2026 年，其后的节假日尚未公布',
  );
  await card.scrollIntoViewIfNeeded();
  if (SHOTS) await page.screenshot({ path: `${SHOTS}/site-holidays-zh.png` });

  await shell.switchLanguage('en');
  await expect(holidays).toHaveText(
    "2026-12-25 Christmas Day2027-01-01 New Year's Day2027-02-06 Chinese New Year",
  );
  if (SHOTS) await page.screenshot({ path: `${SHOTS}/site-holidays-en.png` });
});
