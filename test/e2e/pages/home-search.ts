/**
 * Page objects of the home page and the search palette (Ctrl+K).
 */
import { expect } from '@playwright/test';
import type { Locator, Page } from '@playwright/test';

export type HomeSection = 'visits' | 'incidents' | 'hourly' | 'deadlines' | 'clusters' | 'sync';

export class HomePage {
  constructor(readonly page: Page) {}

  section(name: HomeSection): Locator {
    return this.page.getByTestId(`home-${name}`);
  }

  /** The record links of a section, in the order shown. */
  links(name: HomeSection): Locator {
    return this.section(name).locator('.fb-home-row-main a');
  }
}

export class SearchPalette {
  constructor(readonly page: Page) {}

  get dialog(): Locator {
    return this.page.getByRole('dialog');
  }

  get input(): Locator {
    return this.page.getByTestId('search-input');
  }

  get options(): Locator {
    return this.page.getByRole('option');
  }

  async open(): Promise<void> {
    await this.page.keyboard.press('Control+k');
    await expect(this.input).toBeFocused();
  }

  async type(query: string): Promise<void> {
    await this.input.fill(query);
  }
}
