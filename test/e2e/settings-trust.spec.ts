/**
 * Settings shows what the laptop signs with and which rules it counts by (issue 12): the
 * signing certificate (none before the first signature, then self-signed with subject, issuer,
 * validity and fingerprint) and the holiday calendars and policy packs in use, in both languages.
 */
import { expect as baseExpect, test } from './fixtures';
import { AppShell } from './pages/app-shell';

const expect = baseExpect.configure({ timeout: 60_000 });
const SHOTS = process.env['FIELDBOOK_SCREENSHOTS'];

test('signing certificate, calendars and policy packs in use (zh, en)', async ({
  page,
  harness,
}) => {
  test.setTimeout(180_000);
  const shell = new AppShell(page);
  await shell.openWithSample('王磊');
  await shell.goTo('settings');
  await expect(page.getByTestId('signing-none')).toContainText('首次签署交付文档时');

  const policies = page.getByTestId('policies-card');
  const calendars = policies.getByTestId('calendars-in-use');
  // The sample's Singapore site counts by Singapore's public holidays, the others by 调休.
  await expect(calendars.getByRole('row').filter({ hasText: 'sg' })).toContainText(
    '新加坡公共假日',
  );
  await expect(calendars.getByRole('row').filter({ hasText: 'sg' })).toContainText(
    'date-holidays 3.37.0',
  );
  await expect(calendars.getByRole('row').filter({ hasText: 'cn' })).toContainText('含调休');
  const packs = policies.getByTestId('packs-in-use');
  await expect(packs.getByRole('row').filter({ hasText: 'dce-support' })).toContainText('1.0.0');

  // The first signature's identity (what signing a deliverable creates), then Settings again.
  await harness.services.signingIdentities.get({
    commonName: '王磊',
    organisation: 'Fieldbook (self-signed, not enrolled)',
  });
  await shell.reload();
  await shell.goTo('settings');
  const cert = page.getByTestId('signing-certificate');
  await expect(cert).toContainText('自签名（未登记）');
  await expect(cert).toContainText('CN=王磊');
  await expect(cert).toContainText(/([0-9A-F]{2}:){31}[0-9A-F]{2}/);
  await cert.scrollIntoViewIfNeeded();
  if (SHOTS) await page.screenshot({ path: `${SHOTS}/settings-trust-zh.png`, fullPage: true });

  await shell.switchLanguage('en');
  await expect(cert).toContainText('Self-signed (not enrolled)');
  await expect(calendars).toContainText('Singapore public holidays');
  await expect(page.getByText('Calendars and policy packs in use')).toBeVisible();
  if (SHOTS) await page.screenshot({ path: `${SHOTS}/settings-trust-en.png`, fullPage: true });
});
