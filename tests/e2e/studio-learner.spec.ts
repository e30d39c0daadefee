import { eq } from 'drizzle-orm';
import { users } from '../../db/schema';
import { expect, test } from './fixtures';
import { E2E_USERS, signInAs } from './accounts';
import { withDb } from './contest-fixtures';
import { uniqueTitle } from './screening-fixtures';
import { expectAccessibleEverywhere } from './axe';
import { installFakeSpeech, setSpeechDelay, spokenSoFar } from './fake-speech';
import { smallTargetsAtEverySize } from './targets';
import { publishStudioCourse, publishVersion, type PublishedFixture } from '../fixtures/studio-course';
import type { StudioNode } from '../../src/lib/studio-tree';

/**
 * A course published in the studio, on the learners' side: in the catalog, its pages and progress
 * like an MDX course, without a rebuild. The course is written straight into the database
 * (tests/fixtures/studio-course.ts), as publishing stores it.
 */

/** A 小测 and a 课后小测, as the compiler gives them. */
const COMPONENTS: StudioNode[] = [
  { kind: 'component', name: 'SelfCheck', props: { question: '延安精神的核心是什么？', answer: '坚定正确的政治方向' }, children: [{ kind: 'element', tag: 'p', attrs: {}, children: [{ kind: 'text', value: '解析：方向决定道路。' }] }] },
  { kind: 'component', name: 'LessonQuiz', props: { tag: '延安精神' }, children: [] },
];

const LONG = '延安时期，党中央在这里领导了抗日战争和解放战争。'.repeat(12);

async function publish(title: string, ownerPhone?: string): Promise<PublishedFixture> {
  return withDb(async (db) => {
    const [owner] = ownerPhone ? await db.select({ id: users.id }).from(users).where(eq(users.phone, ownerPhone)) : [];
    return publishStudioCourse(db, { title, theme: '红色教育', hours: 2, instructor: '工作室讲师甲', ownerId: owner?.id ?? null }, [
      { title: '第一课　走进延安', paragraphs: ['## 为什么是延安', LONG, '## 窑洞里的灯光', '毛主席在窑洞里写下了许多重要著作。', '## 今天怎么学', '读原著，学原文，悟原理。'], components: COMPONENTS },
      { title: '第二课　自己动手', paragraphs: ['## 大生产运动', LONG] },
    ]);
  });
}

