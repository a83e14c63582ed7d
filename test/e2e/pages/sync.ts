/** Page objects of sync: the header's status bar and the sync screen (Chinese UI). */
import { expect as baseExpect } from '@playwright/test';
import type { Locator, Page } from '@playwright/test';

/** Replication runs behind the UI; on a loaded 2-core machine give it time. */
const expect = baseExpect.configure({ timeout: 30_000 });

export class SyncStatusBar {
  constructor(readonly page: Page) {}

  get root(): Locator {
    return this.page.getByTestId('sync-bar');
  }

  get state(): Locator {
    return this.page.getByTestId('sync-status');
  }

  get pending(): Locator {
    return this.page.getByTestId('sync-pending');
  }

  get lastSync(): Locator {
    return this.page.getByTestId('sync-last');
  }

  get error(): Locator {
    return this.page.getByTestId('sync-error');
  }

  async expectPhase(phase: 'localOnly' | 'online' | 'offline' | 'syncing' | 'expired' | 'stopped') {
    await expect(this.state).toHaveAttribute('data-phase', phase);
  }

  /** Online and nothing left to push. */
  async expectSynced(): Promise<void> {
    await expect(this.pending).toHaveText('无待同步更改');
    await expect(this.state).toHaveAttribute('data-phase', /online|syncing/);
    await expect(this.state).toHaveAttribute('data-phase', 'online');
    await expect(this.lastSync).toContainText('上次同步');
  }
}

export class SyncScreen {
  constructor(readonly page: Page) {}

  async goto(): Promise<void> {
    await this.page.getByRole('navigation').getByRole('menuitem', { name: '同步' }).click();
    await expect(this.page.getByRole('heading', { level: 1, name: '同步' })).toBeVisible();
  }

  get form(): Locator {
    return this.page.getByTestId('sign-in');
  }

  get error(): Locator {
    return this.page.getByTestId('sign-in-error');
  }

  get account(): Locator {
    return this.page.getByTestId('sync-account');
  }

  async fill(serverUrl: string, username: string, password: string): Promise<void> {
    await this.form.getByLabel('服务器地址').fill(serverUrl);
    await this.form.getByLabel('用户名').fill(username);
    await this.form.getByLabel('密码').fill(password);
  }

  async submit(): Promise<void> {
    await this.form.getByRole('button', { name: '登录' }).click();
  }

  /** Signs in and waits for the account card. */
  async signIn(serverUrl: string, username: string, password: string): Promise<void> {
    await this.fill(serverUrl, username, password);
    await this.submit();
    await expect(this.account).toContainText(username);
  }

  async signOut(): Promise<void> {
    await this.account.getByRole('button', { name: '退出登录' }).click();
    await this.page.getByRole('dialog').getByRole('button', { name: '退出登录' }).click();
    await expect(this.form).toBeVisible();
  }
}
