import { expect, test } from './fixtures';
import { PAGE_TYPES, TEXT_SIZES } from './pages';
import { smallTargets } from './targets';

for (const [name, path] of Object.entries(PAGE_TYPES)) {
  test(`${name}: no sideways scrolling at 320 px, and targets large enough, in every text size`, async ({
    page,
    context,
    baseURL,
  }) => {
    await page.setViewportSize({ width: 320, height: 640 });
    for (const size of TEXT_SIZES) {
      await context.addCookies([{ name: 'xg-size', value: size, url: baseURL ?? '' }]);
      await page.goto(path);
      if (path.startsWith('/search/')) await page.locator('.results li').first().waitFor();
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      expect(overflow, `page wider than the screen at ${size}px`).toBeLessThanOrEqual(0);
      const fontSize = await page.evaluate(() => getComputedStyle(document.querySelector('main p:not([class])') ?? document.body).fontSize);
      expect(fontSize).toBe(`${size}px`);

      expect(await smallTargets(page), `controls below size at ${size}px`).toEqual([]);
    }
  });
}

test('keyboard users see where they are and can skip to the lesson', async ({ page }) => {
  await page.goto(PAGE_TYPES.lesson);
  await page.keyboard.press('Tab');
  const skip = page.getByRole('link', { name: '跳到正文' });
  await expect(skip).toBeFocused();
  const outline = await skip.evaluate((element) => getComputedStyle(element).outlineWidth);
  expect(Number.parseFloat(outline)).toBeGreaterThanOrEqual(3);
  await page.keyboard.press('Enter');
  await expect(page.locator('main')).toBeFocused();
});

function luminance(rgb: string): number {
  const [r = 0, g = 0, b = 0] = (rgb.match(/\d+/g) ?? []).map(Number).map((value) => {
    const channel = value / 255;
    return channel <= 0.03928 ? channel / 12.92 : ((channel + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

for (const contrast of ['normal', 'high']) {
  test(`body text meets 7:1 contrast and 1.6 line height (${contrast})`, async ({ page, context, baseURL }) => {
    await context.addCookies([{ name: 'xg-contrast', value: contrast, url: baseURL ?? '' }]);
    await page.goto(PAGE_TYPES.lesson);
    const style = await page.evaluate(() => {
      const computed = getComputedStyle(document.querySelector('#lesson-body > p') ?? document.body);
      return {
        color: computed.color,
        background: getComputedStyle(document.body).backgroundColor,
        lineHeight: Number.parseFloat(computed.lineHeight) / Number.parseFloat(computed.fontSize),
      };
    });
    const [light, dark] = [luminance(style.color), luminance(style.background)].sort((a, b) => b - a);
    expect(((light ?? 0) + 0.05) / ((dark ?? 0) + 0.05)).toBeGreaterThanOrEqual(7);
    expect(style.lineHeight).toBeGreaterThanOrEqual(1.6);
  });
}