test('a learner finds a studio course in the catalog and studies it to the certificate', async ({ page }) => {
  const title = uniqueTitle('工作室课');
  const course = await publish(title);
  await installFakeSpeech(page);
  await signInAs(page, E2E_USERS['studioLearner']!.phone, '/courses/');
  await page.goto('/courses/?theme=red-education');
  await page.getByRole('link', { name: title }).click();
  await expect(page).toHaveURL(new RegExp(`/courses/${course.slug}/$`));
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(title);
  await expect(page.getByText('共 2 课')).toBeVisible();

  await page.getByRole('link', { name: '开始学习第一课' }).click();
  await expect(page).toHaveURL(new RegExp(`/courses/${course.slug}/${course.lessonSlugs[0]}/$`));
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('第一课　走进延安');
  await expect(page.getByText('第 1 课，共 2 课')).toBeVisible();
  await expect(page.getByRole('heading', { level: 2, name: '为什么是延安' })).toBeVisible();
  // The same lesson page: 本课目录, read-aloud, sources, print.
  await expect(page.getByRole('navigation', { name: '本课目录' }).getByRole('link', { name: '窑洞里的灯光' })).toHaveAttribute('href', '#heading-3');
  await setSpeechDelay(page, 5);
  await page.getByRole('region', { name: '朗读' }).getByRole('button', { name: '朗读本页' }).click();
  await expect.poll(async () => (await spokenSoFar(page)).join('')).toContain('窑洞里的灯光');
  await expect(page.getByRole('heading', { name: '本课出处' })).toBeVisible();
  // 小测 opens its answer on request; 课后小测 links to the practice questions and back here.
  const check = page.getByRole('region', { name: '小测' });
  await expect(check.getByText('坚定正确的政治方向')).toBeHidden();
  await check.getByText('查看答案和解析').click();
  await expect(check.getByText('坚定正确的政治方向')).toBeVisible();
  const lessonPath = `/courses/${course.slug}/${course.lessonSlugs[0]}/`;
  await expect(page.getByRole('link', { name: '做课后小测' })).toHaveAttribute('href', `/practice/quiz/?tag=${encodeURIComponent('延安精神')}&from=${encodeURIComponent(lessonPath)}`);
  await expect(page.getByRole('button', { name: /打印/ })).toBeVisible();

  await page.getByRole('region', { name: '学习记录' }).getByRole('button', { name: '我学完了' }).click();
  await expect(page.getByRole('status').filter({ hasText: '已学完' })).toContainText('学习记录已保存');
  await page.getByRole('link', { name: /^下一课：/ }).click();
  await expect(page.getByText('第 2 课，共 2 课')).toBeVisible();
  await page.getByRole('region', { name: '学习记录' }).getByRole('button', { name: '我学完了' }).click();
  await expect(page.getByRole('status').filter({ hasText: '已学完' })).toContainText('学习记录已保存');

  await page.goto('/me/');
  await expect(page.getByRole('region', { name: '正在学的课程' }).getByRole('link', { name: title })).toHaveAttribute('href', `/courses/${course.slug}/`);
  await page.getByRole('link', { name: `《${title}》结业证书` }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('结业证书');
  await expect(page.getByText(E2E_USERS['studioLearner']!.name)).toBeVisible();
});

test('a retitled and reordered lesson keeps the learner’s progress', async ({ page }) => {
  const title = uniqueTitle('改版课');
  const course = await publish(title);
  const [first, second] = course.lessonIds as [number, number];
  const firstUrl = `/courses/${course.slug}/${course.lessonSlugs[0]}/`;
  await signInAs(page, E2E_USERS['studioReorder']!.phone, firstUrl);
  await page.getByRole('region', { name: '学习记录' }).getByRole('button', { name: '我学完了' }).click();
  await expect(page.getByRole('status').filter({ hasText: '已学完' })).toContainText('学习记录已保存');

  // A new version: the finished lesson is renamed and moved to second place.
  await withDb((db) =>
    publishVersion(db, {
      courseId: course.courseId,
      slug: course.slug,
      course: { title, theme: '红色教育', hours: 2 },
      lessons: [
        { id: second, title: '第一课　自己动手', paragraphs: [LONG] },
        { id: first, title: '第二课　走进延安（修订）', paragraphs: [LONG] },
      ],
    }),
  );
  // Published straight into the database, not through the studio: the server's primary writes the
  // new version's page files within seconds (src/lib/server/studio-pages.ts); the studio's own
  // publication writes them before it answers.
  await expect(async () => {
    await page.goto(firstUrl);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('第二课　走进延安（修订）', { timeout: 1000 });
  }).toPass({ timeout: 30_000 });
  await expect(page.getByText('第 2 课，共 2 课')).toBeVisible();
  await expect(page.getByRole('button', { name: '✓ 已学完' })).toBeVisible();
  await page.goto('/me/');
  await expect(page.getByText('已学完 1 课，共 2 课')).toBeVisible();
  await expect(page.getByRole('link', { name: /^继续学习：/ })).toHaveAttribute('href', `/courses/${course.slug}/${course.lessonSlugs[1]}/`);
});

test('an unknown studio lesson or course is the Chinese 404', async ({ page }) => {
  const course = await publish(uniqueTitle('找不到课'));
  expect((await page.request.get(`/courses/${course.slug}/lesson-999999/`)).status()).toBe(404);
  expect((await page.request.get('/courses/course-999999/')).status()).toBe(404);
  expect((await page.request.get(`/courses/${course.slug}/${course.lessonSlugs[0]}/extra/`)).status()).toBe(404);
});

test('the preview is the lesson page, for the course’s authors only, and never indexed', async ({ page, browser, baseURL }) => {
  const course = await publish(uniqueTitle('预览课'), E2E_USERS['studioOwner']!.phone);
  const preview = `/studio/write/${course.courseId}/lessons/${course.lessonIds[0]}/preview/`;
  await signInAs(page, E2E_USERS['studioOwner']!.phone, preview);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('第一课　走进延安');
  await expect(page.getByText('第 1 课，共 2 课')).toBeVisible();
  await expect(page.getByText('这是预览')).toBeVisible();
  await expect(page.locator('meta[name="robots"]')).toHaveAttribute('content', /noindex/);
  await expect(page.getByRole('button', { name: '我学完了' })).toHaveCount(0);
  // The instructor's learner view knows the published course like an MDX one.
  await page.goto(`/studio/courses/${course.slug}/`);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(/学习情况/);
  await expect(page.getByRole('table', { name: '每一课打开和学完的人数' }).locator('tbody tr')).toHaveCount(2);

  const other = await browser.newContext({ baseURL: baseURL ?? '' });
  const stranger = await other.newPage();
  await signInAs(stranger, E2E_USERS['studioStranger']!.phone, '/studio/');
  const refused = await stranger.goto(preview);
  expect(refused?.status()).toBe(403);
  const learner = await other.newPage();
  await other.clearCookies();
  await signInAs(learner, E2E_USERS['studioSignedOut']!.phone, '/me/');
  expect((await learner.goto(preview))?.status()).toBe(403);
  await other.close();
});

test('a studio course’s pages are accessible at every text size and contrast, with large targets and no sideways scrolling', async ({ page, context, baseURL }) => {
  test.setTimeout(240_000);
  const course = await publish(uniqueTitle('无障碍课'));
  const paths = [`/courses/${course.slug}/${course.lessonSlugs[0]}/`, `/courses/${course.slug}/`];
  for (const path of paths) await expectAccessibleEverywhere(page, context, baseURL ?? '', path);
  await page.setViewportSize({ width: 390, height: 844 });
  expect(await smallTargetsAtEverySize(page, context, baseURL ?? '', paths)).toEqual([]);
  // A 320 px phone at the largest text size (the cookie the loop above left): nothing scrolls sideways.
  await page.setViewportSize({ width: 320, height: 720 });
  const wide: string[] = [];
  for (const path of paths) {
    await page.goto(path);
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    if (width > 320) wide.push(`${path}: ${width}px`);
  }
  expect(wide).toEqual([]);
});
