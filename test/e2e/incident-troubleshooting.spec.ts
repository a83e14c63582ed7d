/**
 * A troubleshooting guide started from an incident: 排障指引 picks the topic, the run opens
 * linked to the incident, the pasted `kubectl describe node` and kubelet log pick the branches,
 * and the incident page shows the path taken with who and when.
 */
import { expect as baseExpect, test } from './fixtures';
import { IncidentsListPage } from './pages/incidents';
import { chooseOption } from './pages/visits-antd';
import { createCustomerWithSite, startAsEngineer } from './pages/visits-setup';

const expect = baseExpect.configure({ timeout: 15_000 });
const SCREENS = 'test-results/screens';

test.use({ timezoneId: 'Asia/Shanghai' });

test('排障指引 from an incident: node NotReady, the branches read from pasted output, the path on the incident', async ({
  page,
}) => {
  test.setTimeout(300_000);
  await page.addInitScript(startAsEngineer, '王磊');
  await createCustomerWithSite(page, {
    customer: '华北能源集团',
    site: '北京亦庄数据中心',
    timeZone: 'Asia/Shanghai',
    contract: {
      number: 'DC-2026-0158',
      tierName: '标准服务',
      service: 'SNS',
      startDate: '2026-01-01',
      endDate: '2027-12-31',
    },
  });
  const list = new IncidentsListPage(page);
  await list.goto();
  const form = await list.fillNewIncident({
    customer: '华北能源集团',
    site: '北京亦庄数据中心',
    contractNumber: 'DC-2026-0158',
    title: 'worker-03 NotReady',
    firstContact: '2026-12-01 09:00',
    level: '2',
  });
  await list.save(form);
  const incidentUrl = page.url();

  await page.getByTestId('incident-troubleshoot').click();
  const start = page.getByTestId('incident-troubleshoot-form');
  await chooseOption(page, start.locator('.ant-select'), '排障：节点状态未就绪（NotReady）', {
    search: false,
  });
  await page.screenshot({ path: `${SCREENS}/incident-troubleshoot-pick-zh.png` });
  await page.getByTestId('incident-troubleshoot-start').click();

  const current = page.getByTestId('procedure-current');
  await expect(current).toHaveAttribute('data-step', 'describe-node');
  const paste = async (text: string) => {
    await current.getByTestId('procedure-output').fill(text);
    await current.getByTestId('procedure-attach-output').click();
    await expect(current.getByTestId('procedure-done')).toBeEnabled();
    await current.getByTestId('procedure-done').click();
  };
  await paste(
    'Conditions:\n  Type             Status    Reason              Message\n  MemoryPressure   Unknown   NodeStatusUnknown   Kubelet stopped posting node status.\n  Ready            Unknown   NodeStatusUnknown   Kubelet stopped posting node status.\nAddresses:',
  );
  await expect(current).toHaveAttribute('data-step', 'kubelet-log');
  await paste(
    'Dec 20 09:12:01 worker-03 kubelet[1187]: E1220 bootstrap.go:266] part of the existing bootstrap client certificate in /etc/kubernetes/kubelet.conf is expired\nDec 20 09:12:01 worker-03 kubelet[1187]: x509: certificate has expired or is not yet valid',
  );
  // The kubelet log chose the certificate branch: the restart and runtime fixes are bypassed.
  await expect(current).toHaveAttribute('data-step', 'fix-kubelet-cert');
  await expect(
    page.locator('[data-testid="procedure-step"][data-step="restart-kubelet"]'),
  ).toHaveAttribute('data-status', 'bypassed');
  // The last step by keyboard alone: Alt+O to the output box, attach, Alt+Enter marks it done;
  // ? lists the shortcuts.
  await page.keyboard.press('Alt+o');
  await expect(current.getByTestId('procedure-output')).toBeFocused();
  await page.keyboard.type('notAfter=Dec 20 09:30:00 2027 GMT');
  await current.getByTestId('procedure-attach-output').click();
  await expect(current.getByTestId('procedure-done')).toBeEnabled();
  await page.keyboard.press('Alt+Enter');
  await expect(
    page.locator('[data-testid="procedure-step"][data-step="fix-kubelet-cert"]'),
  ).toHaveAttribute('data-status', 'done');
  await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
  await page.keyboard.press('Shift+?');
  await expect(page.getByTestId('procedure-shortcuts-list')).toContainText('Alt + Enter');
  await page.screenshot({ path: `${SCREENS}/procedure-shortcuts-zh.png` });
  await page.keyboard.press('Escape');
  await page.getByTestId('procedure-complete').click();
  await expect(page.getByTestId('procedure-status')).toHaveText('已完成');

  await page.goto(incidentUrl);
  const runs = page.getByTestId('incident-procedures');
  await expect(runs).toContainText('排障：节点状态未就绪（NotReady）');
  await expect(runs.getByTestId('incident-procedure-step')).toHaveText([
    /查看节点 Conditions.*\(王磊, /,
    /查看 kubelet 状态与日志 → kubelet 证书过期.*王磊/,
    /重新签发 kubelet 客户端证书 · 已处理/,
  ]);
  await page.screenshot({ path: `${SCREENS}/incident-troubleshoot-path-zh.png`, fullPage: true });
});
