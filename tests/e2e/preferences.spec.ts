import { expect, test } from './fixtures';
import { headerPanelButton, openHeaderPanel } from './header';

const bodySize = (page: import('@playwright/test').Page): Promise<string> =>
  page.evaluate(() => getComputedStyle(document.body).fontSize);

for (const path of ['/courses/party-spirit/rights-and-duties/', '/courses/']) {
  test(`text size and contrast persist across a reload on ${path}`, async ({ page }) => {
    await page.goto(path);
    expect(await bodySize(page)).toBe('20px');
    await openHeaderPanel(page, '字号');
    await page.getByRole('button', { name: '特大' }).click();
    expect(await bodySize(page)).toBe('30px');
    await expect(page.getByRole('button', { name: '特大' })).toHaveAttribute('aria-pressed', 'true');
    await expect(page.getByRole('status').filter({ hasText: '已切换字号' })).toHaveText('已切换字号：特大');
    await page.getByRole('button', { name: '高对比度' }).click();
    await expect(page.locator('html')).toHaveAttribute('data-contrast', 'high');

    await page.reload();
    expect(await bodySize(page)).toBe('30px');
    await expect(page.locator('html')).toHaveAttribute('data-contrast', 'high');
    await openHeaderPanel(page, '字号');
    await expect(page.getByRole('button', { name: '高对比度' })).toHaveAttribute('aria-pressed', 'true');
    const background = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
    expect(background).toBe('rgb(0, 0, 0)');

    await page.getByRole('button', { name: '标准' }).click();
    await page.getByRole('button', { name: '高对比度' }).click();
    await page.reload();
    expect(await bodySize(page)).toBe('20px');
    await expect(page.locator('html')).toHaveAttribute('data-contrast', 'normal');
  });
}

test('pages rendered on request apply the preference on the server, before any script', async ({ request }) => {
  const html = await (
    await request.get('/courses/', { headers: { cookie: 'xg-size=24; xg-contrast=high' } })
  ).text();
  expect(html).toMatch(/<html lang="zh-CN" data-size="24" data-contrast="high">/);
});

test('prerendered pages apply the saved size before the first paint', async ({ page, context, baseURL }) => {
  await context.addCookies([{ name: 'xg-size', value: '24', url: baseURL ?? '' }]);
  const sizes: string[] = [];
  await page.exposeFunction('recordSize', (size: string) => sizes.push(size));
  await page.addInitScript(() => {
    document.addEventListener('DOMContentLoaded', () => {
      (window as unknown as { recordSize(size: string): void }).recordSize(getComputedStyle(document.body).fontSize);
    });
  });
  await page.goto('/courses/red-spirit/yanan-spirit/');
  await expect.poll(() => sizes[0]).toBe('24px');
});

test.describe('without JavaScript', () => {
  test.use({ javaScriptEnabled: false });
  test('the switches still work through the server', async ({ page }) => {
    await page.goto('/courses/?theme=integrity');
    await headerPanelButton(page, '字号').click();
    await page.getByRole('button', { name: '大', exact: true }).click();
    await expect(page).toHaveURL(/\/courses\/\?theme=integrity$/);
    await expect(page.locator('html')).toHaveAttribute('data-size', '24');
    expect(await bodySize(page)).toBe('24px');
  });

  test('prerendered lessons follow the saved size and contrast too', async ({ page }) => {
    await page.goto('/courses/red-spirit/long-march-spirit/');
    // The form posts and redirects back to the same address, so wait for the
    // style itself rather than the URL (which matches before the reload too).
    await headerPanelButton(page, '字号').click();
    await page.getByRole('button', { name: '特大' }).click();
    await expect(page.locator('body')).toHaveCSS('font-size', '30px');
    await expect(page).toHaveURL(/long-march-spirit\/$/);
    // The page came back with the panel closed: open it again.
    await headerPanelButton(page, '字号').click();
    await page.getByRole('button', { name: '高对比度' }).click();
    await expect(page.locator('body')).toHaveCSS('background-color', 'rgb(0, 0, 0)');
    await expect(page).toHaveURL(/long-march-spirit\/$/);
    // The page was built before anyone chose: the same button turns high contrast off again.
    await headerPanelButton(page, '字号').click();
    await page.getByRole('button', { name: '高对比度' }).click();
    await expect(page.locator('body')).toHaveCSS('background-color', 'rgb(255, 253, 248)');
    await expect(page.locator('body')).toHaveCSS('font-size', '30px');
  });
});

test('bad preference requests change nothing', async ({ request, baseURL }) => {
  const origin = { origin: baseURL ?? '' };
  const bad = await request.post('/api/preferences/', { form: { size: '99' }, headers: origin, maxRedirects: 0 });
  expect(bad.status()).toBe(400);
  expect(await bad.text()).toContain('没有可保存的设置');
  expect(bad.headers()['set-cookie']).toBeUndefined();
  const offsite = await request.post('/api/preferences/', {
    form: { size: '24', back: '//evil.example/' },
    headers: origin,
    maxRedirects: 0,
  });
  expect(offsite.status()).toBe(303);
  expect(offsite.headers()['location']).toBe('/');
});
