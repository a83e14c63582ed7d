/**
 * antd interactions shared by the visits and incidents page objects: selects and date pickers
 * render their popups outside the field, so they need a few steps a plain `fill` cannot do.
 */
import { expect as baseExpect } from '@playwright/test';
import type { Locator, Page } from '@playwright/test';

/** These screens read an encrypted local database; on a loaded 2-core machine 5 s is too tight. */
const expect = baseExpect.configure({ timeout: 15_000 });

/**
 * Picks the option whose text contains `optionText` in the antd Select `field` (the select's
 * root or any element inside it). Types to filter when the select is searchable.
 */
export async function chooseOption(
  page: Page,
  field: Locator,
  optionText: string,
  options: { multiple?: boolean; search?: boolean } = {},
): Promise<void> {
  await field.click();
  const search = field.locator('input[type="search"], input').first();
  // Some selects filter on the option value (an id), not its label: typing would hide it.
  if (options.search !== false && (await search.isEditable().catch(() => false))) {
    await search.fill(optionText);
  }
  const option = page
    .locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option')
    .filter({ hasText: optionText })
    .first();
  await option.click();
  if (options.multiple === true) {
    // A multiple select stays open; move the focus away as a user would (Escape would also
    // close the surrounding dialog).
    await page.locator('.ant-modal-title:visible').first().click();
  }
  await expect(page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden)')).toHaveCount(
    0,
  );
}

/**
 * Types a value (`YYYY-MM-DD HH:mm` or `YYYY-MM-DD`) into an antd DatePicker and commits it:
 * with Enter (the picker's own confirmation), or — where Enter would also submit the surrounding
 * form (dialogs whose OK button is the form's submit button) — by clicking the day the typed
 * text selected in the open calendar (date-only pickers).
 */
export async function typeDate(
  picker: Locator,
  value: string,
  commit: 'enter' | 'cell' = 'enter',
): Promise<void> {
  // antd puts a DatePicker's data-* attributes on its input; other callers pass the wrapper.
  const input = picker.locator('xpath=self::input | .//input').first();
  await input.click();
  await input.fill(value);
  if (commit === 'enter') {
    await input.press('Enter');
  } else {
    // The day cell the typed text selected, found by its date: the previous picker's dropdown
    // can still be in the page (closing) with its own selected cell.
    const page = input.page();
    await page
      .locator(
        `.ant-picker-dropdown:not(.ant-picker-dropdown-hidden) .ant-picker-cell-selected[title="${value.slice(0, 10)}"]`,
      )
      .click();
  }
  await expect(input).toHaveValue(value);
}

/** The open antd modal whose title is `title`. */
export function dialog(page: Page, title: string | RegExp): Locator {
  return page
    .getByRole('dialog')
    .filter({ has: page.locator('.ant-modal-title', { hasText: title }) });
}
