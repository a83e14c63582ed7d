/** Page object of the settings screen. */
import { expect } from '@playwright/test';
import type { Locator, Page } from '@playwright/test';

export class SettingsPage {
  constructor(readonly page: Page) {}

  async setEngineer(name: string): Promise<void> {
    await this.page.getByLabel('工程师姓名').fill(name);
    await this.page.getByRole('button', { name: '保存' }).click();
    await expect(this.page.getByTestId('current-engineer')).toContainText(name);
  }

  get appInfo(): Locator {
    return this.page.getByTestId('app-info');
  }
}
