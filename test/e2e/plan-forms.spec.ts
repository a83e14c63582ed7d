/**
 * The plan editor's forms in the English UI, through the real desktop-API harness: the disks of
 * a machine in their dialog (a bad and a duplicate mount point refused), an external dependency
 * and an environment requirement added, a warning accepted with a reason by a named person (it
 * stops counting), the installer configuration exported (YAML read back), the workbook exported
 * and imported back over local edits (round trip), the plan marked ready and its planning
 * document signed in English (pdfsig, pdftotext). Screenshots of the forms in en and zh.
 */
import { spawnSync } from 'node:child_process';
import { copyFile, mkdir, readFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { expect as baseExpect, test } from './fixtures';
import { AppShell } from './pages/app-shell';
import { CustomerDetail, CustomersPage } from './pages/customers';
import { GenerateReportDialog } from './pages/deliverables';

const expect = baseExpect.configure({ timeout: 30_000 });
const SHOTS = process.env['FIELDBOOK_SCREENSHOTS'];

test.use({ timezoneId: 'Asia/Shanghai' });

test('plan forms in English: disks, dependencies, requirements, accepted warning, installer, workbook round trip, signed document', async ({
  page,
  harness,
}) => {
  test.setTimeout(580_000);
  page.on('pageerror', (e) => console.log('page error:', e.message));
  const shot = async (name: string) => {
    if (!SHOTS) return;
    await mkdir(SHOTS, { recursive: true });
    await page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: true });
  };
  const shell = new AppShell(page);
  await shell.openWithSample('Zhang Wei');
  await new CustomersPage(page).row('钱塘银行股份有限公司').getByRole('link').click();
  const detail = new CustomerDetail(page);
  await detail.tab('集群/环境');
  await detail.clusterRow('hz-test-01 测试集群').getByTestId('cluster-plan').click();
  await expect(page.getByTestId('plan-product')).toHaveValue('DCE');
  await shell.switchLanguage('en');
  await expect(page.getByTestId('plan-editor')).toContainText('Deployment plan');
  const findings = page.getByTestId('plan-findings');

  // --- disks of dce-worker-01 (row 5) in their dialog ----------------------------------------
  const disksCell = page.locator('[data-cell="machines:4:disks"]');
  await disksCell.click();
  await page.getByTestId('plan-grid-machines').press('Enter');
  const disks = page.getByTestId('plan-disks-form');
  await expect(disks.getByText('Disks of dce-worker-01')).toBeVisible();
  await expect(disks.getByTestId('plan-disk-row')).toHaveCount(2);
  await disks.getByTestId('plan-disk-add').click();
  const third = disks.getByTestId('plan-disk-row').nth(2);
  await third.getByTestId('plan-disk-mount').fill('data');
  await third.getByTestId('plan-disk-size').fill('100');
  await disks.getByRole('button', { name: 'Save' }).click();
  await expect(disks).toContainText('A mount point is an absolute path');
  await third.getByTestId('plan-disk-mount').fill('/');
  await expect(disks).toContainText('Mount point / is used by another disk.');
  await shot('plan-disks-en');
  await third.getByTestId('plan-disk-mount').fill('/data');
  await third.getByTestId('plan-disk-size').fill('0');
  await disks.getByRole('button', { name: 'Save' }).click();
  await expect(disks).toContainText('Enter a size above 0 (GiB).');
  // Nothing was saved while the dialog refused.
  await expect(disksCell).not.toContainText('/data');
  await third.getByTestId('plan-disk-size').fill('100');
  await third.getByTestId('plan-disk-type').locator('input').fill('hdd');
  await disks.getByRole('button', { name: 'Save' }).click();
  await expect(disks).toHaveCount(0);
  await expect(disksCell).toContainText('/data:100:hdd');

  // --- an external dependency and a requirement -----------------------------------------------
  const extras = page.getByTestId('plan-extras');
  await extras.getByTestId('plan-dependency-add').click();
  const depForm = page.getByTestId('plan-dependency-form');
  await depForm.getByRole('button', { name: 'Save' }).click();
  await expect(depForm).toContainText('Name is required');
  await depForm.getByTestId('plan-dependency-name').fill('Harbor image registry');
  await depForm.getByTestId('plan-dependency-address').fill('harbor.qtbank.example:443');
  await depForm.getByTestId('plan-dependency-notes').fill('customer-run; project dce5 needed');
  await shot('plan-dependency-en');
  await depForm.getByRole('button', { name: 'Save' }).click();
  await expect(depForm).toHaveCount(0);
  await expect(extras.getByTestId('plan-dependencies')).toContainText('Harbor image registry');
  await expect(extras.getByTestId('plan-dependencies')).toContainText('Image registry');

  await extras.getByTestId('plan-extras-tab-requirements').click();
  await extras.getByTestId('plan-requirement-add').click();
  const reqForm = page.getByTestId('plan-requirement-form');
  await reqForm
    .getByTestId('plan-requirement-text')
    .fill('Ports 6443, 2379-2380 and 10250 open between all nodes');
  await reqForm.getByRole('button', { name: 'Save' }).click();
  await expect(extras.getByTestId('plan-requirements')).toContainText('2379-2380');

  // --- a warning accepted with a reason by a named person -------------------------------------
  await page.getByTestId('plan-dns').fill('');
  await page.getByTestId('plan-dns').press('Enter');
  const dns = findings.locator('[data-rule="missing-dns"]');
  await expect(dns).toBeVisible();
  await expect(page.getByTestId('plan-editor')).toContainText(/0 errors, 1 warnings/);
  await dns.getByTestId('plan-finding-accept').click();
  const accept = page.getByTestId('plan-accept-form');
  await accept
    .getByTestId('plan-accept-reason')
    .fill('The customer resolves names with /etc/hosts');
  await accept.getByRole('button', { name: 'Save' }).click();
  await expect(accept).toContainText('Accepted by is required');
  await accept.getByTestId('plan-accept-by').fill('Wang Fang (customer network team)');
  await shot('plan-accept-en');
  await accept.getByRole('button', { name: 'Save' }).click();
  await expect(accept).toHaveCount(0);
  await expect(dns.getByTestId('plan-finding-accepted')).toHaveText(
    'Accepted by Wang Fang (customer network team): The customer resolves names with /etc/hosts',
  );
  await expect(page.getByTestId('plan-editor')).toContainText(/0 errors, 0 warnings/);
  await extras.getByTestId('plan-extras-tab-accepted').click();
  await expect(extras.getByTestId('plan-accepted-warnings')).toContainText('Wang Fang');
  await shot('plan-extras-en');

  // --- installer configuration ----------------------------------------------------------------
  await page.getByTestId('plan-export-installer').click();
  await expect(page.getByText(/installer configuration files written to/)).toBeVisible();
  const folder = (await readdir(harness.exportsDir)).find((f) => f.startsWith('installer-'));
  expect(folder).toMatch(/^installer-DCE-5\.\d+\.\d+-production$/);
  const cluster = parseYaml(
    await readFile(join(harness.exportsDir, folder!, 'clusterConfig.yaml'), 'utf8'),
  ) as { kind: string; spec: { masterNodes: unknown[]; workerNodes: unknown[] } };
  expect(cluster.kind).toBe('ClusterConfig');
  expect(cluster.spec.masterNodes).toHaveLength(3);
  expect(cluster.spec.workerNodes).toHaveLength(3);
  const inventory = await readFile(join(harness.exportsDir, folder!, 'kubean/hosts.yml'), 'utf8');
  expect(inventory).toContain('dce-worker-01');
  // A second export into the same folder is refused and says so.
  await page.getByTestId('plan-export-installer').click();
  await expect(page.getByText(/already exists; choose a new folder name/)).toBeVisible();

  // --- workbook: export, local edits, import back ---------------------------------------------
  await page.getByTestId('plan-export').click();
  await expect(page.getByText(/Exported to .*\.xlsx/)).toBeVisible();
  const xlsx = (await readdir(harness.exportsDir)).find((f) => f.endsWith('.xlsx'));
  expect(xlsx).toBeDefined();
  await mkdir(join(harness.userDataDir, 'imports'), { recursive: true });
  await copyFile(join(harness.exportsDir, xlsx!), join(harness.userDataDir, 'imports', xlsx!));
  // Edits after the export: a CPU count and the dependency removed.
  const cpu = page.locator('[data-cell="machines:4:cpu"]');
  const cpuBefore = (await cpu.textContent()) ?? '';
  await cpu.click();
  await page.getByTestId('plan-grid-machines').press('Enter');
  await page.locator('[data-cell="machines:4:cpu"] input').fill('48');
  await page.locator('[data-cell="machines:4:cpu"] input').press('Enter');
  await expect(cpu).toHaveText('48');
  await extras.getByTestId('plan-extras-tab-dependencies').click();
  await extras
    .getByRole('listitem')
    .filter({ hasText: 'Harbor image registry' })
    .getByTestId('plan-dependency-remove')
    .click();
  await expect(extras.getByTestId('plan-dependencies')).not.toContainText('Harbor');
  await page.getByTestId('plan-import').click();
  await expect(page.getByText(/Plan imported from .*\.xlsx/)).toBeVisible();
  await expect(cpu).toHaveText(cpuBefore);
  await expect(disksCell).toContainText('/data:100:hdd');
  await expect(extras.getByTestId('plan-dependencies')).toContainText('Harbor image registry');
  await expect(dns.getByTestId('plan-finding-accepted')).toContainText('Wang Fang');

  // --- ready, and the planning document signed in English -------------------------------------
  await page.getByTestId('plan-mark-ready').click();
  await expect(page.getByTestId('plan-status')).toHaveText('Ready');
  await page.getByTestId('plan-document').click();
  const dialog = new GenerateReportDialog(page);
  await expect(dialog.root).toBeVisible();
  await dialog.chooseLanguage('en');
  await dialog.root.getByTestId('generate-render').click();
  await expect(dialog.root.getByTestId('generate-preview')).toBeVisible({ timeout: 180_000 });
  await dialog.drawSignature('customer', 1);
  await dialog.drawSignature('engineer', 2);
  await dialog.sign();
  await expect(dialog.verification()).toHaveText('signature valid');
  await dialog.export();
  await expect(page.getByText(/Exported to .*\.pdf/).first()).toBeVisible();
  await dialog.close();
  const pdf = (await readdir(harness.exportsDir)).find((f) => f.endsWith('.pdf'));
  expect(pdf).toMatch(/-PLN-\d{8}-000\d-r1-en\.pdf$/);
  const path = join(harness.exportsDir, pdf!);
  expect(spawnSync('pdfsig', [path], { encoding: 'utf8' }).stdout).toMatch(
    /Signature Validation: Signature is Valid/,
  );
  const text = spawnSync('pdftotext', ['-layout', path, '-'], { encoding: 'utf8' }).stdout;
  expect(text).toContain('Harbor image registry');
  expect(text).toContain('2379-2380');
  expect(text).toContain('Accepted by Wang Fang');
  expect(text).toMatch(/\/data 100 hdd/);
  if (SHOTS) spawnSync('pdftoppm', ['-png', '-r', '60', path, join(SHOTS, 'plan-forms-en')]);

  // --- the same forms in Chinese (screenshots) ------------------------------------------------
  await shell.switchLanguage('zh');
  await expect(page.getByTestId('plan-extras')).toContainText('外部依赖');
  await expect(dns.getByTestId('plan-finding-accepted')).toContainText('已接受（Wang Fang');
  await shot('plan-extras-zh');
  await disksCell.dblclick();
  await expect(page.getByTestId('plan-disks-form')).toContainText('dce-worker-01 的磁盘');
  await expect(page.getByTestId('plan-disk-row').first()).toBeVisible();
  await shot('plan-disks-zh');
  await page
    .getByTestId('plan-disks-form')
    .getByRole('button', { name: /取\s*消/ })
    .click();
  await extras.getByTestId('plan-extras-tab-dependencies').click();
  await extras.getByTestId('plan-dependency-add').click();
  await expect(page.getByTestId('plan-dependency-name')).toBeFocused();
  await shot('plan-dependency-zh');
});
