/**
 * The procedure screens (issue 9), shared by the procedure specs: a customer with a cluster to
 * run procedures on, the start form, the run screen (the current step, pasting output, marking
 * steps done or failed); and the command output that satisfies each step of the DCE 5 minor
 * upgrade runbook and of the DCE 5 installation checklist, as an engineer would paste it.
 */
import type { Locator, Page } from '@playwright/test';
import { expect as baseExpect } from '@playwright/test';
import { CustomerDetail } from './customers';
import { chooseOption, typeDate } from './visits-antd';
import { createCustomerWithSite, startAsEngineer } from './visits-setup';

/** The screens read an encrypted local database; on a loaded 2-core machine 5 s is too tight. */
const expect = baseExpect.configure({ timeout: 15_000 });

/** Output that satisfies each step's expected result (as an engineer would paste it). */
export const UPGRADE_OUTPUT: Record<string, string> = {
  'nodes-ready':
    'NAME        STATUS   ROLES           AGE    VERSION\nmaster-01   Ready    control-plane   412d   v1.27.5\nworker-01   Ready    <none>          412d   v1.27.5\n',
  'etcd-health': '| https://10.20.0.11:2379 |   true | 8.1ms |       |',
  'cert-expiry': 'admin.conf   Dec 01, 2027 08:00 UTC   362d   ca   no\n',
  'disk-free': '/dev/sdb1 200G 92G 109G 46% /var/lib\n/dev/sdc1 50G 12G 38G 24% /var/lib/etcd\n',
  'registry-images': `"Name": "kubernetes/kube-apiserver",\n"Digest": "sha256:${'ab'.repeat(32)}"`,
  'velero-backup': 'daily-20261220   Completed   0   0   2026-12-20 02:00:13 +0800 CST',
  'version-skew': 'serverVersion:\n  gitVersion: v1.27.5',
  'etcd-snapshot': 'Snapshot saved at /var/backups/etcd/pre-upgrade.db',
  'backup-configs': '-rw-r--r-- 1 root root 81M k8s-pre-upgrade-master-01.tgz',
  'helm-revisions': 'NAME   NAMESPACE   REVISION   STATUS\nghippo  ghippo-system  3  deployed',
  'import-artifacts': 'import artifacts finished',
  'upgrade-platform': 'gproduct upgrade completed',
  'rb-cp-restore': 'a1b2c3  kube-apiserver  Running',
  'rb-etcd-restore': 'https://10.20.0.11:2379 is healthy: successfully committed proposal',
  'rb-helm-rollback': 'Rollback was a success! Happy Helming!',
  'rb-verify': 'master-01   Ready    control-plane   412d   v1.26.9\n',
};

/** Output that satisfies each output step of the DCE 5 installation checklist. */
export const DEPLOYMENT_OUTPUT: Record<string, string> = {
  'os-release':
    'NAME="Rocky Linux"\nVERSION="8.9 (Green Obsidian)"\nVERSION_ID="8.9"\n4.18.0-513.5.1.el8_9.x86_64',
  'swap-off': 'Swap:             0           0           0\n',
  'time-sync':
    'Reference ID    : 0A140001 (10.20.0.1)\nStratum         : 3\nLeap status     : Normal\n',
  'offline-package': `${'3f'.repeat(32)}  offline-v5.1.0-amd64.tar\n`,
  'installer-run':
    'PLAY RECAP *********************************************************************\nmaster-01 : ok=812 changed=301 unreachable=0 failed=0 skipped=120\n[INFO] installation finished',
  'acc-nodes':
    'NAME        STATUS   ROLES           AGE   VERSION   INTERNAL-IP\nmaster-01   Ready    control-plane   35m   v1.27.5   10.20.0.11\nworker-01   Ready    <none>          31m   v1.27.5   10.20.0.21\n',
};

