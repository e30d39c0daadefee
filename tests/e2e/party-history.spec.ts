import { expect, test } from './fixtures';
import { expectAccessibleEverywhere } from './axe';

/** 百年党史 (content/courses/party-history/): the course, one of its lessons, and finding it by search. */
const LESSONS = [
  ['three-resolutions', '第一课　三个历史决议与百年党史的四个时期'],
  ['new-democratic-revolution', '第二课　新民主主义革命时期：中国人民从此站起来了'],
  ['socialist-revolution-and-construction', '第三课　社会主义革命和建设时期：在一穷二白的基础上建设新中国'],
  ['reform-and-opening-up', '第四课　改革开放和社会主义现代化建设新时期：富起来的伟大飞跃'],
  ['new-era', '第五课　中国特色社会主义新时代：从站起来、富起来到强起来'],
  ['historical-experience-part-one', '第六课　十条历史经验（上）：党的领导、人民至上、理论创新、独立自主、中国道路'],
  ['historical-experience-part-two', '第七课　十条历史经验（下）：胸怀天下、开拓创新、敢于斗争、统一战线、自我革命'],
] as const;

test('the course page lists the seven lessons in order, each linked', async ({ page }) => {
  await page.goto('/courses/party-history/');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('百年党史：从历史决议读懂百年奋斗');
  for (const [slug, title] of LESSONS) {
    await expect(page.getByRole('link', { name: title })).toHaveAttribute('href', `/courses/party-history/${slug}/`);
  }
});

test('a lesson shows the 决议 quoted with its source, the time line, the self-check, the discussion and the quiz', async ({ page }) => {
  await page.goto('/courses/party-history/new-era/');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(LESSONS[4][1]);
  await expect(page.locator('main')).toContainText('党的十八大以来，中国特色社会主义进入新时代。党面临的主要任务是');
  await expect(page.locator('main')).toContainText('《中共中央关于党的百年奋斗重大成就和历史经验的决议》');
  await expect(page.getByRole('region', { name: '新时代大事' })).toBeVisible();
  await expect(page.locator('main')).toContainText('按现行标准，脱贫攻坚战使多少农村贫困人口全部脱贫？');
  await expect(page.locator('main details').first()).not.toHaveAttribute('open', '');
  await expect(page.locator('.mdx-discussion h2')).toBeVisible();
  await expect(page.getByRole('link', { name: '做课后小测' })).toHaveAttribute('href', `/practice/quiz/?tag=${encodeURIComponent('新时代伟大成就')}&from=${encodeURIComponent('/courses/party-history/new-era/')}`);
});

test('axe finds no WCAG 2.2 A/AA violations on a 百年党史 lesson at any text size or contrast', async ({ page, context, baseURL }) => {
  // Eight passes of axe over a long lesson; the machine is shared with other test runs.
  test.setTimeout(300_000);
  await expectAccessibleEverywhere(page, context, baseURL ?? '', '/courses/party-history/historical-experience-part-one/');
});

test('searching for 历史决议 finds the first 百年党史 lesson first', async ({ page }) => {
  await page.goto(`/search/?q=${encodeURIComponent('历史决议')}`);
  // Pagefind loads its index in the browser first; allow a slow, shared machine.
  await expect(page.locator('.results li').first().locator('a.result-title')).toHaveAttribute('href', '/courses/party-history/three-resolutions/', { timeout: 20_000 });
});

test('searching for 十个坚持 finds both lessons on the ten experiences among the first three results', async ({ page }) => {
  await page.goto(`/search/?q=${encodeURIComponent('十个坚持')}`);
  const titles = page.locator('.results li a.result-title');
  // Pagefind loads its index in the browser first and the results may arrive in parts; allow a slow, shared machine.
  await expect
    .poll(() => titles.evaluateAll((links) => links.slice(0, 3).map((link) => link.getAttribute('href'))), { timeout: 20_000 })
    .toEqual(expect.arrayContaining(['/courses/party-history/historical-experience-part-one/', '/courses/party-history/historical-experience-part-two/']));
});
