import { expect, test } from './fixtures';
import { expectAccessibleEverywhere } from './axe';

/** 党纪学习教育 (content/courses/party-discipline/): its pages, its quoted articles, search and axe. */
const COURSE = '/courses/party-discipline/';
const LESSON = '/courses/party-discipline/political-discipline/';

test.describe('党纪学习教育', () => {
  test('the course lists its seven lessons, the study campaign first and the six disciplines after', async ({ page }) => {
    await page.goto(COURSE);
    await expect(page.getByRole('heading', { level: 1 })).toContainText('党纪学习教育');
    const slugs = ['discipline-study-campaign', 'political-discipline', 'organizational-discipline', 'integrity-discipline', 'mass-discipline', 'work-discipline', 'life-discipline'];
    const hrefs = await page.locator(`main a[href^="${COURSE}"]`).evaluateAll((links) => links.map((link) => link.getAttribute('href') ?? ''));
    const lessons = [...new Set(hrefs.filter((href) => slugs.some((slug) => href === `${COURSE}${slug}/`)))];
    expect(lessons).toEqual(slugs.map((slug) => `${COURSE}${slug}/`));
  });

  test('a lesson quotes its articles with their numbers and offers the 课后小测 for its discipline', async ({ page }) => {
    await page.goto(LESSON);
    await expect(page.getByRole('heading', { level: 1 })).toContainText('政治纪律');
    await expect(page.getByText('《中国共产党纪律处分条例》第四十九条（2023年修订）')).toBeVisible();
    await expect(page.getByText('《中国共产党纪律处分条例》第七十条第二款（2023年修订）')).toBeVisible();
    const quiz = page.getByRole('link', { name: '做课后小测' });
    await expect(quiz).toHaveAttribute('href', /\/practice\/quiz\/\?tag=%E6%94%BF%E6%B2%BB%E7%BA%AA%E5%BE%8B&/);
  });

  test('searching for 六项纪律 finds the course', async ({ page }) => {
    await page.goto(`/search/?q=${encodeURIComponent('六项纪律')}`);
    await page.locator('.results li').first().waitFor();
    const hrefs = await page.locator('.results li a.result-title').evaluateAll((links) => links.map((link) => link.getAttribute('href') ?? ''));
    expect(hrefs.some((href) => href.startsWith(COURSE))).toBe(true);
  });

  for (const path of [COURSE, LESSON]) {
    test(`axe finds nothing on ${path} at every text size and in high contrast`, async ({ page, context, baseURL }) => {
      // Six runs of axe on a long lesson; the shared machine is slow.
      test.setTimeout(240_000);
      await expectAccessibleEverywhere(page, context, baseURL ?? '', path);
    });
  }
});
