/**
 * Signing on an enrolled laptop, end to end (issue 7 item 1): the engineer signs in to the real
 * sync server (the laptop enrols: its certificate is issued by the organisation's CA, and it keeps
 * that CA), goes offline, runs an inspection to completion, generates its report, signs it by
 * drawing (customer and engineer) and exports the PDF. The dialog shows the signature intact and
 * the chain trusted. Then, outside the app and without its profile, `fieldbook verify --ca` with
 * the CA downloaded from the server reports the chain trusted, and pdfsig with an NSS store
 * holding the CA says "Certificate is Trusted".
 */
import { spawnSync } from 'node:child_process';
import { copyFile, mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isSelfIssued } from '../../src-shared/pki/certificates';
import { routes } from '../../src-shared/sync';
import { expect as baseExpect, test } from './fixtures';
import { authorizeContext } from './harness/authorize';
import { desktopShim } from './harness/desktop-shim';
import { startHarness } from './harness/server';
import { CuttableRelay, startSeededSyncServer } from './harness/sync-server';
import type { SeededSyncServer } from './harness/sync-server';
import { AppShell, FirstRunScreen } from './pages/app-shell';
import { CustomersPage } from './pages/customers';
import { GenerateReportDialog } from './pages/deliverables';
import { StartInspectionDialog } from './pages/inspections';
import { SyncScreen, SyncStatusBar } from './pages/sync';
import { startAsEngineer } from './pages/visits-setup';

const expect = baseExpect.configure({ timeout: 45_000 });
const ROOT = join(import.meta.dirname, '../..');
const SHOTS = join(ROOT, 'test-results/enrolled-signing');
/** Short reconnection delays: the status bar must notice the cut soon. */
const FAST_STREAMS = { streamRetryMs: 200, streamRetryMaxMs: 1000, requestTimeoutMs: 5000 };

