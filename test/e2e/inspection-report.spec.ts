/**
 * The inspection report of an inspection run in the UI, end to end: run an S360 inspection of a
 * DCE cluster (a value over its limit, a note, a photo), complete it, generate the report from
 * the inspection's page in Chinese (worker render), draw both signatures, sign digitally in main,
 * export through the (stubbed) save dialog, then check the file with the real tools.
 */
import { spawnSync } from 'node:child_process';
import { mkdir, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { expect as baseExpect, test } from './fixtures';
import { CustomerDetail } from './pages/customers';
import { GenerateReportDialog } from './pages/deliverables';
import { StartInspectionDialog } from './pages/inspections';
import { createCustomerWithSite, startAsEngineer } from './pages/visits-setup';
import { tinyPng } from './pages/visits-png';

const expect = baseExpect.configure({ timeout: 30_000 });
const ROOT = join(import.meta.dirname, '../..');
/** The pages of the exported report as PNGs, for a person to look at. */
const PAGES = join(ROOT, 'test-results/inspection-report-pages');

function run(cmd: string, args: string[]) {
  const r = spawnSync(cmd, args, { encoding: 'utf8', cwd: ROOT });
  if (r.error) throw r.error;
  return { status: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

test.use({ timezoneId: 'Asia/Shanghai' });

test('inspection report of an inspection run in the UI: complete, sign by drawing, export, verify', async ({
  page,
  harness,
}) => {
  test.setTimeout(300_000);
  await mkdir(PAGES, { recursive: true });
  await page.addInitScript(startAsEngineer, '张伟');
  const customer = '江南联合银行股份有限公司';
  const site = '上海张江数据中心';
  await createCustomerWithSite(page, { customer, site, timeZone: 'Asia/Shanghai' });
  const detail = new CustomerDetail(page);
  await detail.addCluster({
    site,
    name: 'prod-core',
    environment: '生产',
    product: 'DCE',
    version: '5.0.3',
    controlPlaneNodes: 1,
    workerNodes: 2,
  });

  await detail.clusterRow('prod-core').getByRole('button', { name: '开始巡检 prod-core' }).click();
  const inspection = await new StartInspectionDialog(page).start();
  // Not completed yet: no report can be made.
  await expect(page.getByTestId('inspection-generate-report')).toHaveCount(0);

  await inspection.choose('apiserver-health', '正常');
  await inspection.choose('coredns', '警告');
  // Over the fail limit (75 %): the result follows from the value.
  await inspection.measure('etcd-db-size', '82');
  await expect(inspection.result('etcd-db-size')).toHaveAttribute('data-result', 'fail');
  await inspection.note('etcd-db-size', '未定期执行碎片整理，DB 持续增长');
  await inspection.attach('etcd-db-size', {
    name: 'etcd-status.png',
    mimeType: 'image/png',
    buffer: tinyPng(240, 160, [30, 120, 200]),
  });
  await inspection.openSection('计算节点');
  await inspection.measure('node-cpu', '35', 'worker-01');
  await expect(inspection.result('node-cpu', 'worker-01')).toHaveAttribute('data-result', 'pass');
  await inspection.openSection('总体评价');
  const evaluation = page.getByTestId('overall-evaluation');
  await evaluation.fill('集群整体运行平稳；etcd 数据库接近配额，需尽快整理。');
  await evaluation.blur();
  await inspection.complete();

  // From the completed inspection's page, in Chinese (the default language).
  await page.getByTestId('inspection-generate-report').click();
  const dialog = new GenerateReportDialog(page);
  await expect(dialog.root).toBeVisible();
  await expect(dialog.root.getByTestId('generate-number')).toContainText(
    /FB[0-9A-Z]{5}-INS-\d{8}-0001 · 第 1 版/,
  );
  const preview = await dialog.render(true);
  expect(preview).toMatch(/^\d+ 页 · \d+ KB$/);
  await dialog.setSigner('customer', '李明', '运维经理');
  await dialog.drawSignature('customer', 1);
  await dialog.drawSignature('engineer', 2);
  await expect(dialog.root.getByTestId('signature-time-customer')).not.toContainText('尚未签名');
  await expect(dialog.root.getByTestId('signature-time-engineer')).not.toContainText('尚未签名');
  await dialog.sign();
  await expect(dialog.verification()).toHaveText('签名有效');
  const sha256 = (await dialog.sha256().textContent())?.trim() ?? '';
  await dialog.export();
  await expect(page.getByText(/已导出到/)).toBeVisible();
  await dialog.close();
  // The inspection lists what was made from it.
  const made = page.getByTestId('source-deliverables');
  await expect(made).toContainText(/FB[0-9A-Z]{5}-INS-\d{8}-0001/);
  await expect(made).toContainText('已签署');
  await page.screenshot({ path: join(PAGES, 'inspection-page-zh.png'), fullPage: true });

  const files = await readdir(harness.exportsDir);
  expect(files).toHaveLength(1);
  expect(files[0]).toMatch(/^FB[0-9A-Z]{5}-INS-\d{8}-0001-r1-zh\.pdf$/);
  const exported = join(harness.exportsDir, files[0]!);
  expect(run('sha256sum', [exported]).stdout.split(' ')[0]).toBe(sha256);

  const sig = run('pdfsig', [exported]);
  expect(sig.stdout).toMatch(/Signature Validation: Signature is Valid/);
  expect(sig.stdout).toMatch(/Total document signed/);
  const text = run('pdftotext', ['-layout', exported, '-']).stdout;
  // The real inspection, not sample data: this customer, site and cluster.
  expect(text).toContain(customer);
  expect(text).toContain(site);
  expect(text).toContain('prod-core');
  for (const section of ['整体信息', '管理节点', '计算节点', '应用状态', '总体评价']) {
    expect(text).toContain(section);
  }
  // The finding of the value over its limit, with the measured value and the note.
  expect(text).toContain('etcd 数据库占配额比例');
  expect(text).toMatch(/82\s*%/);
  expect(text).toContain('未定期执行碎片整理');
  expect(text).toContain('集群整体运行平稳');
  expect(text).toContain('李明');
  expect(text).toContain('张伟');
  // The cover names who signed for the customer, as the signature page does.
  const cover = run('pdftotext', ['-layout', '-f', '1', '-l', '1', exported, '-']).stdout;
  expect(cover).toMatch(/客户代表\s+李明 · 运维经理/);
  // The photo evidence is in the report (besides the two drawn signatures).
  const images = run('pdfimages', ['-list', exported]).stdout;
  expect(images).toMatch(/^\s*\d+\s+\d+\s+image\s+240\s+160\b/m);
  const verify = run('node', ['bin/fieldbook.mjs', 'verify', exported]);
  expect(verify.status, verify.stderr).toBe(0);
  expect(JSON.parse(verify.stdout)).toMatchObject({ valid: true });

  expect(run('pdftoppm', ['-png', '-r', '70', exported, join(PAGES, 'zh')]).status).toBe(0);
});
