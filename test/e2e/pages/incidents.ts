/** Page objects of the incidents screens (Chinese UI, the default language). */
import { expect as baseExpect } from '@playwright/test';
import type { Locator, Page } from '@playwright/test';
import { chooseOption, dialog, typeDate } from './visits-antd';

/** These screens read an encrypted local database; on a loaded 2-core machine 5 s is too tight. */
const expect = baseExpect.configure({ timeout: 15_000 });

export interface NewIncidentInput {
  customer: string;
  site: string;
  contractNumber: string;
  title: string;
  description?: string;
  /** Wall-clock time at the site, `YYYY-MM-DD HH:mm`. */
  firstContact: string;
  level: string;
}

export class IncidentsListPage {
  constructor(readonly page: Page) {}

  async goto(): Promise<void> {
    await this.page.goto('/#/incidents');
    await expect(this.page.getByRole('heading', { name: '事件', exact: true })).toBeVisible();
  }

  rows(): Locator {
    return this.page.getByTestId('incident-row');
  }

  /** Opens the form and fills it; returns the dialog for assertions before saving. */
  async fillNewIncident(input: NewIncidentInput): Promise<Locator> {
    await this.page.getByRole('button', { name: '新建事件' }).click();
    const form = dialog(this.page, '新建事件');
    await chooseOption(this.page, form.getByTestId('incident-customer'), input.customer);
    await chooseOption(this.page, form.getByTestId('incident-site'), input.site);
    await chooseOption(this.page, form.getByTestId('incident-contract'), input.contractNumber);
    await form.getByTestId('incident-title').fill(input.title);
    if (input.description !== undefined) {
      await form.getByTestId('incident-description').fill(input.description);
    }
    await typeDate(form.getByTestId('incident-first-contact'), input.firstContact);
    await form.getByTestId(`severity-${input.level}`).click();
    return form;
  }

  async save(form: Locator): Promise<IncidentDetailPage> {
    await form.getByRole('button', { name: /新\s*建/ }).click();
    await expect(form).toHaveCount(0);
    const detail = new IncidentDetailPage(this.page);
    await expect(detail.panel()).toBeVisible();
    return detail;
  }
}

export class IncidentDetailPage {
  constructor(readonly page: Page) {}

  panel(): Locator {
    return this.page.getByTestId('sla-panel');
  }

  dueSite(): Locator {
    return this.page.getByTestId('sla-due-site');
  }

  dueLaptop(): Locator {
    return this.page.getByTestId('sla-due-laptop');
  }

  firstContact(): Locator {
    return this.page.getByTestId('sla-first-contact');
  }

  level(): Locator {
    return this.page.getByTestId('incident-level').first();
  }

  status(): Locator {
    return this.page.getByTestId('incident-status');
  }

  /** Opens the reclassify dialog and picks `level`; returns the dialog (not yet confirmed). */
  async startReclassify(level: string): Promise<Locator> {
    await this.page.getByTestId('incident-reclassify').click();
    const d = dialog(this.page, '重新分类事件级别');
    await d.getByTestId(`reclassify-level-${level}`).click();
    return d;
  }

  async confirm(d: Locator, text?: string, testId?: string): Promise<void> {
    if (text !== undefined && testId !== undefined)
      await d.getByTestId(`${testId}-text`).fill(text);
    await d.getByRole('button', { name: /确\s*定/ }).click();
    await expect(d).toHaveCount(0);
  }

  async pause(note: string): Promise<void> {
    await this.page.getByTestId('incident-pause').click();
    const d = dialog(this.page, '暂停 SLA 计时');
    await this.confirm(d, note, 'pause');
    await expect(this.status()).toHaveText('已暂停');
  }

  async resume(note: string): Promise<void> {
    await this.page.getByTestId('incident-resume').click();
    const d = dialog(this.page, '恢复计时');
    await this.confirm(d, note, 'resume');
    await expect(this.status()).toHaveText('处理中');
  }

  /** Logs the hourly status update (level 1) from the SLA panel, at now. */
  async logUpdate(text: string): Promise<void> {
    await this.page.getByTestId('incident-log-update').click();
    const d = dialog(this.page, '记录状态更新');
    await this.confirm(d, text, 'event');
  }

  timelineEvents(kind: string): Locator {
    return this.page.locator(`[data-testid="incident-event"][data-kind="${kind}"]`);
  }
}
