/** Page objects of the visits screens (Chinese UI, the default language). */
import { expect as baseExpect } from '@playwright/test';
import type { Locator, Page } from '@playwright/test';
import { chooseOption, dialog } from './visits-antd';

/** These screens read an encrypted local database; on a loaded 2-core machine 5 s is too tight. */
const expect = baseExpect.configure({ timeout: 15_000 });

export class VisitsListPage {
  constructor(readonly page: Page) {}

  async goto(): Promise<void> {
    await this.page.goto('/#/visits');
    await expect(this.page.getByRole('heading', { name: '现场访问' })).toBeVisible();
  }

  rows(): Locator {
    return this.page.getByTestId('visit-row');
  }

  /** Creates a visit through the form; ends on the new visit's page. */
  async createVisit(input: {
    customer: string;
    site: string;
    purpose: string;
    summary: string;
  }): Promise<VisitDetailPage> {
    await this.page.getByRole('button', { name: '新建访问' }).click();
    const form = dialog(this.page, '新建现场访问');
    await chooseOption(this.page, form.getByTestId('visit-customer'), input.customer);
    await chooseOption(this.page, form.getByTestId('visit-site'), input.site);
    await chooseOption(this.page, form.getByTestId('visit-purpose'), input.purpose);
    await form.getByTestId('visit-summary').fill(input.summary);
    await form.getByRole('button', { name: /新\s*建/ }).click();
    await expect(form).toHaveCount(0);
    const detail = new VisitDetailPage(this.page);
    await expect(detail.status()).toHaveText('计划中');
    return detail;
  }
}

export class VisitDetailPage {
  constructor(readonly page: Page) {}

  status(): Locator {
    return this.page.getByTestId('visit-status').first();
  }

  entries(): Locator {
    return this.page.getByTestId('log-entry');
  }

  entry(text: string): Locator {
    return this.entries().filter({ hasText: text });
  }

  /** Checks in (or out) at the default time, now. */
  async checkIn(): Promise<void> {
    await this.page.getByTestId('visit-check-in').click();
    const d = dialog(this.page, '确认签到');
    await d.getByRole('button', { name: '确认签到' }).click();
    await expect(d).toHaveCount(0);
    await expect(this.status()).toHaveText('已签到');
  }

  async checkOut(): Promise<void> {
    await this.page.getByTestId('visit-check-out').click();
    const d = dialog(this.page, '确认签退');
    await d.getByRole('button', { name: '确认签退' }).click();
    await expect(d).toHaveCount(0);
    await expect(this.status()).toHaveText('已签退');
  }

  private composer(): Locator {
    return this.page.getByTestId('log-composer');
  }

  async chooseKind(label: '记录' | '命令输出' | '照片' | '文件'): Promise<void> {
    await this.composer().getByTestId('log-kind').getByText(label, { exact: true }).click();
  }

  /** Writes a note and submits it with Ctrl+Enter (the keyboard path). */
  async addNote(text: string): Promise<void> {
    await this.chooseKind('记录');
    const box = this.composer().getByTestId('log-text-input');
    await box.fill(text);
    await box.press('Control+Enter');
    await expect(this.entry(text)).toHaveCount(1);
  }

  async addCommand(command: string, output: string, caption = ''): Promise<void> {
    await this.chooseKind('命令输出');
    await this.composer().getByTestId('log-command-input').fill(command);
    await this.composer().getByTestId('log-output-input').fill(output);
    if (caption !== '') await this.composer().getByTestId('log-text-input').fill(caption);
    await this.composer().getByTestId('log-submit').click();
    await expect(this.entries().filter({ hasText: command })).toHaveCount(1);
  }

  async addPhoto(
    file: { name: string; mimeType: string; buffer: Buffer },
    caption: string,
  ): Promise<void> {
    await this.chooseKind('照片');
    await this.composer().getByTestId('log-file-input').setInputFiles(file);
    await expect(this.composer().getByTestId('log-selected-files')).toContainText(file.name);
    await this.composer().getByTestId('log-text-input').fill(caption);
    await this.composer().getByTestId('log-submit').click();
    await expect(this.entry(caption)).toHaveCount(1);
  }

  async addFile(
    file: { name: string; mimeType: string; buffer: Buffer },
    caption: string,
  ): Promise<void> {
    await this.chooseKind('文件');
    await this.composer().getByTestId('log-file-input').setInputFiles(file);
    await expect(this.composer().getByTestId('log-selected-files')).toContainText(file.name);
    await this.composer().getByTestId('log-text-input').fill(caption);
    await this.composer().getByTestId('log-submit').click();
    await expect(this.entry(caption)).toHaveCount(1);
  }

  /** Adds a correction of the entry containing `originalText`. */
  async correct(originalText: string, correction: string): Promise<void> {
    await this.entry(originalText).getByTestId('log-correct').click();
    await expect(this.page.getByTestId('log-correction-banner')).toBeVisible();
    await this.chooseKind('记录');
    const box = this.composer().getByTestId('log-text-input');
    await box.fill(correction);
    await box.press('Control+Enter');
    await expect(this.entry(correction)).toHaveCount(1);
    await expect(this.page.getByTestId('log-correction-banner')).toHaveCount(0);
  }
}