function run(cmd: string, args: string[], env: NodeJS.ProcessEnv = process.env) {
  const r = spawnSync(cmd, args, { encoding: 'utf8', cwd: ROOT, env });
  if (r.error) throw r.error;
  return { status: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

let server: SeededSyncServer;

test.beforeEach(async () => {
  server = await startSeededSyncServer();
});

test.afterEach(async () => {
  await server?.close();
});

test.use({ timezoneId: 'Asia/Shanghai' });

test('an enrolled laptop, offline, signs an inspection report that verifies as trusted outside the app', async ({
  browser,
}) => {
  test.setTimeout(360_000);
  await mkdir(SHOTS, { recursive: true });
  const eng = server.engineers[0]!;
  const relay = await CuttableRelay.start(server.url);
  const dir = await mkdtemp(join(tmpdir(), 'fieldbook-e2e-enrolled-'));
  const outside = await mkdtemp(join(tmpdir(), 'fieldbook-e2e-reader-'));
  const harness = await startHarness({ userDataDir: dir, sync: FAST_STREAMS });
  const context = await browser.newContext({ baseURL: harness.url, locale: 'zh-CN' });
  try {
    await context.addInitScript(desktopShim);
    await authorizeContext(context, harness);
    const page = await context.newPage();
    await page.addInitScript(startAsEngineer, '王磊');

    // Sign in (through the relay that will be cut): the laptop enrols and keeps the CA.
    const shell = new AppShell(page);
    await shell.open();
    await expect(new FirstRunScreen(page).root).toHaveCount(0);
    const screen = new SyncScreen(page);
    await screen.goto();
    await screen.signIn(relay.url, eng.username, eng.password);
    const bar = new SyncStatusBar(page);
    await bar.expectSynced();
    await expect
      .poll(async () => (await harness.services.signingIdentities.trustedCa()).problem)
      .toBeNull();
    expect(isSelfIssued((await harness.services.signingIdentities.get()).certificate)).toBe(false);

    // Offline from here on.
    await relay.cut();
    await bar.expectPhase('offline');

    // The customer came down with the sync; its site gets a cluster, the cluster an inspection.
    await page.getByRole('navigation').getByRole('menuitem', { name: '客户' }).click();
    const detail = await new CustomersPage(page).open(server.customer.name);
    await detail.addCluster({
      site: server.site.name,
      name: 'grid-core',
      environment: '生产',
      product: 'DCE',
      version: '5.0.3',
      controlPlaneNodes: 1,
      workerNodes: 1,
    });
    await detail
      .clusterRow('grid-core')
      .getByRole('button', { name: '开始巡检 grid-core' })
      .click();
    const inspection = await new StartInspectionDialog(page).start();
    await inspection.choose('apiserver-health', '正常');
    await inspection.choose('coredns', '正常');
    await inspection.measure('etcd-db-size', '41');
    await expect(inspection.result('etcd-db-size')).toHaveAttribute('data-result', 'pass');
    await inspection.openSection('总体评价');
    const evaluation = page.getByTestId('overall-evaluation');
    await evaluation.fill('离线巡检：集群运行正常。');
    await evaluation.blur();
    await inspection.complete();

    // The report, signed by drawing, on the enrolled (and offline) laptop.
    await page.getByTestId('inspection-generate-report').click();
    const dialog = new GenerateReportDialog(page);
    await expect(dialog.root).toBeVisible();
    await dialog.render();
    await dialog.setSigner('customer', '赵敏', '机房主管');
    await dialog.drawSignature('customer', 1);
    await dialog.drawSignature('engineer', 2);
    await dialog.sign();
    await expect(dialog.root.getByTestId('generate-error')).toHaveCount(0);
    await expect(dialog.verification()).toHaveText('签名有效');
    const chain = dialog.root.getByTestId('generate-chain');
    await expect(chain).toHaveAttribute('data-chain', 'trusted');
    await expect(chain).toHaveText('证书链受信任（机构 CA）');
    await expect(dialog.root).not.toContainText('自签名');
    await page.screenshot({ path: join(SHOTS, 'signed-state.png') });
    const sha256 = (await dialog.sha256().textContent())?.trim() ?? '';
    await dialog.export();
    await expect(page.getByText(/已导出到/)).toBeVisible();
    await dialog.close();
    await expect(page.getByTestId('source-deliverables')).toContainText('已签署');
    await expect(bar.state).toHaveAttribute('data-phase', 'offline');

    const files = await readdir(harness.exportsDir);
    expect(files).toHaveLength(1);
    const exported = join(harness.exportsDir, files[0]!);
    expect(run('sha256sum', [exported]).stdout.split(' ')[0]).toBe(sha256);

    // Another user, outside the app: only the PDF they were handed and the CA from the server.
    const pdf = join(outside, 'report.pdf');
    await copyFile(exported, pdf);
    const caFile = join(outside, 'ca.pem');
    await writeFile(caFile, await (await fetch(server.url + routes.caCertificate())).text());
    const env = { ...process.env, HOME: outside, DATABASE_URL: '' };
    const verify = run('node', ['bin/fieldbook.mjs', 'verify', pdf, '--ca', caFile], env);
    expect(verify.status, verify.stdout + verify.stderr).toBe(0);
    expect(JSON.parse(verify.stdout)).toMatchObject({
      valid: true,
      chain: 'trusted',
      signerCommonName: eng.username,
    });
    const nss = `sql:${join(outside, 'nss')}`;
    await mkdir(join(outside, 'nss'));
    expect(run('certutil', ['-N', '-d', nss, '--empty-password']).status).toBe(0);
    const add = run('certutil', [
      '-A',
      '-d',
      nss,
      '-n',
      'fieldbook-ca',
      '-t',
      'CT,C,C',
      '-i',
      caFile,
    ]);
    expect(add.status, add.stderr).toBe(0);
    const sig = run('pdfsig', ['-nssdir', nss, pdf]);
    expect(sig.stdout).toContain('Signature is Valid.');
    expect(sig.stdout).toContain('Certificate is Trusted.');
    expect(sig.stdout).toContain('Total document signed');

    const firstPage = run('pdftoppm', [
      '-png',
      '-r',
      '60',
      '-f',
      '1',
      '-l',
      '1',
      '-singlefile',
      pdf,
      join(SHOTS, 'report-page-1'),
    ]);
    expect(firstPage.status, firstPage.stderr).toBe(0);
  } finally {
    await context.close();
    await harness.close();
    await relay.close();
    await rm(dir, { recursive: true, force: true });
    await rm(outside, { recursive: true, force: true });
  }
});
