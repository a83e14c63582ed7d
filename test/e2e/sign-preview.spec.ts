/**
 * Signing with the pages in view and without losing work (issue 12 item 2): the sign dialog
 * previews the rendered pages (page by page, zoomable), the draft says 草稿 / DRAFT on every page
 * and has no QR code, reopening the dialog continues the open draft (same number, no orphan), and
 * the drawn signatures survive closing the dialog ("继续签署").
 */
import { spawnSync } from 'node:child_process';
import { readdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { expect as baseExpect, test } from './fixtures';
import { AppShell } from './pages/app-shell';
import { DeliverablesListPage, GenerateReportDialog } from './pages/deliverables';

const expect = baseExpect.configure({ timeout: 60_000 });
const INCIDENT = '专有云 SLB 实例健康检查全部失败，调度门户无法访问';
const SHOTS = process.env['FIELDBOOK_SCREENSHOTS'];

function pageTexts(file: string): string[] {
  const info = spawnSync('pdfinfo', [file], { encoding: 'utf8' }).stdout;
  const pages = Number(/Pages:\s+(\d+)/.exec(info)?.[1] ?? 0);
  const out: string[] = [];
  for (let p = 1; p <= pages; p++) {
    out.push(
      spawnSync('pdftotext', ['-f', String(p), '-l', String(p), file, '-'], { encoding: 'utf8' })
        .stdout,
    );
  }
  return out;
}

test.use({ timezoneId: 'Asia/Shanghai' });

test('preview before signing, DRAFT on every draft page, reopening reuses the draft, signatures kept', async ({
  page,
  harness,
}) => {
  test.setTimeout(480_000);
  const shell = new AppShell(page);
  await shell.openWithSample('张伟');
  await shell.goTo('incidents');
  await page.getByLabel('事件范围').getByText('已关闭', { exact: true }).click();
  await page.getByTestId('incident-row').filter({ hasText: INCIDENT }).click();
  await expect(page.getByTestId('incident-title')).toHaveText(INCIDENT);

  await page.getByTestId('incident-generate-report').click();
  const dialog = new GenerateReportDialog(page);
  const number = dialog.root.getByTestId('generate-number');
  await expect(number).toContainText(/-FLT-\d{8}-0001/);
  const firstNumber = /FB\S+-FLT-\d{8}-\d{4}/.exec((await number.textContent()) ?? '')?.[0];
  // No preview before there is something rendered.
  await expect(dialog.root.getByTestId('pdf-preview')).toHaveCount(0);
  // The first render loads 20 MB of fonts in the worker: slow on a loaded machine.
  const summary = await dialog.render(false, 240_000);
  const pageCount = Number(/^(\d+) 页/.exec(summary)?.[1]);
  expect(pageCount).toBeGreaterThan(2);

  // The pages, one at a time, with the draft mark; zoomable.
  const preview = dialog.root.getByTestId('pdf-preview');
  await expect(preview).toBeVisible();
  await expect(preview.getByTestId('preview-page-indicator')).toHaveText(`第 1 / ${pageCount} 页`);
  const svg = preview.getByTestId('preview-page');
  await expect(svg).toHaveAttribute('data-page', '1');
  await expect(svg).toContainText('荆楚电网有限公司');
  await expect(svg.getByTestId('preview-watermark')).toHaveText('草稿 / DRAFT');
  await expect(preview.getByTestId('preview-prev')).toBeDisabled();
  await preview.getByTestId('preview-next').click();
  await expect(svg).toHaveAttribute('data-page', '2');
  await expect(preview.getByTestId('preview-page-indicator')).toHaveText(`第 2 / ${pageCount} 页`);
  await expect(svg.getByTestId('preview-watermark')).toHaveText('草稿 / DRAFT');
  const width = Number(await svg.getAttribute('width'));
  await preview.getByTestId('preview-zoom-in').click();
  await expect(preview.getByTestId('preview-zoom-level')).toHaveText('125%');
  expect(Number(await svg.getAttribute('width'))).toBeCloseTo(width * 1.25, -1);
  await preview.getByTestId('preview-zoom-out').click();
  await preview.getByTestId('preview-zoom-out').click();
  await expect(preview.getByTestId('preview-zoom-level')).toHaveText('75%');
  await preview.getByTestId('preview-zoom-reset').click();
  // Every page can be reached; the last is the signature page, without a QR code in a draft.
  for (let p = 3; p <= pageCount; p++) await preview.getByTestId('preview-next').click();
  await expect(svg).toHaveAttribute('data-page', String(pageCount));
  await expect(preview.getByTestId('preview-next')).toBeDisabled();
  await expect(svg).toContainText('无核验二维码');
  if (SHOTS) await dialog.root.screenshot({ path: join(SHOTS, 'sign-preview-zh.png') });

  // Signatures drawn, then the dialog closed before signing.
  await dialog.drawSignature('customer', 1);
  await dialog.drawSignature('engineer', 2);
  await dialog.setSigner('customer', '李主任', '运维部主任');
  await expect(dialog.root.getByTestId('generate-sign')).toBeEnabled();
  const signedAtText = await dialog.root.getByTestId('signature-time-customer').textContent();
  await dialog.close();

  // Reopening the dialog from the incident continues that draft: same number, no new draft.
  await page.getByTestId('incident-generate-report').click();
  await expect(number).toContainText(firstNumber!);
  await expect(dialog.root.getByTestId('generate-resumed')).toContainText(firstNumber!);
  await expect(dialog.root.getByTestId('pdf-preview')).toBeVisible();
  await expect(dialog.root.getByTestId('signature-kept-customer')).toBeVisible();
  await expect(dialog.root.getByTestId('signature-name-customer')).toHaveValue('李主任');
  await expect(dialog.root.getByTestId('signature-time-customer')).toHaveText(signedAtText!);
  await expect(dialog.root.getByTestId('generate-sign')).toBeEnabled();
  await dialog.close();

  const list = new DeliverablesListPage(page);
  await list.goto();
  await expect(list.rows()).toHaveCount(1);
  // The draft exports with the mark on every page.
  await list.rows().first().getByTestId('deliverable-export').click();
  await expect(page.getByText(/已导出到/)).toBeVisible();
  const [draftName] = await readdir(harness.exportsDir);
  const draftPages = pageTexts(join(harness.exportsDir, draftName!));
  expect(draftPages).toHaveLength(pageCount);
  for (const text of draftPages) expect(text).toContain('草稿 / DRAFT');

  // "继续签署" brings back both drawn signatures: signing needs no redrawing.
  await list.rows().first().getByTestId('deliverable-continue').click();
  await expect(dialog.root.getByTestId('signature-kept-customer')).toBeVisible();
  await expect(dialog.root.getByTestId('signature-kept-engineer')).toBeVisible();
  await dialog.sign();
  await expect(dialog.verification()).toHaveText('签名有效');
  await dialog.close();
  await expect(list.rows()).toHaveCount(1);
  await expect(list.rows().first().getByTestId('deliverable-status')).toHaveText('已签署');

  // The signed file has neither mark nor missing QR, and names the signer typed before closing.
  // (Same file name as the draft's: remove that first to know the signed one has arrived.)
  await rm(join(harness.exportsDir, draftName!));
  await list.rows().first().getByTestId('deliverable-export').click();
  await expect.poll(async () => (await readdir(harness.exportsDir)).length).toBe(1);
  const [signedName] = await readdir(harness.exportsDir);
  const signedPages = pageTexts(join(harness.exportsDir, signedName!));
  expect(signedPages).toHaveLength(pageCount);
  for (const text of signedPages) expect(text).not.toContain('DRAFT');
  expect(signedPages.join('\n')).toContain('李主任');
  // Kept signatures are forgotten once signed.
  const kept = await page.evaluate(() =>
    Object.keys(localStorage).filter((k) => k.startsWith('fieldbook.keptSignature.')),
  );
  expect(kept).toEqual([]);
});
