import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { PAGE_TYPES, SIGNED_IN_PAGES, TEXT_SIZES } from './pages';
import { E2E_USERS, signInAs } from './accounts';

const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22a', 'wcag22aa'];

async function settle(page: Page, path: string): Promise<void> {
  await page.goto(path);
  if (path.startsWith('/search/')) await page.locator('.results li').first().waitFor();
}

const variants = [
  ...TEXT_SIZES.map((size) => ({ size, contrast: 'normal' })),
  ...TEXT_SIZES.map((size) => ({ size, contrast: 'high' })),
];

const pages = [
  ...Object.entries(PAGE_TYPES).map(([name, path]) => ({ name, path, signedIn: false })),
  ...Object.entries(SIGNED_IN_PAGES).map(([name, path]) => ({ name, path, signedIn: true })),
];

for (const { name, path, signedIn } of pages) {
  test(`axe finds no WCAG 2.2 A/AA violations on the ${name} page`, async ({ page, context, baseURL }) => {
    if (signedIn) await signInAs(page, E2E_USERS['a11y']?.phone ?? '');
    for (const { size, contrast } of variants) {
      await context.addCookies([
        { name: 'xg-size', value: size, url: baseURL ?? '' },
        { name: 'xg-contrast', value: contrast, url: baseURL ?? '' },
      ]);
      await settle(page, path);
      await expect(page.locator('html')).toHaveAttribute('data-size', size);
      const results = await new AxeBuilder({ page }).withTags(WCAG_TAGS).analyze();
      const summary = results.violations.map(
        (violation) => `${size}/${contrast} ${violation.id}: ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`,
      );
      expect(summary).toEqual([]);
    }
  });
}
