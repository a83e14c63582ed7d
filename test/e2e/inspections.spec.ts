import { expect as baseExpect, test } from './fixtures';
import { AppShell } from './pages/app-shell';
import { CustomerDetail } from './pages/customers';
import { StartInspectionDialog } from './pages/inspections';
import { createCustomerWithSite, startAsEngineer } from './pages/visits-setup';
import { sha256Hex, tinyPng } from './pages/visits-png';

/** The screens read an encrypted local database; on a loaded 2-core machine 5 s is too tight. */
const expect = baseExpect.configure({ timeout: 15_000 });

const SCREENS = 'test-results/screens';

test('an S360 inspection of a DCE cluster: values against limits, note, evidence, score and findings, reload, complete', async ({
  page,
  harness,
}) => {
  test.setTimeout(180_000);
  await page.addInitScript(startAsEngineer, '王磊');
  const customer = '江南联合银行股份有限公司';
  const site = '上海张江数据中心';
  await createCustomerWithSite(page, { customer, site, timeZone: 'Asia/Shanghai' });
  const detail = new CustomerDetail(page);
  await detail.addCluster({
    site,
    name: 'prod-core',
    environment: '生产',
    product: 'DCE',
    // DCE 4 is past its end of support life: the lifecycle check fails by itself on any date.
    version: '4.0.11',
    controlPlaneNodes: 1,
    workerNodes: 2,
  });

  // Start from the cluster row: customer, site and cluster are chosen, the template follows.
  await detail.clusterRow('prod-core').getByRole('button', { name: '开始巡检 prod-core' }).click();
  const dialog = new StartInspectionDialog(page);
  await expect(dialog.template).toHaveText('DCE 主动巡检（S360） v2');
  // The nodes the per-node checks repeat for, proposed from the cluster's node counts.
  const nodes = dialog.dialog.getByTestId('inspection-nodes');
  await expect(nodes).toHaveCount(2);
  await expect(nodes.nth(1)).toContainText('worker-01');
  await expect(nodes.nth(1)).toContainText('worker-02');
  await page.screenshot({ path: `${SCREENS}/start-dialog-zh.png` });
  const inspection = await dialog.start();
  await expect(inspection.status).toHaveText('进行中');
  await expect(inspection.result('product-lifecycle')).toHaveAttribute('data-result', 'fail');
  await expect(inspection.score).toHaveText('0');
  await expect(inspection.findings).toHaveCount(1);

  // 整体信息: a verdict for the apiserver raises the score.
  await inspection.choose('apiserver-health', '正常');
  await expect(inspection.result('apiserver-health')).toHaveAttribute('data-result', 'pass');
  await expect.poll(async () => Number(await inspection.score.textContent())).toBeGreaterThan(0);

  // A value inside the limits passes; over the fail limit the result turns to fail, even
  // though pass/warning/fail cannot be chosen by hand for this item.
  await expect(inspection.item('etcd-db-size').getByTestId('check-threshold')).toContainText(
    '警告 ≥ 50 %；异常 ≥ 75 %',
  );
  await inspection.measure('etcd-db-size', '40');
  await expect(inspection.result('etcd-db-size')).toHaveAttribute('data-result', 'pass');
  const before = Number(await inspection.score.textContent());
  await expect(inspection.findings).toHaveCount(1);
  await inspection.measure('etcd-db-size', '82');
  await expect(inspection.result('etcd-db-size')).toHaveAttribute('data-result', 'fail');
  await expect(inspection.row('etcd-db-size').getByRole('radio', { name: '正常' })).toBeDisabled();
  await expect.poll(async () => Number(await inspection.score.textContent())).toBeLessThan(before);
  await expect(inspection.findings).toHaveCount(2);
  const etcdFinding = inspection.findings.filter({ hasText: 'etcd 数据库占配额比例' });
  await expect(etcdFinding.getByTestId('finding-risk')).toHaveText('高');

  await inspection.note('etcd-db-size', '未定期执行碎片整理，DB 持续增长');
  const png = tinyPng(6, 4, [30, 120, 200]);
  await inspection.attach('etcd-db-size', {
    name: 'etcd-status.png',
    mimeType: 'image/png',
    buffer: png,
  });
  expect(await harness.services.blobs.has(sha256Hex(png))).toBe(true);
  await expect(inspection.row('etcd-db-size').getByTestId('photo-thumb')).toBeVisible();

  // Keyboard: focus a check's radio and press 2 for warning.
  await inspection.row('coredns').getByRole('radio', { name: '正常' }).focus();
  await page.keyboard.press('2');
  await expect(inspection.result('coredns')).toHaveAttribute('data-result', 'warning');
  await expect(inspection.findings).toHaveCount(3);

  // Alt+↓ moves to the next section (管理节点), then the menu leads to 计算节点.
  await page.keyboard.press('Alt+ArrowDown');
  await expect(inspection.section.getByRole('heading', { level: 2 })).toHaveText('管理节点');

  // 计算节点: per-node items repeat per worker.
  await inspection.openSection('计算节点');
  await expect(inspection.item('node-cpu').getByTestId('check-row')).toHaveCount(2);
  await inspection.measure('node-cpu', '95', 'worker-02');
  await expect(inspection.result('node-cpu', 'worker-02')).toHaveAttribute('data-result', 'fail');
  await expect(inspection.result('node-cpu', 'worker-01')).toHaveAttribute(
    'data-result',
    'unanswered',
  );
  await expect(inspection.findings).toHaveCount(4);
  const log = Buffer.from('top - 10:02:11 up 92 days, load average: 31.02, 29.87, 28.40\n', 'utf8');
  await inspection.note('node-cpu', '负载持续偏高，见 top 输出', 'worker-02');
  await inspection.attach(
    'node-cpu',
    { name: 'top-worker-02.txt', mimeType: 'text/plain', buffer: log },
    'worker-02',
  );
  await expect(
    inspection.row('node-cpu', 'worker-02').getByTestId('file-attachment'),
  ).toContainText('top-worker-02.txt');
  const scoreBeforeReload = await inspection.score.textContent();
  await page.screenshot({ path: `${SCREENS}/inspection-compute-zh.png`, fullPage: true });

  // Everything was saved: reload and find it all again.
  await page.reload();
  await new AppShell(page).ready();
  await expect(inspection.section.getByRole('heading', { level: 2 })).toHaveText('计算节点', {
    timeout: 30_000,
  });
  await expect(inspection.row('node-cpu', 'worker-02').getByTestId('check-value')).toHaveValue(
    '95',
  );
  await expect(
    inspection.row('node-cpu', 'worker-02').getByTestId('file-attachment'),
  ).toContainText('top-worker-02.txt');
  await expect(inspection.row('node-cpu', 'worker-02').getByTestId('check-note')).toHaveValue(
    '负载持续偏高，见 top 输出',
  );
  await expect(inspection.score).toHaveText(scoreBeforeReload ?? '');
  await inspection.openSection('整体信息');
  await expect(inspection.row('etcd-db-size').getByTestId('check-value')).toHaveValue('82');
  await expect(inspection.result('etcd-db-size')).toHaveAttribute('data-result', 'fail');
  await expect(inspection.row('etcd-db-size').getByTestId('check-note')).toHaveValue(
    '未定期执行碎片整理，DB 持续增长',
  );
  await expect(inspection.row('etcd-db-size').getByTestId('photo-thumb')).toBeVisible();
  await expect(inspection.result('coredns')).toHaveAttribute('data-result', 'warning');
  await expect(inspection.findings).toHaveCount(4);

  // 总体评价: re-rate a finding, write the evaluation, complete.
  await inspection.openSection('总体评价');
  const etcd = page.locator('[data-testid="finding-editor"][data-id$="/etcd-db-size"]');
  await etcd.getByRole('combobox').click();
  await page
    .locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden)')
    .getByText('严重', { exact: true })
    .click();
  await expect(etcdFinding.getByTestId('finding-risk')).toHaveText('严重');
  // Re-rated to critical, it now leads the findings.
  await expect(inspection.findings.first()).toContainText('etcd 数据库占配额比例');
  const evaluation = page.getByTestId('overall-evaluation');
  await evaluation.fill('集群整体运行平稳；etcd 数据库接近配额，需尽快整理。');
  await evaluation.blur();
  await page.screenshot({ path: `${SCREENS}/inspection-evaluation-zh.png`, fullPage: true });
  await inspection.complete();
  await expect(page.getByTestId('inspection-reopen')).toBeVisible();
  await expect(evaluation).toBeDisabled();

  await page.reload();
  await new AppShell(page).ready();
  await expect(inspection.status).toHaveText('已完成', { timeout: 30_000 });
  await expect(page.getByTestId('overall-evaluation')).toHaveValue(
    '集群整体运行平稳；etcd 数据库接近配额，需尽快整理。',
  );

  // The findings feed the customer's risk list.
  await page.goto('/#/customers');
  await page.getByRole('link', { name: customer }).click();
  const risks = page.getByTestId('customer-risks').getByTestId('customer-risk');
  await expect(risks).toHaveCount(4);
  await expect(risks.first()).toHaveAttribute('data-risk', 'critical');
  await expect(risks.first()).toContainText('etcd 数据库占配额比例');
  await page.getByTestId('customer-risks').scrollIntoViewIfNeeded();
  await page.screenshot({ path: `${SCREENS}/customer-risks-zh.png` });
});

