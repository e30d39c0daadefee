import AxeBuilder from '@axe-core/playwright';
import { expect, type BrowserContext, type Page } from '@playwright/test';
import { TEXT_SIZES } from './pages';

const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22a', 'wcag22aa'];

/**
 * What axe (WCAG 2.2 A and AA rules) finds on the page as it is now: rule and elements, or nothing.
 * `scope` (a CSS selector) limits it to one part, such as an island.
 */
export async function axeViolations(page: Page, scope?: string): Promise<string[]> {
  const builder = new AxeBuilder({ page }).withTags(WCAG_TAGS);
  const results = await (scope ? builder.include(scope) : builder).analyze();
  return results.violations.map((violation) => `${violation.id}: ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`);
}

const VARIANTS = [
  ...TEXT_SIZES.map((size) => ({ size, contrast: 'normal' })),
  ...TEXT_SIZES.map((size) => ({ size, contrast: 'high' })),
];

/**
 * Opens `path` in every text size, in the normal and the high-contrast theme, and expects axe
 * (WCAG 2.2 A and AA rules) to find nothing. `ready` waits for content that loads after the page.
 */
export async function expectAccessibleEverywhere(page: Page, context: BrowserContext, baseURL: string, path: string, ready?: (page: Page) => Promise<void>, scope?: string): Promise<void> {
  for (const { size, contrast } of VARIANTS) {
    await context.addCookies([
      { name: 'xg-size', value: size, url: baseURL },
      { name: 'xg-contrast', value: contrast, url: baseURL },
    ]);
    await page.goto(path);
    if (ready) await ready(page);
    await expect(page.locator('html')).toHaveAttribute('data-size', size);
    expect((await axeViolations(page, scope)).map((violation) => `${path} ${size}/${contrast} ${violation}`)).toEqual([]);
  }
}
