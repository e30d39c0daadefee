import { expect, test, type Page } from './fixtures';
import { E2E_USERS, signInAs } from './accounts';

/** Elements in the page's content that scroll sideways, or the page itself. */
async function sidewaysScrollers(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const wide: string[] = [];
    const root = document.documentElement;
    if (root.scrollWidth > root.clientWidth) wide.push(`page ${root.scrollWidth}px`);
    // Visually hidden text (a stacked table's column headings) is clipped to 1 px on purpose.
    const clipped = (element: HTMLElement): boolean => {
      for (let at: HTMLElement | null = element; at; at = at.parentElement) if (at.getBoundingClientRect().width <= 1) return true;
      return false;
    };
    for (const element of document.querySelectorAll<HTMLElement>('main *')) {
      if (clipped(element)) continue;
      const box = element.getBoundingClientRect();
      if (box.right > root.clientWidth + 1) wide.push(`${element.tagName.toLowerCase()}.${element.className} ends at ${Math.round(box.right)}px`);
      else if (element.scrollWidth > element.clientWidth + 1 && getComputedStyle(element).overflowX !== 'visible') wide.push(`${element.tagName.toLowerCase()} scrolls`);
    }
    return wide;
  });
}

/** The computed font size in px of every element matching the selector, and of the body text. */
async function labelSizes(page: Page, selector: string): Promise<{ body: number; labels: number[] }> {
  return page.evaluate((css) => {
    const size = (element: Element): number => Number.parseFloat(getComputedStyle(element).fontSize);
    return { body: size(document.querySelector('main p:not([class])') ?? document.body), labels: [...document.querySelectorAll(css)].map(size) };
  }, selector);
}

for (const size of ['20', '30'] as const) {
  test(`the instructor's statistics and the learning chart fit a 390 px phone at text size ${size}`, async ({ page, context, baseURL }) => {
    const instructor = E2E_USERS['instructor'];
    if (!instructor) throw new Error('missing test account');
    await page.setViewportSize({ width: 390, height: 844 });
    await context.addCookies([{ name: 'xg-size', value: size, url: baseURL ?? '' }]);
    await signInAs(page, instructor.phone);
    // A completed lesson puts a row in every table and a bar in the chart.
    const done = await page.request.post('/api/progress/', {
      form: { event: 'complete', lesson: 'red-spirit/red-boat-spirit' },
      headers: { origin: baseURL ?? '', accept: 'application/json' },
    });
    expect(done.status()).toBe(200);

    await page.goto('/studio/courses/red-spirit/');
    await expect(page.getByRole('table', { name: /学过这门课的学员/ }).getByRole('row').filter({ hasText: instructor.name })).toBeVisible();
    expect(await sidewaysScrollers(page)).toEqual([]);
    // Each stacked cell says which column it is.
    await expect(page.getByRole('table', { name: /学过这门课的学员/ }).locator('td[data-label="手机号"]').first()).toBeVisible();
    const funnel = await labelSizes(page, '.funnel-label');
    expect(funnel.labels.length).toBe(6);
    for (const label of funnel.labels) expect(label).toBeGreaterThanOrEqual(funnel.body);

    await page.goto('/me/');
    await expect(page.locator('.column-chart')).toBeVisible();
    expect(await sidewaysScrollers(page)).toEqual([]);
    const week = await labelSizes(page, '.column-chart .labels li');
    expect(week.labels.length).toBe(7);
    for (const label of week.labels) expect(label).toBeGreaterThanOrEqual(week.body);
  });
}
