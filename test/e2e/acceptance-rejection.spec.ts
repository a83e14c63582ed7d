/**
 * The customer rejects an acceptance report (issue 11): reasons per item, then the resubmission
 * is the next revision under the same number, carrying the rejection in its review history; it
 * is rendered and signed, and the signed PDF (pdftotext) shows the reason. The rejected draft is
 * marked in the list and can no longer be signed. Revision 2 is rendered in English (the
 * issue's English ops/acceptance PDF from the app).
 */
import { spawnSync } from 'node:child_process';
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { expect as baseExpect, test } from './fixtures';
import { AppShell } from './pages/app-shell';
import { GenerateReportDialog } from './pages/deliverables';
import { chooseOption } from './pages/visits-antd';

const expect = baseExpect.configure({ timeout: 30_000 });
const SHOTS = 'test-results/screenshots';
const CUSTOMER = '荆楚电网有限公司';
const CONTRACT = 'OPS-JC-2025-003';
const REASON = '缺少 11 月问题清单的客户签字页';

test.use({ timezoneId: 'Asia/Shanghai', actionTimeout: 30_000 });

test('an acceptance report rejected per item is resubmitted as the next revision and signed', async ({
  page,
  harness,
}) => {
  test.setTimeout(400_000);
  await page.setViewportSize({ width: 1400, height: 1000 });
  const shell = new AppShell(page);
  await shell.openWithSample('张伟');
  await page.goto('/#/deliverables');

  // Revision 1, rendered as a draft and shown to the customer.
  await page.getByTestId('generate-ops').click();
  const source = page.getByTestId('ops-report-source');
  await source.getByTestId('ops-report-kind').getByText('验收报告').click();
  await chooseOption(page, source.getByTestId('ops-report-customer'), CUSTOMER);
  await chooseOption(page, source.getByTestId('ops-report-contract'), CONTRACT);
  await expect(source.getByTestId('ops-acceptance-item')).toHaveCount(9);
  await page.getByTestId('ops-report-next').click();
  const dialog = new GenerateReportDialog(page);
  await expect(dialog.root.getByTestId('generate-number')).toContainText(/-ACC-\d{8}-0001/);
  const number = /FB[0-9A-Z]{5}-ACC-\d{8}-0001/.exec(
    await dialog.root.getByTestId('generate-number').innerText(),
  )![0];
  await dialog.render(false, 120_000);
  await dialog.close();

  // The customer rejects one item, with its reason.
  const row = page.getByRole('row').filter({ hasText: number });
  await expect(row).toHaveCount(1);
  await row.getByTestId('deliverable-reject').click();
  const reject = page.getByRole('dialog').filter({ has: page.getByTestId('acceptance-reject-by') });
  await expect(reject).toBeVisible();
  await expect(reject.getByTestId('acceptance-reject-by')).not.toHaveValue('');
  // Nothing ticked: refused.
  await reject.getByRole('button', { name: '驳回并生成新版本' }).click();
  await expect(page.getByText('请至少勾选一项被驳回的交付物')).toBeVisible();
  const item = reject.getByTestId('acceptance-reject-item').filter({ hasText: '问题清单' });
  await item.getByTestId('acceptance-reject-check').click();
  // Ticked without a reason: refused under the item.
  await reject.getByRole('button', { name: '驳回并生成新版本' }).click();
  await expect(reject.getByText('请写明驳回原因')).toBeVisible();
  await item.getByTestId('acceptance-reject-reason').fill(REASON);
  await page.screenshot({ path: `${SHOTS}/acceptance-reject-zh.png` });
  await reject.getByRole('button', { name: '驳回并生成新版本' }).click();

  // The resubmission: same number, revision 2, rendered and signed by both sides.
  await expect(dialog.root).toBeVisible();
  await expect(dialog.root.getByTestId('generate-number')).toContainText(number);
  await expect(dialog.root.getByTestId('generate-number')).toContainText('第 2 版');
  // Revision 2 goes to the customer in English.
  await dialog.chooseLanguage('en');
  await dialog.render(false, 120_000);
  await dialog.drawSignature('customer', 5);
  await dialog.drawSignature('engineer', 6);
  await dialog.sign();
  await expect(dialog.verification()).toHaveText('签名有效');
  await dialog.export();
  await expect(page.getByText(/已导出到/).last()).toBeVisible();
  await dialog.close();

  // The list: the rejected revision 1 is marked and cannot be signed; revision 2 is signed.
  const rows = page.getByRole('row').filter({ hasText: number });
  await expect(rows).toHaveCount(2);
  const first = rows.filter({ has: page.getByTestId('deliverable-rejected') });
  await expect(first).toHaveCount(1);
  await expect(first.getByTestId('deliverable-revision')).toHaveText('第 1 版');
  await expect(first.getByTestId('deliverable-continue')).toHaveCount(0);
  await expect(first.getByTestId('deliverable-reject')).toHaveCount(0);
  await page.screenshot({ path: `${SHOTS}/acceptance-resubmitted-zh.png`, fullPage: true });

  const files = (await readdir(harness.exportsDir)).filter(
    (f) => f.includes('-ACC-') && f.endsWith('.pdf'),
  );
  expect(files).toHaveLength(1);
  expect(files[0]).toContain('-r2-en');
  const pdf = join(harness.exportsDir, files[0]!);
  const raw = spawnSync('pdftotext', [pdf, '-'], { encoding: 'utf8' }).stdout;
  const text = raw.replace(/\s+/g, ' ');
  expect(text).toContain('Acceptance report');
  expect(text).toContain('Review history');
  expect(text).toMatch(/Revision 1 rejected by \S+ on/);
  expect(text).toContain('This is revision 2, resubmitted to answer the rejections above.');
  expect(text).toContain('the customer confirms the acceptance report online within 7 days');
  // The customer's own words stay as written.
  expect(raw.replace(/\s+/g, '')).toContain(REASON.replace(/\s+/g, ''));
  spawnSync('cp', [pdf, join(SHOTS, 'acceptance-r2-en.pdf')]);
});
