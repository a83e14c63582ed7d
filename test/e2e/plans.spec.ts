/**
 * Deployment planning end to end: open the plan of a cluster, fill the forms, paste networks,
 * VIPs, 10 machines and 10 NICs from a spreadsheet into the grid, see the duplicate IP flagged on
 * the very cell, fix it with the keyboard, compare with pasted kubectl output, mark the plan
 * ready, then make, sign and export the planning document (规划文档) and check it with pdfsig.
 */
import { spawnSync } from 'node:child_process';
import { mkdir, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { expect as baseExpect, test } from './fixtures';
import { AppShell } from './pages/app-shell';
import { CustomerDetail, CustomersPage } from './pages/customers';
import { GenerateReportDialog } from './pages/deliverables';

const expect = baseExpect.configure({ timeout: 30_000 });
const SHOTS = process.env['FIELDBOOK_SCREENSHOTS'];

/** What Excel puts on the clipboard: tab-separated cells, CRLF rows. */
function tsv(rows: string[][]): string {
  return rows.map((r) => r.join('\t')).join('\r\n') + '\r\n';
}

async function pasteInto(page: Page, testId: string, text: string): Promise<void> {
  const grid = page.getByTestId(testId);
  await grid.focus();
  await grid.evaluate((el, data) => {
    const transfer = new DataTransfer();
    transfer.setData('text/plain', data);
    el.dispatchEvent(
      new ClipboardEvent('paste', { clipboardData: transfer, bubbles: true, cancelable: true }),
    );
  }, text);
}

const MACHINES = [
  ['dce-bootstrap', 'bootstrap, registry', '4', '8', '/:300:ssd'],
  ['dce-master-01', 'control-plane, etcd', '16', '32', '/:200:ssd; :500:ssd'],
  ['dce-master-02', 'control-plane, etcd', '16', '32', '/:200:ssd; :500:ssd'],
  ['dce-master-03', 'control-plane, etcd', '16', '32', '/:200:ssd; :500:ssd'],
  ...[1, 2, 3, 4, 5, 6].map((i) => [
    `dce-worker-0${i}`,
    'worker',
    '16',
    '64',
    '/:200:ssd; :1000:ssd',
  ]),
];
const ADDRESS = [20, 21, 22, 23, 31, 32, 33, 34, 35, 31]; // the last one repeats worker-01's
const NICS = MACHINES.map((m, i) => [m[0]!, 'eth0', 'mgmt', `10.20.30.${ADDRESS[i]}`, '1500']);

test.use({ timezoneId: 'Asia/Shanghai' });

test('a plan built in the grid: paste, duplicate IP on its cell, fix, planning document signed', async ({
  page,
  harness,
}) => {
  test.setTimeout(580_000);
  page.on('console', (m) => {
    if (m.type() === 'error') console.log('console error:', m.text());
  });
  page.on('pageerror', (e) => console.log('page error:', e.message));
  const shell = new AppShell(page);
  await shell.openWithSample('张伟');
  // Waits of this file (30 s), not the page object's: the machine running this may be loaded.
  const customers = new CustomersPage(page);
  await customers.row('钱塘银行股份有限公司').getByRole('link').click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('钱塘银行股份有限公司');
  const detail = new CustomerDetail(page);
  await detail.tab('集群/环境');
  await detail.clusterRow('hz-prod-01 生产集群').getByTestId('cluster-plan').click();
  const editor = page.getByTestId('plan-editor');
  await expect(editor).toBeVisible();
  await expect(page.getByTestId('plan-product')).toHaveValue('DCE');

  // An empty plan is not ready: errors block it.
  await expect(page.getByTestId('plan-mark-ready')).toBeDisabled();

  for (const [id, value] of [
    ['plan-pod-cidr', '10.233.64.0/18'],
    ['plan-service-cidr', '10.233.0.0/18'],
    ['plan-ntp', '10.20.0.123, 10.20.0.124'],
    ['plan-dns', '10.20.0.53'],
    ['plan-os-release', 'Rocky Linux 9.2'],
    ['plan-os-kernel', '5.14.0-284.11.1.el9_2.x86_64'],
  ] as const) {
    await page.getByTestId(id).fill(value);
    await page.getByTestId(id).press('Enter');
  }

  await page.getByTestId('plan-tab-networks').click();
  await pasteInto(
    page,
    'plan-grid-networks',
    tsv([
      ['名称', '网段（CIDR）', '网关', 'VLAN', 'MTU'],
      ['mgmt', '10.20.30.0/24', '10.20.30.1', '130', '1500'],
    ]),
  );
  await expect(page.locator('[data-cell="networks:0:cidr"]')).toHaveText('10.20.30.0/24');
  await page.getByTestId('plan-tab-vips').click();
  await pasteInto(
    page,
    'plan-grid-vips',
    tsv([
      ['api', '10.20.30.10'],
      ['ingress', '10.20.30.11'],
      ['insight', '10.20.30.12'],
    ]),
  );
  await page.getByTestId('plan-tab-machines').click();
  await pasteInto(page, 'plan-grid-machines', tsv(MACHINES));
  await expect(page.locator('[data-cell="machines:9:hostname"]')).toHaveText('dce-worker-06');

  // A row that cannot be read refuses the whole paste and says where.
  await page.getByTestId('plan-tab-nics').click();
  await pasteInto(page, 'plan-grid-nics', tsv([['dce-nowhere', 'eth0', 'mgmt', '10.20.30.99']]));
  await expect(page.getByTestId('plan-edit-error')).toContainText('dce-nowhere');
  await expect(page.locator('[data-cell="nics:0:name"]')).toHaveCount(0);

  await pasteInto(page, 'plan-grid-nics', tsv(NICS));
  await expect(page.locator('[data-cell="nics:9:address"]')).toHaveText('10.20.30.31');
  // The duplicate is flagged on the very cell, and listed with its rule and message.
  await expect(page.locator('[data-cell="nics:9:address"]')).toHaveAttribute(
    'data-severity',
    'error',
  );
  const duplicate = page.getByTestId('plan-findings').locator('[data-rule="duplicate-ip"]');
  await expect(duplicate.first()).toContainText('10.20.30.31');
  await expect(page.getByTestId('plan-mark-ready')).toBeDisabled();
  if (SHOTS) {
    await mkdir(SHOTS, { recursive: true });
    await page.screenshot({ path: join(SHOTS, 'plan-grid-zh.png'), fullPage: true });
  }

  // Fix it from the keyboard: select the cell, Enter, type, Enter.
  await page.locator('[data-cell="nics:9:address"]').click();
  await page.getByTestId('plan-grid-nics').press('Enter');
  const cellEditor = page.locator('[data-cell="nics:9:address"] input');
  await cellEditor.fill('10.20.30.36');
  await cellEditor.press('Enter');
  await expect(page.locator('[data-cell="nics:9:address"]')).toHaveText('10.20.30.36');
  await expect(page.locator('[data-cell="nics:9:address"]')).not.toHaveAttribute(
    'data-severity',
    'error',
  );
  await expect(duplicate).toHaveCount(0);
  // Escape cancels an edit.
  await page.getByTestId('plan-grid-nics').press('Enter');
  await cellEditor.fill('garbage');
  await cellEditor.press('Escape');
  await expect(page.locator('[data-cell="nics:9:address"]')).toHaveText('10.20.30.36');
  // Arrow keys move the focus.
  await page.getByTestId('plan-grid-nics').press('ArrowUp');
  await expect(page.locator('[data-cell="nics:8:address"]')).toHaveAttribute(
    'aria-selected',
    'true',
  );

  // Planned vs actual: kubectl output of the machines as installed.
  const kubectl = [
    'NAME            STATUS   ROLES           AGE   VERSION   INTERNAL-IP   EXTERNAL-IP   OS-IMAGE                      KERNEL-VERSION                 CONTAINER-RUNTIME',
    'dce-master-01   Ready    control-plane   2d    v1.27.5   10.20.30.21   <none>        Rocky Linux 9.2 (Blue Onyx)   5.14.0-284.11.1.el9_2.x86_64   containerd://1.7.1',
    'dce-worker-01   Ready    <none>          2d    v1.27.5   10.20.30.41   <none>        Rocky Linux 9.2 (Blue Onyx)   5.14.0-284.11.1.el9_2.x86_64   containerd://1.7.1',
  ].join('\n');
  await page.getByTestId('plan-actual-input').fill(kubectl);
  await page.getByTestId('plan-actual-compare').click();
  const diffs = page.getByTestId('plan-actual-differences');
  await expect(diffs).toContainText('dce-worker-01');
  await expect(diffs).toContainText('10.20.30.41');
  await expect(diffs).toContainText('规划中有，实际未找到');

  const errors = page.getByTestId('plan-findings').locator('[data-rule]');
  await expect
    .poll(async () => (await errors.allTextContents()).filter((t) => t.includes('错误')).join('\n'))
    .toBe('');
  await page.getByTestId('plan-mark-ready').click();
  await expect(page.getByTestId('plan-status')).toHaveText('就绪');

  // Signed in Chinese here; both languages' pages are checked by test/pdf (same builder).
  for (const lang of ['zh'] as const) {
    await page.getByTestId('plan-document').click();
    const dialog = new GenerateReportDialog(page);
    await expect(dialog.root).toBeVisible();
    await expect(dialog.root.getByTestId('generate-number')).toContainText(/-PLN-\d{8}-000/);
    await dialog.chooseLanguage(lang);
    // The first rendering loads 20 MB of fonts into the worker: slow on a loaded machine.
    await dialog.root.getByTestId('generate-render').click();
    await expect(dialog.root.getByTestId('generate-preview')).toBeVisible({ timeout: 180_000 });
    await dialog.drawSignature('customer', 1);
    await dialog.drawSignature('engineer', 2);
    await dialog.sign();
    await expect(dialog.verification()).toHaveText('签名有效');
    await dialog.export();
    await expect(page.getByText(/已导出到/).first()).toBeVisible();
    await dialog.close();
  }
  const files = (await readdir(harness.exportsDir)).filter((f) => f.endsWith('.pdf')).sort();
  expect(files).toHaveLength(1);
  for (const file of files) {
    expect(file).toMatch(/-PLN-\d{8}-000\d-r1-(zh|en)\.pdf$/);
    const path = join(harness.exportsDir, file);
    const sig = spawnSync('pdfsig', [path], { encoding: 'utf8' });
    expect(sig.stdout).toMatch(/Signature Validation: Signature is Valid/);
    const text = spawnSync('pdftotext', ['-layout', path, '-'], { encoding: 'utf8' }).stdout;
    expect(text).toContain('dce-worker-06');
    expect(text).toContain('10.20.30.36');
    expect(text).not.toContain('10.20.30.31  ' + 'dce-worker-06');
    if (SHOTS) {
      spawnSync('pdftoppm', ['-png', '-r', '60', path, join(SHOTS, file.replace(/\.pdf$/, ''))]);
    }
  }

  await shell.switchLanguage('en');
  await page.getByTestId('plan-tab-nics').click();
  await expect(page.getByTestId('plan-editor')).toContainText('Deployment plan');
  if (SHOTS) await page.screenshot({ path: join(SHOTS, 'plan-grid-en.png'), fullPage: true });
});