/**
 * A local engineer 王磊 (not signed in), the customer 江南联合银行 with its site 上海张江数据中心
 * (Asia/Shanghai) and the DCE cluster prod-core at `version`, made in the UI; leaves the browser
 * on the customer's overview tab.
 */
export async function customerWithCluster(
  page: Page,
  cluster: { version: string; controlPlaneNodes?: number; workerNodes?: number },
): Promise<CustomerDetail> {
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
    version: cluster.version,
    controlPlaneNodes: cluster.controlPlaneNodes ?? 1,
    workerNodes: cluster.workerNodes ?? 1,
  });
  await detail.tab('概况');
  return detail;
}

/** The start form (开始程序), opened from the customer page, a visit or a cluster's page. */
export class ProcedureForm {
  constructor(readonly page: Page) {}
  get root(): Locator {
    return this.page.getByTestId('procedure-form');
  }
  async template(name: string): Promise<void> {
    await chooseOption(this.page, this.root.locator('.ant-select').first(), name, {
      search: false,
    });
  }
  async cluster(name: string): Promise<void> {
    await chooseOption(this.page, this.root.locator('.ant-select').nth(2), name, {
      search: false,
    });
  }
  /** An upgrade to `toVersion` in a 6-hour window `days` from now (Shanghai wall clock). */
  async upgrade(toVersion: string, days: number): Promise<void> {
    await this.root.getByTestId('procedure-to-version').fill(toVersion);
    await typeDate(this.root.getByTestId('procedure-window-start'), shanghaiWall(days));
    await typeDate(this.root.getByTestId('procedure-window-end'), shanghaiWall(days, 6));
  }
  async start(): Promise<void> {
    await this.root.getByRole('button', { name: /开始程序|Start procedure/ }).click();
  }
}

/** `yyyy-MM-dd HH:mm` on the wall clock of Shanghai, `days` from now. */
export function shanghaiWall(days: number, hours = 0): string {
  const at = new Date(Date.now() + days * 86_400_000 + hours * 3_600_000);
  return at.toLocaleString('sv-SE', { timeZone: 'Asia/Shanghai' }).slice(0, 16);
}

export class RunScreen {
  /** `outputs`: the passing output of each step, by step id (the upgrade runbook's by default). */
  constructor(
    readonly page: Page,
    readonly outputs: Record<string, string> = UPGRADE_OUTPUT,
  ) {}
  get current(): Locator {
    return this.page.getByTestId('procedure-current');
  }
  step(id: string): Locator {
    return this.page.locator(`[data-testid="procedure-step"][data-step="${id}"]`);
  }
  async paste(text: string): Promise<void> {
    await this.current.getByTestId('procedure-output').fill(text);
    await this.current.getByTestId('procedure-attach-output').click();
  }
  async done(id: string): Promise<void> {
    await this.current.getByTestId('procedure-done').click();
    await expect(this.step(id)).toHaveAttribute('data-status', 'done');
  }
  /** The current step is `id`: paste its passing output (and a value), mark it done. */
  async pass(id: string, options: { output?: string; value?: string } = {}): Promise<void> {
    await expect(this.current).toHaveAttribute('data-step', id);
    const output = options.output ?? this.outputs[id];
    if (output === undefined) throw new Error(`no passing output for step ${id}`);
    await this.paste(output);
    await expect(this.current.getByTestId('procedure-check-pass')).toBeVisible();
    if (options.value !== undefined) await this.value(options.value);
    await this.done(id);
  }
  async value(text: string): Promise<void> {
    await this.current.getByTestId('procedure-value').fill(text);
    await this.current.getByTestId('procedure-save-value').click();
  }
  async fail(reason: string): Promise<void> {
    await this.current.getByTestId('procedure-fail').click();
    await this.page.getByTestId('procedure-fail-reason').fill(reason);
    await this.page
      .locator('.ant-modal-footer:visible')
      .getByRole('button', { name: /确\s*定|OK/ })
      .click();
  }
}
