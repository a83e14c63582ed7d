/**
 * The two procedure records made from runs done in the UI: a DCE 5 deployment checklist carried
 * through to the customer's sign-off, whose 实施记录 is signed and read back (steps, evidence,
 * who and when, signature), and an upgrade run worked in the English UI whose English upgrade
 * record is signed and read back the same way.
 */
import { spawnSync } from 'node:child_process';
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { Locator, Page } from '@playwright/test';
import { expect as baseExpect, test } from './fixtures';
import { AppShell } from './pages/app-shell';
import { GenerateReportDialog } from './pages/deliverables';
import { chooseOption, typeDate } from './pages/visits-antd';
import {
  DEPLOYMENT_OUTPUT,
  RunScreen,
  customerWithCluster,
  shanghaiWall,
} from './pages/procedures';

const expect = baseExpect.configure({ timeout: 15_000 });
const SCREENS = 'test-results/screens';

/** A 1×1 PNG: the console photo of the acceptance step. */
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
  'base64',
);

/** Strokes on a signature pad inside `root` (real mouse moves, as a person signs). */
async function scribble(page: Page, canvas: Locator): Promise<void> {
  await canvas.scrollIntoViewIfNeeded();
  const box = await canvas.boundingBox();
  if (box === null) throw new Error('signature pad not visible');
  for (let stroke = 0; stroke < 2; stroke++) {
    const x0 = box.x + box.width * (0.15 + stroke * 0.35);
    const y0 = box.y + box.height * 0.5;
    await page.mouse.move(x0, y0);
    await page.mouse.down();
    for (let i = 1; i <= 12; i++) {
      const t = i / 12;
      await page.mouse.move(
        x0 + t * box.width * 0.25,
        y0 - Math.sin(t * Math.PI * 3) * box.height * 0.3,
      );
    }
    await page.mouse.up();
  }
}

/** Signs the rendered record in the generate dialog, exports it, returns the exported PDF. */
async function signAndExport(
  page: Page,
  exportsDir: string,
  customer: [string, string],
  valid: RegExp,
): Promise<string> {
  const dialog = new GenerateReportDialog(page);
  await dialog.setSigner('customer', customer[0], customer[1]);
  await dialog.drawSignature('customer', 1);
  await dialog.drawSignature('engineer', 2);
  await dialog.sign();
  await expect(dialog.verification()).toHaveText(valid, { timeout: 60_000 });
  await dialog.export();
  await dialog.close();
  const files = (await readdir(exportsDir)).filter((f) => f.endsWith('.pdf'));
  expect(files).toHaveLength(1);
  return join(exportsDir, files[0]!);
}

function pdfText(pdf: string): string {
  return spawnSync('pdftotext', [pdf, '-'], { encoding: 'utf8' }).stdout.replace(/\s+/g, ' ');
}

function expectSigned(pdf: string): void {
  const out = spawnSync('pdfsig', [pdf], { encoding: 'utf8' }).stdout;
  expect(out).toMatch(/Signature Validation: Signature is Valid/);
  expect(out).toMatch(/Total document signed/);
}

