/**
 * A fault report from the sample workspace's incident, end to end: generate in the UI (worker
 * render), draw both signatures with mouse strokes, sign digitally in main, export through the
 * (stubbed) save dialog, then check the exported file with the real tools a customer would use.
 */
import { spawnSync } from 'node:child_process';
import { mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect as baseExpect, test } from './fixtures';
import { AppShell } from './pages/app-shell';
import { DeliverablesListPage, GenerateReportDialog } from './pages/deliverables';

const expect = baseExpect.configure({ timeout: 30_000 });
const ROOT = join(import.meta.dirname, '../..');
const SHOTS = process.env['FIELDBOOK_SCREENSHOTS'];
const INCIDENT = '专有云 SLB 实例健康检查全部失败，调度门户无法访问';
const CUSTOMER = '荆楚电网有限公司';

function run(cmd: string, args: string[]) {
  const r = spawnSync(cmd, args, { encoding: 'utf8', cwd: ROOT });
  if (r.error) throw r.error;
  return { status: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

test.use({ timezoneId: 'Asia/Shanghai' });

test('fault report from an incident: sign by drawing, export, verify with pdfsig, pdftotext and fieldbook verify', async ({
  page,
  harness,
}) => {
  test.setTimeout(240_000);
  const shell = new AppShell(page);
  await shell.openWithSample('张伟');

  await shell.goTo('incidents');
  // The incident is closed: the list shows active ones by default.
  await page.getByLabel('事件范围').getByText('已关闭', { exact: true }).click();
  await page.getByTestId('incident-row').filter({ hasText: INCIDENT }).click();
  await expect(page.getByTestId('incident-title')).toHaveText(INCIDENT);

  await page.getByTestId('incident-generate-report').click();
  const dialog = new GenerateReportDialog(page);
  await expect(dialog.root).toBeVisible();
  await expect(dialog.root.getByTestId('generate-number')).toContainText(
    /FB[0-9A-Z]{5}-FLT-\d{8}-0001/,
  );
  const preview = await dialog.render(true);
  expect(preview).toMatch(/^\d+ 页 · \d+ KB$/);
  // The draft is recorded before anyone signs.
  await dialog.drawSignature('customer', 1);
  await dialog.drawSignature('engineer', 2);
  await expect(dialog.root.getByTestId('signature-time-customer')).not.toContainText('尚未签名');
  if (SHOTS) await dialog.root.screenshot({ path: join(SHOTS, 'generate-signatures-zh.png') });
  await dialog.sign();
  await expect(dialog.verification()).toHaveText('签名有效');
  const sha256 = (await dialog.sha256().textContent())?.trim() ?? '';
  expect(sha256).toMatch(/^[0-9a-f]{64}$/);
  if (SHOTS) await dialog.root.screenshot({ path: join(SHOTS, 'generate-signed-zh.png') });

  await dialog.export();
  await expect(page.getByText(/已导出到/)).toBeVisible();
  await dialog.open();
  await expect.poll(() => harness.openedPaths.length).toBe(1);
  const files = await readdir(harness.exportsDir);
  expect(files).toHaveLength(1);
  const exported = join(harness.exportsDir, files[0]!);
  expect(harness.openedPaths[0]).toBe(exported);
  expect(files[0]).toMatch(/^FB[0-9A-Z]{5}-FLT-\d{8}-0001-r1-zh\.pdf$/);
  await dialog.close();
  // The incident lists what was made from it.
  await expect(page.getByTestId('source-deliverables')).toContainText('已签署');
  if (SHOTS) await page.screenshot({ path: join(SHOTS, 'incident-detail-zh.png'), fullPage: true });

  // The exported file is the recorded one, and the real tools accept it.
  const bytes = await readFile(exported);
  expect(run('sha256sum', [exported]).stdout.split(' ')[0]).toBe(sha256);
  const sig = run('pdfsig', [exported]);
  expect(sig.stdout).toMatch(/Signature Validation: Signature is Valid/);
  expect(sig.stdout).toMatch(/Total document signed/);
  const text = run('pdftotext', ['-layout', exported, '-']).stdout;
  expect(text).toContain(CUSTOMER);
  expect(text).toContain('张伟');
  // The two drawn signatures are the images of the signature page (the last one), at the pad's
  // resolution.
  const pages = Number(/Pages:\s+(\d+)/.exec(run('pdfinfo', [exported]).stdout)?.[1]);
  const images = run('pdfimages', ['-list', '-f', String(pages), '-l', String(pages), exported])
    .stdout.split('\n')
    .slice(2)
    .filter((l) => /^\s*\d+\s+\d+\s+image\s+720\s+240\b/.test(l));
  expect(images).toHaveLength(2);
  const verify = run('node', ['bin/fieldbook.mjs', 'verify', exported]);
  expect(verify.status, verify.stderr).toBe(0);
  expect(JSON.parse(verify.stdout)).toMatchObject({ valid: true });

  const scratch = await mkdtemp(join(tmpdir(), 'fieldbook-e2e-flip-'));
  try {
    const flipped = Buffer.from(bytes);
    const at = Math.floor(flipped.length / 2);
    flipped[at] = flipped[at]! ^ 0x01;
    const flippedFile = join(scratch, 'flipped.pdf');
    await writeFile(flippedFile, flipped);
    expect(run('node', ['bin/fieldbook.mjs', 'verify', flippedFile]).status).toBe(1);
    expect(run('pdfsig', [flippedFile]).stdout).not.toMatch(/Signature is Valid/);
    if (SHOTS) {
      // Pages as images for a person to look at (signature page last).
      run('pdftoppm', ['-png', '-r', '60', exported, join(SHOTS, 'fault-zh')]);
    }
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }

  // The list shows it signed, with its revision history; a new revision starts at revision 2.
  const list = new DeliverablesListPage(page);
  await list.goto();
  await expect(list.rows()).toHaveCount(1);
  const row = list.rows().first();
  await expect(row.getByTestId('deliverable-status')).toHaveText('已签署');
  await row.locator('.ant-table-row-expand-icon').click();
  await expect(page.getByTestId('deliverable-revisions')).toContainText('第 1 版');
  if (SHOTS)
    await page.screenshot({ path: join(SHOTS, 'deliverables-list-zh.png'), fullPage: true });

  // Stored as the signed deliverable, with both handwritten signatures as PNG blobs.
  await row.getByTestId('deliverable-new-revision').click();
  await expect(dialog.root.getByTestId('generate-number')).toContainText('第 2 版');
  await dialog.chooseLanguage('en');
  await dialog.render();
  await dialog.close();
  await expect(list.rows()).toHaveCount(2);
  const draft = list
    .rows()
    .filter({ has: page.getByTestId('deliverable-status').getByText('草稿') });
  await expect(draft.getByTestId('deliverable-revision')).toHaveText('第 2 版');
  await expect(list.rows().filter({ hasText: '已被新版本取代' })).toHaveCount(1);
  // The English draft exports too (unsigned: fieldbook verify refuses it).
  await draft.getByTestId('deliverable-export').click();
  const enFile = join(harness.exportsDir, files[0]!.replace('-r1-zh.pdf', '-r2-en.pdf'));
  // The message appears once the file is in place (written atomically: rename at the end).
  await expect(page.getByText(`已导出到 ${enFile}`)).toBeVisible();
  const enText = run('pdftotext', ['-layout', enFile, '-']).stdout;
  expect(enText).toContain('Fault report');
  expect(enText).toContain(CUSTOMER);
  expect(run('node', ['bin/fieldbook.mjs', 'verify', enFile]).status).toBe(1);
  if (SHOTS) {
    run('pdftoppm', ['-png', '-r', '60', enFile, join(SHOTS, 'fault-en-r2')]);
    await page.screenshot({ path: join(SHOTS, 'deliverables-list-r2-zh.png'), fullPage: true });
  }
});

test('inspection report of the sample workspace’s completed inspection, chosen on the deliverables page in the English UI: render, sign, export', async ({
  page,
  harness,
}) => {
  test.setTimeout(240_000);
  const shell = new AppShell(page);
  await shell.openWithSample('王芳');
  await shell.switchLanguage('en');
  await shell.goTo('deliverables', 'en');
  const list = new DeliverablesListPage(page);
  await expect(shell.pageTitle).toHaveText('Deliverables');
  await expect(list.rows()).toHaveCount(0);

  await page.getByTestId('generate-inspection').click();
  const source = page.getByRole('dialog').filter({ hasText: 'Generate inspection report' });
  // The grid has no completed inspection: nothing to make a report from.
  await source.getByTestId('inspection-customer').click();
  await page.locator('.ant-select-item-option').filter({ hasText: '荆楚电网有限公司' }).click();
  await source.getByTestId('inspection-source').click();
  await expect(page.getByText('This customer has no completed inspection')).toBeVisible();
  await source.getByTestId('inspection-customer').click();
  await page.locator('.ant-select-item-option').filter({ hasText: '钱塘银行股份有限公司' }).click();
  await source.getByTestId('inspection-source').click();
  const options = page.locator(
    '.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option',
  );
  await expect(options).toHaveCount(1);
  await expect(options.first()).toContainText('DCE proactive inspection (S360) · 杭州滨江数据中心');
  await options.first().click();
  if (SHOTS) await source.screenshot({ path: join(SHOTS, 'inspection-source-en.png') });
  await source.getByRole('button', { name: 'OK' }).click();

  const dialog = new GenerateReportDialog(page);
  await expect(dialog.root.getByTestId('generate-number')).toContainText(
    /FB[0-9A-Z]{5}-INS-\d{8}-0001/,
  );
  await dialog.chooseLanguage('en');
  const preview = await dialog.render();
  expect(preview).toMatch(/^\d+ pages · \d+ KB$/);
  // Choosing another language after rendering blocks signing until the PDF is rendered again.
  await dialog.chooseLanguage('zh');
  await expect(dialog.root.getByTestId('generate-rerender-first')).toBeVisible();
  await expect(dialog.root.getByTestId('generate-sign')).toBeDisabled();
  await dialog.chooseLanguage('en');
  await expect(dialog.root.getByTestId('generate-rerender-first')).toHaveCount(0);
  // A finger on the customer's side, a pen (pressure-sensitive) on the engineer's.
  await dialog.drawWithPointer('customer', 'touch');
  await dialog.drawWithPointer('engineer', 'pen');
  await expect(dialog.root.getByTestId('signature-time-engineer')).not.toContainText('Not signed');
  await dialog.sign();
  await expect(dialog.verification()).toHaveText('signature valid');
  if (SHOTS) await dialog.root.screenshot({ path: join(SHOTS, 'generate-signed-en.png') });
  await dialog.export();
  await expect(page.getByText(/Exported to .*\.pdf/)).toBeVisible();
  await dialog.close();

  const [name] = await readdir(harness.exportsDir);
  expect(name).toMatch(/^FB[0-9A-Z]{5}-INS-\d{8}-0001-r1-en\.pdf$/);
  const file = join(harness.exportsDir, name!);
  expect(run('pdfsig', [file]).stdout).toMatch(/Signature is Valid/);
  const text = run('pdftotext', ['-layout', file, '-']).stdout;
  expect(text).toContain('Inspection report');
  expect(text).toContain('钱塘银行股份有限公司');
  expect(text).toContain('杭州滨江数据中心');
  // The inspection's own cluster, nodes and evaluation, not the sample snapshot's.
  expect(text).toContain('hz-prod-01');
  expect(text).toContain('hz-prod-w24');
  expect(text).toContain('王芳');
  expect(run('node', ['bin/fieldbook.mjs', 'verify', file]).status).toBe(0);
  await expect(list.rows()).toHaveCount(1);
  await expect(list.rows().first().getByTestId('deliverable-status')).toHaveText('Signed');
  if (SHOTS) {
    run('pdftoppm', ['-png', '-r', '60', file, join(SHOTS, 'inspection-en')]);
    await page.screenshot({ path: join(SHOTS, 'deliverables-list-en.png'), fullPage: true });
  }
});
