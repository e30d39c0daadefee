import { test } from './fixtures';
test(`home`, async ({ page, context, baseURL }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto('/');
  await page.screenshot({ path: `/tmp/nav-home-20.png`, fullPage: true });
  await context.addCookies([{ name: 'xg-size', value: '30', url: baseURL ?? '' }]);
  await page.setViewportSize({ width: 320, height: 700 });
  await page.goto('/');
  console.log('overflow', await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth));
  await page.goto('/menu/?back=/');
  await page.screenshot({ path: `/tmp/nav-menu-30.png`, fullPage: true });
});
