import { expect, test } from './fixtures';
import { withDb } from './contest-fixtures';
import { uniqueTitle } from './screening-fixtures';
import { expectAccessibleEverywhere } from './axe';
import { publishStudioCourse } from '../fixtures/studio-course';
import { publishedDay } from '../../src/lib/content-checked';

/**
 * Issue 15, the sources helper's part: every lesson says how current it is (内容核对于 YYYY年M月: the
 * checkedOn of a lesson of content/courses, the month a studio lesson's version was published), its
 * 本课出处 lists a document whose date was never published without a made-up year, and the lessons
 * the practice bank covers end with 课后小测.
 */

const LESSON = '/courses/party-spirit/veteran-members-role/';

test('an MDX lesson says when its content was checked and lists its sources', async ({ page }) => {
  await page.goto(LESSON);
  const meta = page.locator('article#lesson header .meta');
  await expect(meta.getByText('内容核对于 2026年11月')).toBeVisible();
  const sources = page.getByRole('region', { name: '本课出处' });
  await expect(sources.getByText('持续擦亮“霞光红”党建品牌实施方案》，中共德州市德城区委办公室印发', { exact: false })).toBeVisible();
  await expect(sources).not.toContainText('undefined');
  await expect(sources.getByText('《杨善洲：心在人民利归国家》', { exact: false })).toBeVisible();
  // 杨善洲's own words, quoted, not a paraphrase.
  await expect(page.getByText('我上山种树尽的是一个共产党员的义务和责任', { exact: false })).toBeVisible();
});

test('a lesson the practice bank covers ends with 课后小测 for its tag', async ({ page }) => {
  await page.goto('/courses/red-spirit/red-boat-spirit/');
  const quiz = page.getByRole('complementary', { name: '课后小测' });
  await expect(quiz.getByRole('link', { name: '做课后小测' })).toHaveAttribute('href', /\/practice\/quiz\/\?tag=%E7%BA%A2%E8%88%B9%E7%B2%BE%E7%A5%9E/);
});

test('a studio lesson counts as checked in the month its version was published', async ({ page }) => {
  const title = uniqueTitle('出处课');
  const course = await withDb((db) =>
    publishStudioCourse(db, { title }, [{ title: '第一课　核对日期', paragraphs: ['## 为什么写日期', '延安时期，党中央在这里领导了抗日战争和解放战争。'.repeat(12)] }]),
  );
  await page.goto(`/courses/${course.slug}/${course.lessonSlugs[0]}/`);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('第一课　核对日期');
  const day = publishedDay(new Date());
  await expect(page.locator('article#lesson header .meta')).toContainText(`内容核对于 ${Number(day.slice(0, 4))}年${Number(day.slice(5, 7))}月`);
});

test('the lesson page with its date line passes axe at every text size and in high contrast', async ({ page, context, baseURL }) => {
  await expectAccessibleEverywhere(page, context, baseURL!, LESSON);
});
