import type { Locator, Page } from '@playwright/test';

/** The header's 搜索 or 字号 button (a <summary>: it opens its panel with or without JavaScript). */
export function headerPanelButton(page: Page, name: '搜索' | '字号'): Locator {
  return page.locator('.site-header summary', { hasText: name });
}

/** Opens the header's 搜索 or 字号 panel, unless it is open already. */
export async function openHeaderPanel(page: Page, name: '搜索' | '字号'): Promise<void> {
  const details = page.locator('.site-header details').filter({ has: page.locator('summary', { hasText: name }) });
  if ((await details.getAttribute('open')) === null) await headerPanelButton(page, name).click();
}
