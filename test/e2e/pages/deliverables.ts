/** Page objects of the deliverables screens: the generate dialog, the signature pads, the list. */
import { expect as baseExpect } from '@playwright/test';
import type { Locator, Page } from '@playwright/test';

/** Rendering and signing a report on a loaded 2-core machine: generous. */
const expect = baseExpect.configure({ timeout: 60_000 });

export type Role = 'customer' | 'engineer';

export class GenerateReportDialog {
  constructor(readonly page: Page) {}

  /** The dialog (body and footer) holding the generate-report content. */
  get root(): Locator {
    return this.page.getByRole('dialog').filter({ has: this.page.getByTestId('generate-report') });
  }

  async chooseLanguage(lang: 'zh' | 'en'): Promise<void> {
    const label = { zh: /^(中文|Chinese)$/, en: /^(英文|English)$/ }[lang];
    await this.root.getByTestId('generate-lang').getByText(label).click();
  }

  /**
   * Renders the draft and waits for the preview ("N 页 · S KB"). With `watchProgress`, first
   * checks that the progress bar shows (the first render loads 20 MB of fonts: it is visible).
   */
  async render(watchProgress = false, timeout = 60_000): Promise<string> {
    await this.root.getByTestId('generate-render').click();
    if (watchProgress) {
      await expect(
        this.root.getByTestId('generate-progress').locator('.ant-progress'),
      ).toBeVisible();
    }
    const preview = this.root.getByTestId('generate-preview');
    await expect(preview).toBeVisible({ timeout });
    return (await preview.textContent()) ?? '';
  }

  /** Types the printed name and title under a pad (replacing what the dialog proposed). */
  async setSigner(role: Role, name: string, title: string): Promise<void> {
    await this.root.getByTestId(`signature-name-${role}`).fill(name);
    await this.root.getByTestId(`signature-title-${role}`).fill(title);
  }

  canvas(role: Role): Locator {
    return this.root.getByTestId(`signature-canvas-${role}`);
  }

  /** Draws a scribble with real mouse strokes (down, moves, up) across the pad. */
  async drawSignature(role: Role, seed = 1): Promise<void> {
    const canvas = this.canvas(role);
    await canvas.scrollIntoViewIfNeeded();
    const box = await canvas.boundingBox();
    if (box === null) throw new Error(`signature pad ${role} is not visible`);
    const mouse = this.page.mouse;
    for (let stroke = 0; stroke < 3; stroke++) {
      const x0 = box.x + box.width * (0.12 + stroke * 0.27);
      const y0 = box.y + box.height * 0.55;
      await mouse.move(x0, y0);
      await mouse.down();
      for (let i = 1; i <= 16; i++) {
        const t = i / 16;
        await mouse.move(
          x0 + t * box.width * 0.22,
          y0 - Math.sin(t * Math.PI * (2 + seed)) * box.height * 0.3,
          { steps: 2 },
        );
      }
      await mouse.up();
    }
  }

  /**
   * Draws one stroke as pointer events of `pointerType` (pen with rising pressure, or touch),
   * dispatched on the canvas: the input a tablet pen or a finger produces.
   */
  async drawWithPointer(role: Role, pointerType: 'pen' | 'touch'): Promise<void> {
    await this.canvas(role).evaluate((canvas, type) => {
      const rect = canvas.getBoundingClientRect();
      const fire = (kind: string, i: number, n: number) => {
        const t = i / n;
        canvas.dispatchEvent(
          new PointerEvent(kind, {
            bubbles: true,
            cancelable: true,
            pointerId: 7,
            pointerType: type,
            isPrimary: true,
            pressure: kind === 'pointerup' ? 0 : 0.2 + 0.8 * t,
            clientX: rect.left + rect.width * (0.1 + 0.8 * t),
            clientY: rect.top + rect.height * (0.5 + 0.3 * Math.sin(t * 12)),
          }),
        );
      };
      fire('pointerdown', 0, 40);
      for (let i = 1; i < 40; i++) fire('pointermove', i, 40);
      fire('pointerup', 40, 40);
    }, pointerType);
  }

  async sign(): Promise<void> {
    await this.root.getByTestId('generate-sign').click();
    await expect(this.root.getByTestId('generate-signed')).toBeVisible();
  }

  sha256(): Locator {
    return this.root.getByTestId('generate-sha256');
  }

  verification(): Locator {
    return this.root.getByTestId('generate-verification');
  }

  async export(): Promise<void> {
    await this.root.getByTestId('deliverable-export').click();
  }

  async open(): Promise<void> {
    await this.root.getByTestId('deliverable-open').click();
  }

  async close(): Promise<void> {
    await this.root.getByTestId('generate-close').click();
    await expect(this.root).toHaveCount(0);
  }
}

export class DeliverablesListPage {
  constructor(readonly page: Page) {}

  async goto(): Promise<void> {
    await this.page.goto('/#/deliverables');
    await expect(this.page.getByRole('heading', { level: 1 })).toBeVisible();
  }

  rows(): Locator {
    return this.page.getByTestId('deliverable-row');
  }

  row(documentNumber: string, revision: number): Locator {
    return this.rows()
      .filter({ hasText: documentNumber })
      .filter({
        has: this.page
          .getByTestId('deliverable-revision')
          .getByText(new RegExp(`\\b${revision}\\b`)),
      });
  }
}
