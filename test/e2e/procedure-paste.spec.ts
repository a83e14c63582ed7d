/**
 * Paste-to-checks on a DCE 5 installation run (issue 9 §4): `kubectl get nodes -o wide` output,
 * as captured from a real cluster, pasted into the run's paste box is recognised, attached whole
 * to the open check that runs that command and judged as the parser says (a NotReady node fails
 * it, naming its line; all Ready passes); the raw text stays on the step and in the run's events
 * (it is there after a reload, where the screen is derived from the events alone). An output the
 * box does not read is refused, not attached to some step.
 */
import { expect as baseExpect, test } from './fixtures';
import {
  KUBECTL_GET_NODES_WIDE,
  KUBECTL_GET_NODES_WIDE_NOT_READY,
} from '../fixtures/kubectl-get-nodes';
import { AppShell } from './pages/app-shell';
import {
  DEPLOYMENT_OUTPUT,
  ProcedureForm,
  RunScreen,
  customerWithCluster,
} from './pages/procedures';

const expect = baseExpect.configure({ timeout: 15_000 });
const SCREENS = 'test-results/screens';

/** A host listing as the planning screen's precheck reader takes it (planned-vs-actual.ts). */
const PRECHECK_LISTING =
  'hostname: dce-worker-01\ncpu: 8\nmemory: 62.5Gi\nip: 10.20.30.31\nkernel: 5.14.0-284.11.1.el9_2.x86_64\n';

test('pasted kubectl get nodes -o wide fills the acceptance check of a DCE 5 installation run: NotReady fails it, all Ready passes, the raw text is kept on the step and in its events', async ({
  page,
}) => {
  test.setTimeout(300_000);
  await customerWithCluster(page, { version: '5.1.0' });
  await page.getByTestId('procedure-new').click();
  const form = new ProcedureForm(page);
  await form.template('DCE 5 部署实施检查单');
  await form.cluster('prod-core');
  await form.start();

  const run = new RunScreen(page, DEPLOYMENT_OUTPUT);
  await expect(run.current).toHaveAttribute('data-step', 'os-release');
  // Tall enough for the step card, the paste box and its verdict in one screenshot (the app's
  // content scrolls inside its layout, so a full-page screenshot is the viewport).
  await page.setViewportSize({ width: 1280, height: 1500 });
  const paste = page.getByTestId('procedure-paste');
  const log = page.getByTestId('procedure-log');
  const fill = async (text: string) => {
    await paste.getByTestId('procedure-paste-text').fill(text);
    await paste.getByTestId('procedure-paste-fill').click();
  };

  // Not an output the box reads: refused, nothing attached anywhere.
  await fill(PRECHECK_LISTING);
  await expect(paste).toContainText('无法识别此输出');
  await expect(paste.getByTestId('procedure-paste-result')).toHaveCount(0);
  await expect(log.locator('[data-kind="evidence-attached"]')).toHaveCount(0);
  await expect(run.current).toHaveAttribute('data-step', 'os-release');

  // worker-01 NotReady: the acceptance check is filled and fails, naming line 3.
  await fill(KUBECTL_GET_NODES_WIDE_NOT_READY);
  const result = paste.getByTestId('procedure-paste-result');
  await expect(result).toHaveAttribute('data-result', 'fail');
  await expect(result).toContainText('已填入“所有节点 Ready”：不通过');
  await expect(result.getByTestId('procedure-paste-line')).toHaveText([
    '第 3 行 worker-01：NotReady',
  ]);
  // The filled step opens with the same verdict from its expected result; it cannot be done.
  await expect(run.current).toHaveAttribute('data-step', 'acc-nodes');
  await expect(run.step('acc-nodes')).toHaveAttribute('data-status', 'in-progress');
  await expect(run.current.getByTestId('procedure-check')).toContainText('第 3 行出现“NotReady”');
  await expect(run.current.getByTestId('procedure-done')).toBeDisabled();
  // The raw text, whole, on the step.
  const items = run.current.getByTestId('procedure-evidence-item');
  await expect(items).toHaveCount(1);
  await expect(items.first()).toHaveAttribute('data-check', 'fail');
  await expect(items.first()).toContainText('命令输出（3 行）');
  expect(await items.first().locator('pre').textContent()).toBe(KUBECTL_GET_NODES_WIDE_NOT_READY);
  await expect(run.step('os-release')).toHaveAttribute('data-status', 'pending');
  await page.screenshot({ path: `${SCREENS}/procedure-paste-fail-zh.png`, fullPage: true });

  // The node is back: pasted again, the check passes and the step can be done.
  await fill(KUBECTL_GET_NODES_WIDE);
  await expect(result).toHaveAttribute('data-result', 'pass');
  await expect(result).toContainText('已填入“所有节点 Ready”：通过');
  await expect(result).toContainText('2 行全部符合');
  await expect(result.getByTestId('procedure-paste-line')).toHaveCount(0);
  await expect(run.current).toHaveAttribute('data-step', 'acc-nodes');
  await expect(run.current.getByTestId('procedure-check')).toHaveCount(0);
  await expect(run.current.getByTestId('procedure-check-pass')).toBeVisible();
  // Both outputs stay, newest first and open; the failed one folded.
  await expect(items).toHaveCount(2);
  await expect(items.nth(0)).toHaveAttribute('data-check', 'pass');
  await expect(items.nth(0)).toHaveJSProperty('open', true);
  await expect(items.nth(1)).toHaveAttribute('data-check', 'fail');
  await expect(items.nth(1)).toHaveJSProperty('open', false);
  expect(await items.nth(0).locator('pre').textContent()).toBe(KUBECTL_GET_NODES_WIDE);
  await page.screenshot({ path: `${SCREENS}/procedure-paste-pass-zh.png`, fullPage: true });
  await run.done('acc-nodes');

  // The log: one evidence event per paste, on that step, with its check.
  const attached = log.locator('[data-kind="evidence-attached"]');
  await expect(attached).toHaveCount(2);
  await expect(attached.nth(0)).toContainText('所有节点 Ready · 输出符合预期');
  await expect(attached.nth(1)).toContainText('所有节点 Ready · 输出不符合预期');
  await expect(log.locator('[data-kind="step-done"]')).toContainText('所有节点 Ready');

  // After a reload (the screen derived from the stored events only) the texts are still there.
  await page.reload();
  await new AppShell(page).ready();
  await run.step('acc-nodes').click();
  await expect(run.current).toHaveAttribute('data-step', 'acc-nodes');
  await expect(run.step('acc-nodes')).toHaveAttribute('data-status', 'done');
  await expect(items).toHaveCount(2);
  expect(await items.nth(0).locator('pre').textContent()).toBe(KUBECTL_GET_NODES_WIDE);
  expect(await items.nth(1).locator('pre').textContent()).toBe(KUBECTL_GET_NODES_WIDE_NOT_READY);
  // The other checks were not touched.
  for (const id of ['os-release', 'swap-off', 'time-sync', 'installer-run'])
    await expect(run.step(id)).toHaveAttribute('data-status', 'pending');
});
