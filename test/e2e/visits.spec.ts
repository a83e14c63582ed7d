import { readFileSync } from 'node:fs';
import { expect as baseExpect, test } from './fixtures';
import { VisitsListPage } from './pages/visits';
import { tinyPng, sha256Hex } from './pages/visits-png';
import { createCustomerWithSite, startAsEngineer } from './pages/visits-setup';

/** The screens read an encrypted local database; on a loaded 2-core machine 5 s is too tight. */
const expect = baseExpect.configure({ timeout: 15_000 });

test.beforeEach(async ({ page }) => {
  await page.addInitScript(startAsEngineer, '王磊');
});

test('a visit: check in, log a note, command output and a photo, reload, correct, check out', async ({
  page,
  harness,
}) => {
  // A whole working session through the UI (customer set-up included): longer than the default.
  test.setTimeout(120_000);
  const customer = '华东数据科技有限公司';
  const site = '上海嘉定数据中心';
  await createCustomerWithSite(page, { customer, site, timeZone: 'Asia/Shanghai' });

  const list = new VisitsListPage(page);
  await list.goto();
  const visit = await list.createVisit({
    customer,
    site,
    purpose: '巡检',
    summary: '季度巡检：管理节点与计算节点',
  });
  await visit.checkIn();
  await expect(page.getByTestId('visit-check-in-at')).toContainText('GMT+8');

  const note = '到达机房，与客户运维负责人确认巡检范围';
  const command = 'kubectl get nodes -o wide';
  const output = [
    'NAME       STATUS   ROLES           AGE   VERSION',
    'master-1   Ready    control-plane   92d   v1.27.5',
    'worker-1   Ready    <none>          92d   v1.27.5',
  ].join('\n');
  const png = tinyPng(4, 3, [200, 30, 30]);
  const caption = '机柜 A03 正面照片';

  await visit.addNote(note);
  await visit.addCommand(command, output, '节点状态');
  await visit.addPhoto({ name: 'rack-a03.png', mimeType: 'image/png', buffer: png }, caption);

  // The photo went to the main process's content-addressed store, byte for byte.
  const sha = sha256Hex(png);
  expect(await harness.services.blobs.has(sha)).toBe(true);
  expect(Buffer.from((await harness.services.blobs.get(sha))!)).toEqual(png);

  await page.reload();
  // Reopening the encrypted database after a reload can take a while on a busy machine.
  await expect(visit.entries()).toHaveCount(3, { timeout: 30_000 });
  // Newest first: photo, command, note.
  await expect(visit.entries().nth(0)).toHaveAttribute('data-kind', 'photo');
  await expect(visit.entries().nth(1)).toHaveAttribute('data-kind', 'command');
  await expect(visit.entries().nth(2)).toHaveAttribute('data-kind', 'note');
  await expect(visit.entry(note)).toBeVisible();
  const block = visit.entries().filter({ hasText: command });
  await expect(block.getByTestId('log-command-line')).toHaveText(`$ ${command}\n`);
  await expect(block.getByTestId('log-command-output')).toHaveText(output);
  // The thumbnail decodes (an object URL of the stored bytes, at the PNG's real size).
  const thumb = visit.entry(caption).locator('img');
  await expect(thumb).toBeVisible();
  await expect
    .poll(() => thumb.evaluate((img: HTMLImageElement) => [img.naturalWidth, img.naturalHeight]))
    .toEqual([4, 3]);
  expect(await thumb.getAttribute('src')).toMatch(/^blob:/);
  // Click to enlarge: the preview shows the same image.
  await thumb.click();
  await expect(page.locator('.ant-image-preview img')).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(page.locator('.ant-image-preview img')).toHaveCount(0);

  // A file entry: name and size shown, and the download gives back the stored bytes.
  const log = Buffer.from('kubelet[1201]: E1124 node status update failed\n', 'utf8');
  await visit.addFile({ name: 'kubelet.log', mimeType: 'text/plain', buffer: log }, 'kubelet 日志');
  const fileEntry = visit.entry('kubelet 日志').getByTestId('file-attachment');
  await expect(fileEntry).toContainText('kubelet.log');
  await expect(fileEntry).toContainText(`${log.length} B`);
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    fileEntry.getByRole('button').click(),
  ]);
  expect(download.suggestedFilename()).toBe('kubelet.log');
  const path = await download.path();
  expect(readFileSync(path)).toEqual(log);

  const correction = '更正：客户运维负责人为张工（不是李工）';
  await visit.correct(note, correction);
  const original = visit.entry(note);
  await expect(original).toHaveAttribute('data-corrected', 'true');
  await expect(original.getByTestId('log-corrected-by')).toBeVisible();
  await expect(visit.entry(correction).getByTestId('log-correction-tag')).toBeVisible();
  // Append-only: the original text is still there, and nothing was replaced.
  await expect(visit.entries()).toHaveCount(5);

  await visit.checkOut();
  await page.reload();
  await expect(visit.status()).toHaveText('已签退', { timeout: 30_000 });
  await expect(visit.entries()).toHaveCount(5);

  await list.goto();
  await expect(list.rows()).toHaveCount(1);
  await expect(list.rows().first()).toContainText(site);
  await expect(list.rows().first().getByTestId('visit-status')).toHaveText('已签退');
});
