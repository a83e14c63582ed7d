/**
 * Page objects of the shell: the first-run screen, the main navigation and the language switch.
 * Selectors go by role and accessible name (in the language the test expects), so a test also
 * checks what the user reads.
 */
import { expect } from '@playwright/test';
import type { Locator, Page } from '@playwright/test';

export type Lang = 'zh' | 'en';

/** How long the app may take to open its database and render, on a busy machine. */
export const APP_START_TIMEOUT = 30_000;

const NAV = {
  zh: {
    customers: '客户',
    visits: '现场访问',
    incidents: '事件',
    inspections: '巡检',
    deliverables: '交付文档',
    settings: '设置',
  },
  en: {
    customers: 'Customers',
    visits: 'Visits',
    incidents: 'Incidents',
    inspections: 'Inspections',
    deliverables: 'Deliverables',
    settings: 'Settings',
  },
} as const;

export type Section = keyof (typeof NAV)['zh'];

export class AppShell {
  constructor(readonly page: Page) {}

  /** Opens the app at a route (hash routing: `#/customers`) and waits until it is usable. */
  async open(route = '/'): Promise<void> {
    await this.page.goto(route === '/' ? '/' : `/#${route}`);
    await this.ready();
  }

  /**
   * Opens a fresh profile, answers the first-run screen with the sample workspace (as `engineer`
   * when given) and waits for the customer list the import ends on.
   */
  async openWithSample(engineer?: string): Promise<void> {
    await this.open();
    const firstRun = new FirstRunScreen(this.page);
    if (engineer !== undefined) await firstRun.setEngineer(engineer);
    await firstRun.loadSample();
    await expect(this.pageTitle).toHaveText('客户', { timeout: 60_000 });
  }

  async reload(): Promise<void> {
    await this.page.reload();
    await this.ready();
  }

  /**
   * Waits for the database to open and the first screen to render: the main navigation, or the
   * first-run screen on a fresh profile. Generous, because opening IndexedDB and compiling the
   * schema validators is slow on a loaded 2-core CI machine.
   */
  async ready(): Promise<void> {
    await expect(this.navigation.or(this.page.getByTestId('first-run'))).toBeVisible({
      timeout: APP_START_TIMEOUT,
    });
  }

  get navigation(): Locator {
    return this.page.getByRole('navigation');
  }

  menuItem(section: Section, lang: Lang = 'zh'): Locator {
    return this.navigation.getByRole('menuitem', { name: NAV[lang][section] });
  }

  async goTo(section: Section, lang: Lang = 'zh'): Promise<void> {
    await this.menuItem(section, lang).click();
  }

  /** The header's language switch (a radio group: 中文 / English). */
  async switchLanguage(to: Lang): Promise<void> {
    const label = to === 'zh' ? '中文' : 'English';
    await this.page.locator('header').getByText(label, { exact: true }).click();
    await expect(this.page.locator('html')).toHaveAttribute(
      'lang',
      to === 'zh' ? 'zh-CN' : 'en-US',
    );
  }

  get pageTitle(): Locator {
    return this.page.getByRole('heading', { level: 1 });
  }
}

export class FirstRunScreen {
  constructor(readonly page: Page) {}

  get root(): Locator {
    return this.page.getByTestId('first-run');
  }

  async expectVisible(): Promise<void> {
    await expect(this.root).toBeVisible();
    await expect(this.page.getByRole('heading', { name: '欢迎使用 Fieldbook' })).toBeVisible();
  }

  async setEngineer(name: string): Promise<void> {
    await this.page.getByLabel('您的姓名').fill(name);
  }

  async loadSample(): Promise<void> {
    await this.root.getByRole('button', { name: '加载示例工作区' }).click();
  }

  /** The third choice: sign in to a sync server (opens the sync screen). */
  async signInToServer(): Promise<void> {
    await this.root.getByRole('button', { name: '登录服务器' }).click();
  }

  async startEmpty(): Promise<void> {
    await this.root.getByRole('button', { name: '从空白开始' }).click();
  }

  get progress(): Locator {
    return this.page.getByTestId('sample-progress');
  }
}