test('a DCE 5 deployment checklist done in full gives a signed implementation record with its steps, evidence and who/when', async ({
  page,
  harness,
}) => {
  test.setTimeout(360_000);
  await customerWithCluster(page, { version: '5.1.0' });
  await page.getByTestId('procedure-new').click();
  const form = page.getByTestId('procedure-form');
  await chooseOption(page, form.locator('.ant-select').first(), 'DCE 5 部署实施检查单', {
    search: false,
  });
  await chooseOption(page, form.locator('.ant-select').nth(2), 'prod-core', { search: false });
  await form.getByRole('button', { name: '开始程序' }).click();

  const run = new RunScreen(page, DEPLOYMENT_OUTPUT);
  await run.pass('os-release');
  await run.pass('swap-off');
  await run.pass('time-sync');
  // A value below the threshold fails; the measured one passes.
  await expect(run.current).toHaveAttribute('data-step', 'data-disk');
  await run.value('80');
  await expect(run.current.getByTestId('procedure-done')).toBeDisabled();
  await run.value('500');
  await run.done('data-disk');
  await run.pass('offline-package');
  // The installer run is irreversible: shown in red, confirmed before it starts.
  await expect(run.current).toHaveAttribute('data-step', 'installer-run');
  await expect(run.current).toHaveClass(/is-irreversible/);
  await run.current.getByTestId('procedure-start-step').click();
  await page.locator('.ant-modal-footer:visible').getByRole('button', { name: '确认开始' }).click();
  await run.pass('installer-run');
  await run.pass('acc-nodes');
  // The console photo, then the customer's own signature on the sign-off step.
  await expect(run.current).toHaveAttribute('data-step', 'acc-console');
  const chooser = page.waitForEvent('filechooser');
  await run.current.getByTestId('procedure-upload-photo').click();
  await (
    await chooser
  ).setFiles({
    name: 'console-login.png',
    mimeType: 'image/png',
    buffer: PNG,
  });
  await expect(run.current.getByTestId('procedure-missing')).toHaveCount(0);
  await run.done('acc-console');
  await expect(run.current).toHaveAttribute('data-step', 'acc-signoff');
  await run.current.getByTestId('signature-name-customer').fill('张主任');
  await scribble(page, run.current.getByTestId('signature-canvas-customer'));
  await run.current.getByTestId('procedure-save-signature').click();
  await expect(run.current.getByTestId('procedure-missing')).toHaveCount(0);
  await run.done('acc-signoff');
  await page.getByTestId('procedure-complete').click();
  await expect(page.getByTestId('procedure-outcome')).toHaveText('执行成功');
  await page.screenshot({ path: `${SCREENS}/procedure-deployment-done-zh.png`, fullPage: true });

  await page.getByTestId('procedure-record').click();
  const dialog = new GenerateReportDialog(page);
  await expect(dialog.root).toBeVisible();
  await expect(dialog.root.getByTestId('generate-number')).toContainText(/-IMP-\d{8}-0001/);
  await dialog.render(false, 180_000);
  const pdf = await signAndExport(page, harness.exportsDir, ['张主任', '信息中心主任'], /签名有效/);
  expect(pdf).toMatch(/-IMP-\d{8}-0001-r1-zh\.pdf$/);
  expectSigned(pdf);
  const text = pdfText(pdf);
  for (const s of [
    '实施记录',
    'DCE 5 部署实施检查单',
    'prod-core',
    // Steps with their results, in order.
    '操作系统版本受支持',
    '已关闭 swap',
    '数据盘容量',
    '离线包校验',
    '执行安装器',
    '所有节点 Ready',
    '客户签字验收',
    // Evidence: the pasted output and the values, the photo and the signature.
    'Leap status : Normal',
    'master-01 : ok=812 changed=301 unreachable=0 failed=0',
    'worker-01 Ready',
    '500',
    'console-login.png',
    // Who did it.
    '王磊',
    '张主任',
  ])
    expect(text, s).toContain(s);
  // When: the step times in the site's zone (yyyy-MM-dd HH:mm).
  const today = new Date().toLocaleString('sv-SE', { timeZone: 'Asia/Shanghai' }).slice(0, 10);
  expect(text).toContain(today);
  spawnSync('pdftoppm', ['-png', '-r', '60', pdf, `${SCREENS}/procedure-implementation-record-zh`]);
});

