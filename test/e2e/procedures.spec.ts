import { spawnSync } from 'node:child_process';
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { expect as baseExpect, test } from './fixtures';
import { AppShell } from './pages/app-shell';
import { CustomerDetail } from './pages/customers';
import { GenerateReportDialog } from './pages/deliverables';
import { chooseOption, typeDate } from './pages/visits-antd';
import { RunScreen, UPGRADE_OUTPUT, shanghaiWall } from './pages/procedures';
import { createCustomerWithSite, startAsEngineer } from './pages/visits-setup';

/** The screens read an encrypted local database; on a loaded 2-core machine 5 s is too tight. */
const expect = baseExpect.configure({ timeout: 15_000 });

const SCREENS = 'test-results/screens';

test('an upgrade: plan (path, short-notice window), gated pre-checks with a waiver by a second person, a failed batch, rollback, the signed upgrade record', async ({
  page,
  harness,
}) => {
  test.setTimeout(1_200_000);
  await page.addInitScript(startAsEngineer, '王磊');
  await createCustomerWithSite(page, {
    customer: '江南联合银行股份有限公司',
    site: '上海张江数据中心',
    timeZone: 'Asia/Shanghai',
  });
  const detail = new CustomerDetail(page);
  await detail.addCluster({
    site: '上海张江数据中心',
    name: 'prod-core',
    environment: '生产',
    product: 'DCE',
    version: '5.0.3',
    controlPlaneNodes: 3,
    workerNodes: 5,
  });
  await detail.tab('概况');
  await page.getByTestId('procedure-new').click();
  const form = page.getByTestId('procedure-form');
  await chooseOption(page, form.locator('.ant-select').first(), 'DCE 5 小版本升级', {
    search: false,
  });
  await chooseOption(page, form.locator('.ant-select').nth(2), 'prod-core', { search: false });
  // The from-version is the cluster record's; the path goes one minor version at a time.
  await expect(form.getByTestId('procedure-from-version')).toHaveValue('5.0.3');
  await expect(form.getByTestId('procedure-from-version')).toBeDisabled();
  await form.getByTestId('procedure-to-version').fill('5.2.1');
  const path = form.getByTestId('procedure-upgrade-path');
  await expect(path).toContainText('5.0.3 → 5.2.1 需要 2 次作业');
  await expect(path.getByTestId('procedure-hop')).toHaveText([
    '1. 5.0.3 → 5.1.x',
    '2. 5.1.x → 5.2.1',
  ]);
  await expect(path).toContainText('本次作业：5.0.3 → 5.1.x');
  await form.getByTestId('procedure-to-version').fill('4.9.0');
  await expect(form).toContainText('跨大版本不是升级');
  await form.getByTestId('procedure-to-version').fill('5.1.0');
  await expect(path).toContainText('一次作业即可完成');
  // A window a week away: less than 28 days' notice, an emergency change that needs its reason.
  await expect(form).toContainText('按现场时区 Asia/Shanghai 填写');
  await typeDate(form.getByTestId('procedure-window-start'), shanghaiWall(7));
  await typeDate(form.getByTestId('procedure-window-end'), shanghaiWall(7, 6));
  const notice = form.getByTestId('procedure-notice');
  await expect(notice).toHaveAttribute('data-short', 'true');
  await expect(notice).toContainText('不足 28 天的通知期');
  await form.getByRole('button', { name: '开始程序' }).click();
  await expect(form).toContainText('通知期不足 28 天，请填写紧急变更原因');
  await form
    .getByTestId('procedure-emergency-reason')
    .fill('CVE-2026-3141 须在本月修复，客户安全部批准');
  await page.screenshot({ path: `${SCREENS}/procedure-start-zh.png`, fullPage: true });
  await form.getByRole('button', { name: '开始程序' }).click();

  const run = new RunScreen(page);
  await expect(page.getByTestId('procedure-mode')).toHaveText('正向执行');
  await expect(page.getByTestId('procedure-emergency')).toContainText('紧急变更');
  await expect(page.getByTestId('procedure-window')).toContainText('现场时间');
  await expect(page.getByTestId('procedure-identity')).toHaveAttribute('data-source', 'local');
  await expect(page.getByTestId('procedure-identity')).toContainText('王磊（本机工程师，未登录');
  // The automatic check reads the incidents on this laptop: none on this cluster.
  await expect(run.current).toHaveAttribute('data-step', 'no-severe-incidents');
  await expect(run.current.getByTestId('procedure-auto-incidents')).toHaveAttribute(
    'data-count',
    '0',
  );
  await run.current.getByTestId('procedure-auto-record').click();
  await run.done('no-severe-incidents');
  await expect(run.current).toHaveAttribute('data-step', 'nodes-ready');
  await expect(run.step('storage-migration')).toHaveClass(/is-irreversible/);

  // A NotReady node: the check fails, done stays disabled, the step is marked failed with a
  // reason; nothing was changed yet, so there is nothing to roll back.
  await run.paste(
    UPGRADE_OUTPUT['nodes-ready']!.replace('worker-01   Ready ', 'worker-01   NotReady '),
  );
  await expect(run.current.getByTestId('procedure-check')).toContainText('第 3 行出现“NotReady”');
  await expect(run.current.getByTestId('procedure-done')).toBeDisabled();
  await run.fail('worker-01 NotReady：kubelet 证书过期');
  await expect(run.step('nodes-ready')).toHaveAttribute('data-status', 'failed');
  await expect(run.current.getByTestId('procedure-rollback')).toContainText('无需回退');
  // Fixed on site; the retry passes.
  await run.pass('nodes-ready');
  await run.pass('etcd-health', { value: '3' });
  for (const id of ['cert-expiry', 'disk-free', 'registry-images']) await run.pass(id);

  // The Velero backup partially failed: the pre-check fails and keeps the window shut.
  await expect(run.current).toHaveAttribute('data-step', 'velero-backup');
  await run.paste('daily-20261220   PartiallyFailed   2   0   2026-12-20 02:00:13 +0800 CST');
  await run.fail('Velero 备份部分失败（2 个错误）');
  await run.step('etcd-snapshot').click();
  await expect(run.current.getByTestId('procedure-gate')).toContainText(
    'Velero 备份在 24 小时内且已完成',
  );
  await expect(run.current.getByTestId('procedure-start-step')).toBeDisabled();
  await run.step('velero-backup').click();
  // The executor cannot waive it; a second person can, with a reason.
  const waiver = run.current.getByTestId('procedure-waiver');
  await waiver.getByTestId('procedure-waiver-by').fill('王磊');
  await waiver.getByTestId('procedure-waiver-reason').fill('已另做 etcd 快照');
  await waiver.getByTestId('procedure-waive').click();
  await expect(page.getByText('保存失败：豁免须由执行人以外的第二人给出')).toBeVisible();
  await waiver.getByTestId('procedure-waiver-by').fill('李主管');
  await waiver.getByTestId('procedure-waive').click();
  await expect(run.step('velero-backup')).toHaveAttribute('data-status', 'waived');
  await run.pass('version-skew');

  // The change approval: the executor cannot approve; 李主管 can.
  await expect(run.current).toHaveAttribute('data-step', 'change-approval');
  await run.current.getByTestId('procedure-value').fill('CHG-2026-118');
  await run.current.getByTestId('procedure-save-value').click();
  await expect(run.current.getByTestId('procedure-done')).toBeDisabled();
  await run.current.getByTestId('procedure-approver').fill('王磊');
  await run.current.getByTestId('procedure-approve').click();
  await expect(page.getByText('保存失败：审批人不能是执行人')).toBeVisible();
  await run.current.getByTestId('procedure-approver').fill('李主管');
  await run.current.getByTestId('procedure-approve').click();
  await expect(run.current.getByTestId('procedure-approval-given')).toContainText('李主管 已批准');
  await run.done('change-approval');

  for (const id of [
    'etcd-snapshot',
    'backup-configs',
    'helm-revisions',
    'import-artifacts',
    'upgrade-platform',
  ])
    await run.pass(id);

  // The first control-plane node fails.
  await expect(run.current).toHaveAttribute('data-step', 'cp-first');
  await run.paste('PLAY RECAP *****\nmaster-01 : ok=512 changed=88 unreachable=0 failed=1');
  await expect(run.current.getByTestId('procedure-check')).toBeVisible();
  await run.fail('kube-apiserver 未能在 5 分钟内恢复');
  await expect(run.step('cp-first')).toHaveAttribute('data-status', 'failed');

  // Reload: the engineer is back at the failed step, with its rollback offer.
  await page.reload();
  await new AppShell(page).ready();
  await expect(run.current).toHaveAttribute('data-step', 'cp-first', { timeout: 30_000 });
  await expect(run.step('nodes-ready')).toHaveAttribute('data-status', 'done');
  const offer = run.current.getByTestId('procedure-rollback-steps');
  await expect(offer.locator('li')).toHaveText([
    '恢复控制平面配置与二进制',
    '从快照恢复 etcd',
    '平台组件回退到记录的 Helm 版本',
    '回退后验证',
  ]);
  await page.screenshot({ path: `${SCREENS}/procedure-rollback-offer-zh.png`, fullPage: true });
  await run.current.getByTestId('procedure-enter-rollback').click();
  await expect(page.getByTestId('procedure-mode')).toHaveText('回退中');

  for (const id of ['rb-cp-restore', 'rb-etcd-restore', 'rb-helm-rollback', 'rb-verify'])
    await run.pass(id);
  await page.getByTestId('procedure-complete').click();
  await expect(page.getByTestId('procedure-status')).toHaveText('已完成');
  await expect(page.getByTestId('procedure-outcome')).toHaveText('已回退');
  // The log holds every event with site and laptop time.
  const log = page.getByTestId('procedure-log');
  // The newest 50 first; the older ones on request.
  await expect(log.locator('[data-testid="procedure-event"]')).toHaveCount(50);
  await log.getByTestId('procedure-log-more').click();
  await expect(log.getByTestId('procedure-log-more')).toHaveCount(0);
  await expect(log.locator('[data-kind="rollback-entered"]')).toHaveCount(1);
  await expect(log.locator('[data-kind="step-failed"]')).toHaveCount(3);
  await expect(log.locator('[data-kind="approval-given"]')).toContainText('李主管');
  await page.screenshot({ path: `${SCREENS}/procedure-rolled-back-zh.png`, fullPage: true });

  await expect(log.locator('[data-kind="step-waived"]')).toContainText('李主管');

  // The upgrade record, made from the run and signed in the normal sign dialog.
  await page.getByTestId('procedure-record').click();
  const dialog = new GenerateReportDialog(page);
  await expect(dialog.root).toBeVisible();
  await expect(dialog.root.getByTestId('generate-number')).toContainText(/-UPG-\d{8}-0001/);
  await dialog.root.getByTestId('generate-render').click();
  await expect(dialog.root.getByTestId('generate-preview')).toBeVisible({ timeout: 180_000 });
  await dialog.setSigner('customer', '张主任', '信息中心主任');
  await dialog.drawSignature('customer', 1);
  await dialog.drawSignature('engineer', 2);
  await dialog.sign();
  await expect(dialog.verification()).toHaveText('签名有效');
  await dialog.export();
  await expect(page.getByText(/已导出到/).first()).toBeVisible();
  await dialog.close();
  await expect(page.getByTestId('source-deliverables')).toContainText('已签署');
  const files = (await readdir(harness.exportsDir)).filter((f) => f.endsWith('.pdf'));
  expect(files).toHaveLength(1);
  const pdf = join(harness.exportsDir, files[0]!);
  expect(files[0]).toMatch(/-UPG-\d{8}-0001-r1-zh\.pdf$/);
  expect(spawnSync('pdfsig', [pdf], { encoding: 'utf8' }).stdout).toMatch(
    /Signature Validation: Signature is Valid/,
  );
  const text = spawnSync('pdftotext', [pdf, '-'], { encoding: 'utf8' }).stdout.replace(/\s+/g, ' ');
  for (const s of [
    '升级记录',
    '5.0.3 → 5.1.0',
    '紧急变更',
    'CVE-2026-3141',
    '前置检查豁免',
    // Not signed in: the waiver's name was typed on this laptop, and the record says so.
    '由 李主管（本机录入，未验证） 于',
    '已另做 etcd 快照',
    '进入回退：自失败步骤“升级第一台管理节点（含 etcd）”',
    '已回退',
    '签字确认',
  ])
    // Compared without white space: pdftotext breaks CJK lines where the table wraps them.
    expect(text.replace(/\s+/g, '')).toContain(s.replace(/\s+/g, ''));
  spawnSync('pdftoppm', ['-png', '-r', '60', pdf, `${SCREENS}/procedure-upgrade-record-zh`]);
  await page.screenshot({ path: `${SCREENS}/procedure-run-zh.png`, fullPage: true });
  await new AppShell(page).switchLanguage('en');
  await expect(page.getByTestId('procedure-outcome')).toHaveText('Rolled back');
  await page.screenshot({ path: `${SCREENS}/procedure-run-en.png`, fullPage: true });
  await new AppShell(page).switchLanguage('zh');

  // Nothing can be added to a completed run; the customer page lists it.
  await page.goBack();
  await expect(page.getByTestId('procedure-run-row')).toContainText('已回退');
});