test('screenshots of a running inspection in Chinese and English (sample workspace)', async ({
  page,
}) => {
  test.setTimeout(120_000);
  const shell = new AppShell(page);
  await shell.openWithSample();
  for (const lang of ['zh', 'en'] as const) {
    if (lang === 'en') await shell.switchLanguage('en');
    await shell.goTo('inspections', lang);
    await expect(page.getByRole('row')).toHaveCount(3);
    await page.screenshot({ path: `${SCREENS}/inspections-list-${lang}.png`, fullPage: true });
    await page.getByRole('row').nth(1).getByRole('link').click();
    await expect(page.getByTestId('inspection-page')).toBeVisible();
    await page.screenshot({ path: `${SCREENS}/inspection-${lang}.png`, fullPage: true });
    await page.goBack();
  }
  // The completed one, at its overall evaluation (English).
  await page.getByRole('row').nth(2).getByRole('link').click();
  await page.getByRole('menuitem', { name: /^Overall evaluation/ }).click();
  await expect(page.getByTestId('finding-editor').first()).toBeVisible();
  await page.screenshot({ path: `${SCREENS}/inspection-completed-en.png` });

  // The visit it was recorded in links back to it.
  const title = await page.getByRole('heading', { level: 1 }).textContent();
  await page.getByRole('link', { name: 'Open', exact: true }).click();
  await page.getByTestId('visit-inspection').click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(title ?? '');
});
