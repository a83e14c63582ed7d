/**
 * The ops package's loop in the app (issue 11): record an event, raise an issue from it, make a
 * change from the issue in the ops lists; export the lists to a spreadsheet; generate and sign the
 * weekly ops service report of the 7x24 contract from the stored records (the UI thread's longest
 * stall measured while the worker renders it); then the acceptance report of the same contract,
 * which finds the signed service report as the delivered lists. The exported PDFs are checked
 * with pdfsig and pdftotext, the workbook with exceljs.
 */
import { spawnSync } from 'node:child_process';
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import type { Page } from '@playwright/test';
import { expect as baseExpect, test } from './fixtures';
import { AppShell } from './pages/app-shell';
import { GenerateReportDialog } from './pages/deliverables';
import { chooseOption } from './pages/visits-antd';

const expect = baseExpect.configure({ timeout: 30_000 });
const SHOTS = process.env['FIELDBOOK_SCREENSHOTS'];
const CUSTOMER = '荆楚电网有限公司';
const CONTRACT = 'OPS-JC-2025-003';
const EVENT = '云盘 IOPS 告警风暴（e2e）';
const ISSUE = '块存储集群慢盘导致 IOPS 抖动（e2e）';
const CHANGE = '更换块存储慢盘并调整队列深度（e2e）';

const flat = (text: string) => text.replace(/\s+/g, '');

