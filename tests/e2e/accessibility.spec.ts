import { test } from './fixtures';
import { PAGE_TYPES, SIGNED_IN_PAGES } from './pages';
import { E2E_USERS, signInAs } from './accounts';
import { expectAccessibleEverywhere } from './axe';

const pages = [
  ...Object.entries(PAGE_TYPES).map(([name, path]) => ({ name, path, signedIn: false })),
  ...Object.entries(SIGNED_IN_PAGES).map(([name, path]) => ({ name, path, signedIn: true })),
];

for (const { name, path, signedIn } of pages) {
  test(`axe finds no WCAG 2.2 A/AA violations on the ${name} page`, async ({ page, context, baseURL }) => {
    if (signedIn) await signInAs(page, E2E_USERS['a11y']?.phone ?? '');
    await expectAccessibleEverywhere(page, context, baseURL ?? '', path, async (loaded) => {
      if (path.startsWith('/search/')) await loaded.locator('.results li').first().waitFor();
    });
  });
}
