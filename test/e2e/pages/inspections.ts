/**
 * Page objects of the inspection screens (Chinese UI unless a method says otherwise): the start
 * dialog, the checklist of one inspection with its sections, score and findings.
 */
import { expect as baseExpect } from '@playwright/test';
import type { Locator, Page } from '@playwright/test';

/** The checklist reads and writes an encrypted local database: allow for a loaded machine. */
const expect = baseExpect.configure({ timeout: 15_000 });

export class StartInspectionDialog {
  constructor(readonly page: Page) {}

  get dialog(): Locator {
    return this.page.getByRole('dialog', { name: '开始巡检' });
  }

  get template(): Locator {
    return this.dialog.getByTestId('inspection-template');
  }

  async start(): Promise<InspectionPage> {
    await this.dialog.getByRole('button', { name: '开始巡检' }).click();
    await expect(this.dialog).toBeHidden();
    const page = new InspectionPage(this.page);
    await expect(page.root).toBeVisible();
    return page;
  }
}

export class InspectionPage {
  constructor(readonly page: Page) {}

  get root(): Locator {
    return this.page.getByTestId('inspection-page');
  }

  get status(): Locator {
    return this.page.getByTestId('inspection-status');
  }

  get score(): Locator {
    return this.page.getByTestId('health-score');
  }

  get findings(): Locator {
    return this.page.getByTestId('findings-summary').getByTestId('finding');
  }

  get section(): Locator {
    return this.page.getByTestId('section');
  }

  async openSection(name: string): Promise<void> {
    await this.page.getByRole('menuitem', { name: new RegExp(`^${name}`) }).click();
    await expect(this.section.getByRole('heading', { level: 2 })).toHaveText(name);
  }

  item(itemId: string): Locator {
    return this.section.locator(`[data-testid="check-item"][data-item="${itemId}"]`);
  }

  /** The row of a check: the only one of a cluster-level item, or a node's. */
  row(itemId: string, node?: string): Locator {
    const rows = this.item(itemId).getByTestId('check-row');
    return node === undefined ? rows.first() : rows.and(this.page.locator(`[data-node="${node}"]`));
  }

  result(itemId: string, node?: string): Locator {
    return this.row(itemId, node).getByTestId('check-result');
  }

  async choose(itemId: string, label: '正常' | '警告' | '异常' | '不适用', node?: string) {
    await this.row(itemId, node).getByText(label, { exact: true }).click();
    await expect(this.row(itemId, node).getByRole('radio', { name: label })).toBeChecked();
  }

  /** Types a measured value and leaves the field (which saves it). */
  async measure(itemId: string, value: string, node?: string): Promise<void> {
    const input = this.row(itemId, node).getByTestId('check-value');
    await input.fill(value);
    await input.press('Tab');
  }

  async note(itemId: string, text: string, node?: string): Promise<void> {
    const area = this.row(itemId, node).getByTestId('check-note');
    await area.fill(text);
    await area.blur();
  }

  async attach(
    itemId: string,
    file: { name: string; mimeType: string; buffer: Buffer },
    node?: string,
  ): Promise<void> {
    await this.row(itemId, node).getByTestId('check-file-input').setInputFiles(file);
    await expect(this.page.getByText('已添加证据')).toBeVisible();
  }

  async complete(): Promise<void> {
    await this.page.getByTestId('inspection-complete').click();
    const confirm = this.page.getByRole('dialog', { name: '确认完成巡检？' });
    await confirm.getByRole('button', { name: '完成巡检' }).click();
    await expect(this.status).toHaveText('已完成');
  }
}
