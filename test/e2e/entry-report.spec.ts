/**
 * 运维进场报告 in the app (issue 11 item 2): generated from a contract, signed by both sides; its
 * dates then become the service period the contract's other reports use — the ops service report
 * generated next states them. A period outside the contract is refused with a specific message
 * and nothing is generated. The exported PDFs are checked with pdfsig and pdftotext.
 */
import { spawnSync } from 'node:child_process';
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { DateTime } from 'luxon';
import { expect as baseExpect, test } from './fixtures';
import { AppShell } from './pages/app-shell';
import { GenerateReportDialog } from './pages/deliverables';
import { chooseOption, typeDate } from './pages/visits-antd';

const expect = baseExpect.configure({ timeout: 30_000 });
const CUSTOMER = '荆楚电网有限公司';
const CONTRACT = 'OPS-JC-2025-003';
const ZONE = 'Asia/Shanghai';

const flat = (text: string) => text.replace(/\s+/g, '');

function run(cmd: string, args: string[]) {
  const r = spawnSync(cmd, args, { encoding: 'utf8' });
  if (r.error) throw r.error;
  return { status: r.status ?? -1, stdout: r.stdout };
}

async function exportedPdf(dir: string, code: string): Promise<string> {
  const files = (await readdir(dir)).filter((f) => f.includes(`-${code}-`) && f.endsWith('.pdf'));
  expect(files).toHaveLength(1);
  return join(dir, files[0]!);
}

test.use({ timezoneId: ZONE, actionTimeout: 30_000 });

test('an entry report signed by both sides fixes the service period the ops service report states', async ({
  page,
  harness,
}) => {
  test.setTimeout(480_000);
  const shell = new AppShell(page);
  await shell.openWithSample('张伟');
  // The sample contract runs from 530 days ago to 200 days ahead (site dates).
  const today = DateTime.now().setZone(ZONE).startOf('day');
  const start = today.minus({ days: 20 }).toISODate()!;
  const end = today.plus({ days: 150 }).toISODate()!;
  const tooLate = today.plus({ days: 400 }).toISODate()!;

  await page.goto('/#/deliverables');
  await page.getByTestId('generate-ops').click();
  const source = page.getByTestId('ops-report-source');
  await expect(source).toBeVisible();
  await source.getByTestId('ops-report-kind').getByText('运维进场报告').click();
  await chooseOption(page, source.getByTestId('ops-report-customer'), CUSTOMER);
  await chooseOption(page, source.getByTestId('ops-report-contract'), CONTRACT);
  await source.getByLabel('运维范围（每行一项）').fill('武汉光谷调度云平台\n块存储与对象存储');
  await source.getByLabel('客户提供的访问与授权（每行一项）').fill('电力专网 VPN 账号\n机房门禁卡');

  // A service end after the contract's end: refused, said in words, nothing generated.
  await typeDate(source.getByTestId('ops-entry-start'), start, 'cell');
  await typeDate(source.getByTestId('ops-entry-end'), tooLate, 'cell');
  await page.getByTestId('ops-report-next').click();
  await expect(page.getByTestId('ops-report-error')).toBeVisible();
  await expect(page.getByTestId('ops-report-error')).toContainText(CONTRACT);
  const dialog = new GenerateReportDialog(page);
  await expect(dialog.root).toHaveCount(0);

  // Within the contract: generated, signed by the customer and the engineer.
  await typeDate(source.getByTestId('ops-entry-end'), end, 'cell');
  await page.getByTestId('ops-report-next').click();
  await expect(dialog.root).toBeVisible();
  await expect(dialog.root.getByTestId('generate-number')).toContainText(/-ENT-\d{8}-0001/);
  await dialog.render(false, 120_000);
  await dialog.drawSignature('customer', 5);
  await dialog.drawSignature('engineer', 6);
  await dialog.sign();
  await expect(dialog.verification()).toHaveText('签名有效');
  await dialog.export();
  await expect(page.getByText(/已导出到/)).toBeVisible();
  await dialog.close();
  const entryPdf = await exportedPdf(harness.exportsDir, 'ENT');
  expect(run('pdfsig', [entryPdf]).stdout).toMatch(/Signature is Valid/);
  const entryText = flat(run('pdftotext', [entryPdf, '-']).stdout);
  expect(entryText).toContain('运维进场报告');
  expect(entryText).toContain(CONTRACT);
  expect(entryText).toContain(start);
  expect(entryText).toContain(end);
  expect(entryText).toContain('块存储与对象存储');
  expect(entryText).toContain('机房门禁卡');

  // The contract's ops service report: its service period is the one the entry report fixed.
  await page.getByTestId('generate-ops').click();
  await expect(source).toBeVisible();
  await source.getByTestId('ops-report-kind').getByText('运维服务报告').click();
  await chooseOption(page, source.getByTestId('ops-report-customer'), CUSTOMER);
  await chooseOption(page, source.getByTestId('ops-report-contract'), CONTRACT);
  await chooseOption(page, source.getByTestId('ops-report-period'), '—');
  await page.getByTestId('ops-report-next').click();
  await expect(dialog.root.getByTestId('generate-number')).toContainText(/-OPS-\d{8}-0001/);
  await dialog.render(false, 120_000);
  await dialog.drawSignature('customer', 7);
  await dialog.drawSignature('engineer', 8);
  await dialog.sign();
  await dialog.export();
  await expect(page.getByText(/已导出到/).last()).toBeVisible();
  await dialog.close();
  const opsText = flat(
    run('pdftotext', [await exportedPdf(harness.exportsDir, 'OPS'), '-']).stdout,
  );
  expect(opsText).toContain(`服务期${start}—${end}`);
});