function run(cmd: string, args: string[]) {
  const r = spawnSync(cmd, args, { encoding: 'utf8' });
  if (r.error) throw r.error;
  return { status: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

test.use({ timezoneId: 'Asia/Shanghai', actionTimeout: 30_000 });

async function newRecord(
  page: Page,
  kind: string,
  title: string,
  fill: () => Promise<void>,
  link?: { relation: string; target: string },
) {
  await page.getByTestId('ops-new').click();
  const form = recordForm(page);
  await expect(form).toBeVisible();
  await chooseOption(page, form.getByTestId('ops-form-kind'), kind);
  await chooseOption(page, form.getByTestId('ops-form-customer'), CUSTOMER);
  await form.getByTestId('ops-form-title').fill(title);
  await fill();
  if (link !== undefined) {
    await form.getByTestId('ops-link-add').click();
    await chooseOption(page, form.getByTestId('ops-link-relation').last(), link.relation);
    await chooseOption(page, form.getByTestId('ops-link-target').last(), link.target);
  }
  await page
    .getByRole('dialog')
    .getByRole('button', { name: /保\s*存/ })
    .click();
  await expect(form).toHaveCount(0);
  await expect(page.getByTestId('ops-row').filter({ hasText: title })).toHaveCount(1);
}

/** The create/edit dialog of an ops record (antd puts the test id on its hidden root). */
function recordForm(page: Page) {
  return page.getByRole('dialog').filter({ has: page.getByTestId('ops-form-title') });
}

/** The longest main-thread task (ms) seen between `start` and `stop`. */
async function startStallWatch(page: Page) {
  await page.evaluate(() => {
    const w = window as unknown as { __longest: number; __observer?: PerformanceObserver };
    w.__longest = 0;
    w.__observer = new PerformanceObserver((list) => {
      for (const e of list.getEntries()) w.__longest = Math.max(w.__longest, e.duration);
    });
    w.__observer.observe({ type: 'longtask', buffered: false });
  });
  return async () =>
    page.evaluate(() => {
      const w = window as unknown as { __longest: number; __observer?: PerformanceObserver };
      w.__observer?.disconnect();
      return w.__longest;
    });
}

async function exportedPdf(dir: string, code: string): Promise<string> {
  const files = (await readdir(dir)).filter((f) => f.includes(`-${code}-`) && f.endsWith('.pdf'));
  expect(files).toHaveLength(1);
  return join(dir, files[0]!);
}

test('ops lists, the weekly ops service report and the acceptance report, generated and signed in the app', async ({
  page,
  harness,
}) => {
  test.setTimeout(600_000);
  const shell = new AppShell(page);
  await shell.openWithSample('张伟');

  // 1. The ops lists: an event raises an issue, the issue leads to a change.
  await page.goto('/#/ops');
  await expect(page.getByTestId('ops-row').first()).toBeVisible();
  await newRecord(page, '事件', EVENT, async () => {
    await page.getByTestId('ops-field-alertSource').fill('云监控 CMS');
  });
  await newRecord(
    page,
    '问题',
    ISSUE,
    async () => {
      await chooseOption(page, page.getByTestId('ops-field-severity'), 'P2');
    },
    { relation: '引发自', target: EVENT },
  );
  await newRecord(
    page,
    '变更',
    CHANGE,
    async () => {
      await chooseOption(page, page.getByTestId('ops-field-changeType'), '紧急变更');
      await page.getByTestId('ops-field-rollbackPlan').fill('恢复原盘并回退队列参数');
    },
    { relation: '起因于', target: ISSUE },
  );
  // A change without its rollback plan is refused, and nothing is saved.
  await page.getByTestId('ops-new').click();
  const form = recordForm(page);
  await chooseOption(page, form.getByTestId('ops-form-kind'), '变更');
  await chooseOption(page, form.getByTestId('ops-form-customer'), CUSTOMER);
  await form.getByTestId('ops-form-title').fill('缺少回退方案的变更');
  await page
    .getByRole('dialog')
    .getByRole('button', { name: /保\s*存/ })
    .click();
  await expect(form.getByText('必填').first()).toBeVisible();
  await page
    .getByRole('dialog')
    .getByRole('button', { name: /取\s*消/ })
    .click();
  await page.getByRole('button', { name: '放弃修改' }).click();
  await expect(form).toHaveCount(0);
  await expect(page.getByTestId('ops-row').filter({ hasText: '缺少回退方案' })).toHaveCount(0);

  // Filters: kind and customer.
  await chooseOption(page, page.getByTestId('ops-filter-customer'), CUSTOMER);
  await chooseOption(page, page.getByTestId('ops-filter-kind'), '变更');
  const changeRow = page.getByTestId('ops-row').filter({ hasText: CHANGE });
  await expect(changeRow).toHaveCount(1);
  await expect(changeRow.getByTestId('ops-row-link')).toContainText('起因于 ISS-');
  await expect(page.getByTestId('ops-row').filter({ hasText: EVENT })).toHaveCount(0);
  // Editing keeps the record's history: approve the change.
  await changeRow.getByTestId('ops-row-title').click();
  await chooseOption(page, page.getByTestId('ops-form-state'), '已批准');
  await page
    .getByRole('dialog')
    .getByRole('button', { name: /保\s*存/ })
    .click();
  await expect(changeRow.getByTestId('ops-row-state')).toHaveText('已批准');
  await page.getByTestId('ops-filter-kind').locator('.ant-select-clear').click({ force: true });
  if (SHOTS) await page.screenshot({ path: join(SHOTS, 'ops-lists-zh.png'), fullPage: true });

  // 2. Spreadsheet export of what is shown (the customer's records, one sheet per kind).
  await page.getByTestId('ops-export').click();
  await expect(page.getByText(/已导出 \d+ 条记录到/)).toBeVisible();
  const xlsx = (await readdir(harness.exportsDir)).find((f) => f.endsWith('.xlsx'));
  expect(xlsx).toBeDefined();
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(join(harness.exportsDir, xlsx!));
  const names = wb.worksheets.map((w) => w.name);
  expect(names).toEqual(expect.arrayContaining(['事件', '问题', '变更']));
  const changes = wb.getWorksheet('变更')!;
  const changeTitles = changes.getColumn(2).values.map(String);
  expect(changeTitles).toContain(CHANGE);
  expect(changes.getRow(1).values).toEqual(expect.arrayContaining(['回退方案', '变更类型']));

  await shell.switchLanguage('en');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Ops lists');
  if (SHOTS) await page.screenshot({ path: join(SHOTS, 'ops-lists-en.png'), fullPage: true });
  await shell.switchLanguage('zh');

  // 3. The weekly ops service report of the 7x24 contract, from the stored records.
  await page.goto('/#/deliverables');
  await page.getByTestId('generate-ops').click();
  const source = page.getByTestId('ops-report-source');
  await expect(source).toBeVisible();
  await chooseOption(page, source.getByTestId('ops-report-customer'), CUSTOMER);
  await chooseOption(page, source.getByTestId('ops-report-contract'), CONTRACT);
  await chooseOption(page, source.getByTestId('ops-report-period'), '—');
  await source.getByTestId('ops-report-service-plan').fill('本周完成每日巡检与慢盘更换变更。');
  await source.getByTestId('ops-cost-add').click();
  await source.getByTestId('ops-cost-name').fill('驻场人天');
  await source.getByTestId('ops-cost-amount').fill('12000');
  await source.getByTestId('ops-cost-analysis').fill('本周费用在预算内。');
  if (SHOTS) await page.getByRole('dialog').screenshot({ path: join(SHOTS, 'ops-source-zh.png') });
  await page.getByTestId('ops-report-next').click();
  const dialog = new GenerateReportDialog(page);
  await expect(dialog.root).toBeVisible();
  await expect(dialog.root.getByTestId('generate-number')).toContainText(/-OPS-\d{8}-0001/);
  const stop = await startStallWatch(page);
  await dialog.render(true, 120_000);
  const stallMs = await stop();
  // Again, with the fonts loaded (the worker's and the preview's): the steady state.
  const stopAgain = await startStallWatch(page);
  await dialog.root.getByTestId('generate-render').click();
  await expect(dialog.root.getByTestId('generate-progress')).toHaveCount(0, { timeout: 120_000 });
  const againMs = await stopAgain();
  console.log(
    `ops service report: longest UI-thread task while generating ${stallMs.toFixed(0)} ms (first, fonts loading), ${againMs.toFixed(0)} ms (again)`,
  );
  await dialog.drawSignature('customer', 1);
  await dialog.drawSignature('engineer', 2);
  await dialog.sign();
  await expect(dialog.verification()).toHaveText('签名有效');
  await dialog.export();
  await expect(page.getByText(/已导出到/)).toBeVisible();
  await dialog.close();
  const opsPdf = await exportedPdf(harness.exportsDir, 'OPS');
  if (SHOTS) run('cp', [opsPdf, join(SHOTS, 'ops-report.pdf')]);
  const sig = run('pdfsig', [opsPdf]);
  expect(sig.stdout).toMatch(/Signature is Valid/);
  expect(sig.stdout).toMatch(/Total document signed/);
  // Table cells wrap: compare without white space.
  const opsText = flat(run('pdftotext', [opsPdf, '-']).stdout);
  expect(opsText).toContain('运维服务报告');
  expect(opsText).toContain(CUSTOMER);
  expect(opsText).toContain(CONTRACT);
  // pdftotext reads the change's title between its neighbour cells: without the suffix.
  for (const title of [EVENT, ISSUE, CHANGE]) {
    expect(opsText).toContain(flat(title.replace('（e2e）', '')));
  }
  expect(opsText).toContain('驻场人天');

  // 4. The acceptance report of the contract: the signed service report delivers the lists.
  await page.getByTestId('generate-ops').click();
  await source.getByTestId('ops-report-kind').getByText('验收报告').click();
  await chooseOption(page, source.getByTestId('ops-report-customer'), CUSTOMER);
  await chooseOption(page, source.getByTestId('ops-report-contract'), CONTRACT);
  const items = source.getByTestId('ops-acceptance-item');
  await expect(items).toHaveCount(9);
  await expect(items.filter({ hasText: '问题清单' })).toContainText(/-OPS-\d{8}-0001/);
  await items
    .filter({ hasText: '备份报告' })
    .getByTestId('ops-waive-reason')
    .fill('客户自建备份平台，本合同不提供备份报告');
  if (SHOTS)
    await page.getByRole('dialog').screenshot({ path: join(SHOTS, 'acceptance-source-zh.png') });
  await page.getByTestId('ops-report-next').click();
  await expect(dialog.root.getByTestId('generate-number')).toContainText(/-ACC-\d{8}-0001/);
  await dialog.render(false, 120_000);
  await dialog.drawSignature('customer', 3);
  await dialog.drawSignature('engineer', 4);
  await dialog.sign();
  await expect(dialog.verification()).toHaveText('签名有效');
  await dialog.export();
  await expect(page.getByText(/已导出到/).last()).toBeVisible();
  await dialog.close();
  const accPdf = await exportedPdf(harness.exportsDir, 'ACC');
  if (SHOTS) run('cp', [accPdf, join(SHOTS, 'acceptance-report.pdf')]);
  expect(run('pdfsig', [accPdf]).stdout).toMatch(/Signature is Valid/);
  const accText = flat(run('pdftotext', [accPdf, '-']).stdout);
  expect(accText).toContain('验收报告');
  expect(accText).toContain('客户自建备份平台');
  expect(accText).toMatch(/FB[0-9A-Z]{5}-OPS-\d{8}-0001/);
  if (SHOTS)
    await page.screenshot({ path: join(SHOTS, 'deliverables-ops-zh.png'), fullPage: true });
});