test('an upgrade worked in the English UI gives a signed English upgrade record', async ({
  page,
  harness,
}) => {
  test.setTimeout(360_000);
  await customerWithCluster(page, { version: '5.0.3' });
  await new AppShell(page).switchLanguage('en');
  await page.getByTestId('procedure-new').click();
  const form = page.getByTestId('procedure-form');
  await chooseOption(page, form.locator('.ant-select').first(), 'DCE 5 minor upgrade', {
    search: false,
  });
  await chooseOption(page, form.locator('.ant-select').nth(2), 'prod-core', { search: false });
  await form.getByTestId('procedure-to-version').fill('5.1.0');
  // Forty days away: enough notice, no emergency change.
  await typeDate(form.getByTestId('procedure-window-start'), shanghaiWall(40));
  await typeDate(form.getByTestId('procedure-window-end'), shanghaiWall(40, 6));
  await expect(form.getByTestId('procedure-notice')).toHaveAttribute('data-short', 'false');
  await form.getByRole('button', { name: 'Start procedure' }).click();

  const run = new RunScreen(page);
  await expect(page.getByTestId('procedure-mode')).toHaveText('Forward');
  await expect(run.current).toHaveAttribute('data-step', 'no-severe-incidents');
  await run.current.getByTestId('procedure-auto-record').click();
  await run.done('no-severe-incidents');
  await run.pass('nodes-ready');
  // etcd reports an unhealthy member: the pre-check fails and a second person waives it.
  await expect(run.current).toHaveAttribute('data-step', 'etcd-health');
  await run.paste('| https://10.20.0.11:2379 |  false | 0s | context deadline exceeded |');
  await run.current.getByTestId('procedure-fail').click();
  await page.getByTestId('procedure-fail-reason').fill('etcd member 10.20.0.11 unhealthy');
  await page.locator('.ant-modal-footer:visible').getByRole('button', { name: 'OK' }).click();
  await expect(run.step('etcd-health')).toHaveAttribute('data-status', 'failed');
  const waiver = run.current.getByTestId('procedure-waiver');
  await waiver.getByTestId('procedure-waiver-by').fill('Li Wei');
  await waiver
    .getByTestId('procedure-waiver-reason')
    .fill('Member replaced and re-checked by the customer DBA team');
  await waiver.getByTestId('procedure-waive').click();
  await expect(run.step('etcd-health')).toHaveAttribute('data-status', 'waived');
  await page.getByTestId('procedure-pause').click();
  await page.getByTestId('procedure-pause-reason').fill('Waiting for the window');
  await page.locator('.ant-modal-footer:visible').getByRole('button', { name: 'OK' }).click();
  await expect(page.getByTestId('procedure-status')).toHaveText('Paused');
  await page.screenshot({ path: `${SCREENS}/procedure-upgrade-paused-en.png`, fullPage: true });

  await page.getByTestId('procedure-record').click();
  const dialog = new GenerateReportDialog(page);
  await expect(dialog.root).toBeVisible();
  await dialog.chooseLanguage('en');
  await expect(dialog.root.getByTestId('generate-number')).toContainText(/-UPG-\d{8}-0001/);
  await dialog.render(false, 180_000);
  const pdf = await signAndExport(
    page,
    harness.exportsDir,
    ['Zhang Wei', 'Head of IT'],
    /^signature valid$/,
  );
  expect(pdf).toMatch(/-UPG-\d{8}-0001-r1-en\.pdf$/);
  expectSigned(pdf);
  const text = pdfText(pdf);
  for (const s of [
    'Upgrade record',
    'DCE 5 minor upgrade',
    '5.0.3 → 5.1.0',
    'Steps and results',
    'All nodes Ready',
    'Done',
    'Waived',
    'failed: etcd member 10.20.0.11 unhealthy',
    'Waived pre-checks',
    'Li Wei',
    'Member replaced and re-checked by the customer DBA team',
    'etcd member 10.20.0.11 unhealthy',
    'context deadline exceeded',
    'Not completed yet',
    'Pauses',
    'Waiting for the window',
    '王磊',
  ])
    expect(text, s).toContain(s);
  // No Chinese step titles leak into the English record.
  expect(text).not.toContain('所有节点');
  spawnSync('pdftoppm', ['-png', '-r', '60', pdf, `${SCREENS}/procedure-upgrade-record-en`]);
});
