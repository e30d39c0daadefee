import { eq } from 'drizzle-orm';
import { users } from '../../db/schema';
import { expect, test, type Page } from './fixtures';
import { signInAs } from './accounts';
import { withDb } from './contest-fixtures';
import { expectAccessibleEverywhere } from './axe';
import { uniqueTitle } from './screening-fixtures';
import { EVERY_COMPONENT, insert, savedBody, writeEveryComponent } from './lesson-editor-blocks';
import { addLesson, createCourse, type Lesson } from './studio-lessons';
import { account, approveAndPublish, personAs, submitForReview } from './studio-publish';

/**
 * Issue 13's whole studio in one unbroken run, each person in a browser of their own and every step
 * through the pages: an instructor writes a two-lesson course with every component in the editor,
 * previews it and submits it; a reviewer returns it with a comment; the author reads the comment
 * beside the lesson's text, fixes it and submits again; the reviewer approves; a learner finds the
 * course in the catalog and in search and studies it to the certificate; the author edits and
 * republishes, and the learner keeps progress and certificate; two versions are compared and the
 * first restored as a new draft.
 */

/** Words found only in the second lesson, before and after the author's edit. */
const FIRST_WORDS = '老支书那根磨得发亮的扁担，挑过公粮，也挑起了一家人的好家风。';
const FIXED_WORDS = '老支书那根磨得发亮的扁担用了三十年，挑过公粮，也挑起了一家人的好家风。';
const REPUBLISHED_WORDS = '扁担传给了孙子，孙子把它挂在堂屋正中，逢年过节讲给孩子们听。';

/** Writes lesson 2 in the editor: its sources and one paragraph; waits until the server has it. */
async function writeSecondLesson(page: Page, lesson: Lesson): Promise<void> {
  await page.getByRole('button', { name: '加一条出处' }).click();
  await page.getByLabel('出处 1：书名或文件名').fill('《习近平关于注重家庭家教家风建设论述摘编》');
  await page.getByLabel('出处 1：出版或发布单位').fill('中央文献出版社');
  await page.getByLabel('出处 1：年份').fill('2021');
  const block = await insert(page, '段落');
  await block.getByLabel('这一段的文字').fill(FIRST_WORDS);
  await expect.poll(() => savedBody(lesson), { timeout: 20_000 }).toBe(`${FIRST_WORDS}\n`);
}

/** Replaces the only paragraph of a lesson in the editor and waits until it is saved. */
async function rewriteParagraph(page: Page, lesson: Lesson, words: string): Promise<void> {
  await page.goto(lesson.path);
  await page.getByLabel('这一段的文字').fill(words);
  await expect.poll(() => savedBody(lesson), { timeout: 20_000 }).toBe(`${words}\n`);
  await expect(page.locator('[data-save-status]')).toContainText('已保存');
}

/** Searches the site as a visitor does, until the live index has caught up with a publication. */
async function expectFoundInSearch(page: Page, words: string, lessonTitle: string, href: string, courseTitle: string): Promise<void> {
  await expect(async () => {
    await page.goto(`/search/?q=${encodeURIComponent(words)}`);
    const hit = page.locator('.results li').filter({ has: page.locator('a.result-title', { hasText: lessonTitle }) });
    await expect(hit.locator('a.result-title')).toHaveAttribute('href', href, { timeout: 5_000 });
    await expect(hit.locator('p.muted')).toHaveText(`课程 · 红色教育 · ${courseTitle}`);
  }).toPass({ timeout: 60_000 });
}

async function finishLesson(page: Page): Promise<void> {
  await page.getByRole('region', { name: '学习记录' }).getByRole('button', { name: '我学完了' }).click();
  await expect(page.getByRole('status').filter({ hasText: '已学完' })).toContainText('学习记录已保存');
}

test('write → preview → submit → return → fix → approve → catalog and search → certificate → republish keeping progress → compare and restore', async ({ page, browser, baseURL }) => {
  // Three people, two publications and two waits for the live search index: long on a loaded machine.
  test.setTimeout(600_000);
  const title = uniqueTitle('扁担里的好家风');
  await withDb((db) => db.update(users).set({ reviewer: true }).where(eq(users.phone, account('flowCourseReviewer').phone)));

  // 1. The instructor creates the course, writes its sources, and writes two lessons in the editor.
  const author = page;
  await signInAs(author, account('flowCourseAuthor').phone, '/studio/');
  await author.getByRole('link', { name: /新建课程/ }).first().click();
  const coursePath = await createCourse(author, { title, summary: '从一根扁担说起，讲老党员家里代代相传的好家风。' });
  const courseId = Number(/\/studio\/write\/(\d+)\/$/.exec(coursePath)?.[1]);
  await author.getByLabel('第1条出处的标题').fill('《中国共产党简史》');
  await author.locator('#field-sourceIssuer-1').fill('人民出版社、中共党史出版社');
  await author.locator('#field-sourceYear-1').fill('2021');
  await author.getByRole('button', { name: '保存课程信息' }).click();
  await expect(author.getByRole('status')).toContainText('课程信息已保存');

  const first = await addLesson(author, '第一课');
  await writeEveryComponent(author);
  await expect.poll(() => savedBody(first), { timeout: 20_000 }).toBe(EVERY_COMPONENT);
  await expect(author.locator('[data-save-status]')).toContainText('已保存');

  // The preview, from the editor, is the learner's lesson page of what is saved: every component shows.
  const [preview] = await Promise.all([author.context().waitForEvent('page'), author.getByRole('link', { name: '预览（新窗口，显示已保存的文字）' }).click()]);
  await expect(preview.getByRole('heading', { level: 1 })).toHaveText('第一课　红船精神');
  await expect(preview.getByText('这是预览')).toBeVisible();
  await expect(preview.getByText('第 1 课，共 1 课')).toBeVisible();
  await expect(preview.getByRole('heading', { level: 2, name: '红船起航' })).toBeVisible();
  await expect(preview.getByRole('link', { name: '中共一大' })).toHaveAttribute('href', '/courses/red-spirit/');
  await expect(preview.locator('strong', { hasText: '南湖红船' })).toBeVisible();
  await expect(preview.getByText('首创精神、奋斗精神、奉献精神。')).toBeVisible();
  await expect(preview.getByText('一条小小的红船承载着人民的重托。')).toBeVisible();
  await expect(preview.getByText('建党大事记')).toBeVisible();
  await expect(preview.getByText('会议转到嘉兴南湖红船上。')).toBeVisible();
  await expect(preview.getByRole('img', { name: '嘉兴南湖上的红船' })).toBeVisible();
  await expect(preview.getByText('红船精神对我们今天有什么启发？')).toBeVisible();
  await expect(preview.getByRole('region', { name: '小测' }).getByText('嘉兴南湖的红船上。')).toBeHidden();
  await expect(preview.getByRole('link', { name: '做课后小测' })).toBeVisible();
  await expect(preview.getByRole('button', { name: '我学完了' })).toHaveCount(0);
  await preview.close();

  await author.goto(coursePath);
  const second = await addLesson(author, '第二课　一根扁担');
  await writeSecondLesson(author, second);

  // 2. Submitted; the reviewer returns it with a comment on lesson 2.
  await submitForReview(author, courseId);
  await expect(author.getByText('现在的状态：已提交，等待审核')).toBeVisible();
  const reviewer = await personAs(browser, 'flowCourseReviewer', '/studio/review/');
  await reviewer.getByRole('link', { name: new RegExp(`开始审核.*${title}`) }).click();
  await expect(reviewer.getByRole('heading', { level: 2, name: '第1课：第一课　红船精神' })).toBeVisible();
  await expect(reviewer.getByText(FIRST_WORDS)).toBeVisible();
  await reviewer.getByLabel('对第2课“第二课　一根扁担”的意见（选填）').fill('请写明这根扁担用了多少年。');
  await reviewer.getByRole('button', { name: '写好意见，退回修改' }).click();
  await expect(reviewer.getByRole('status')).toContainText('已退回给作者');

  // 3. The author reads the comment beside the lesson's text, fixes it in the editor and submits again.
  await author.goto(coursePath);
  await expect(author.getByText('现在的状态：已退回，请按意见修改')).toBeVisible();
  await expect(author.locator(`[data-comments-for="${second.id}"]`)).toContainText('请写明这根扁担用了多少年。');
  await author.goto(second.path);
  const comments = author.getByRole('region', { name: '审核意见' });
  await expect(comments).toContainText('请写明这根扁担用了多少年。');
  await expect(comments).toContainText(account('flowCourseReviewer').name);
  await expectAccessibleEverywhere(author, author.context(), baseURL ?? '', second.path, undefined, '.review-comments');
  // At the largest text size (the cookie the loop left) on a 320 px phone, nothing scrolls sideways.
  await author.setViewportSize({ width: 320, height: 720 });
  await author.goto(second.path);
  expect(await author.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320);
  await author.setViewportSize({ width: 1280, height: 720 });
  await rewriteParagraph(author, second, FIXED_WORDS);
  await submitForReview(author, courseId);
  await expect(author.locator(`[data-comments-for="${second.id}"]`)).toContainText('已处理');
  await author.goto(second.path);
  await expect(author.getByRole('region', { name: '审核意见' })).toHaveCount(0);

  // 4. The reviewer reads the fix and approves: version 1 is published.
  await reviewer.goto(`/studio/review/${courseId}/`);
  await expect(reviewer.getByText(FIXED_WORDS)).toBeVisible();
  await approveAndPublish(reviewer, courseId, 1);

  // 5. A learner finds it in the catalog and in search, and studies it to the certificate.
  const learner = await personAs(browser, 'flowCourseLearner', '/courses/');
  await learner.goto('/courses/?theme=red-education');
  await learner.getByRole('link', { name: title }).click();
  await expect(learner.getByRole('heading', { level: 1 })).toHaveText(title);
  await expect(learner.getByText('共 2 课')).toBeVisible();
  const courseUrl = new URL(learner.url()).pathname;
  const firstUrl = `${courseUrl}lesson-${first.id}/`;
  const secondUrl = `${courseUrl}lesson-${second.id}/`;
  await expectFoundInSearch(learner, '磨得发亮的扁担', '第二课　一根扁担', secondUrl, title);

  await learner.goto(courseUrl);
  await learner.getByRole('link', { name: '开始学习第一课' }).click();
  await expect(learner).toHaveURL(firstUrl);
  await expect(learner.getByRole('heading', { level: 1 })).toHaveText('第一课　红船精神');
  const check = learner.getByRole('region', { name: '小测' });
  await check.getByText('查看答案和解析').click();
  await expect(check.getByText('嘉兴南湖的红船上。')).toBeVisible();
  await finishLesson(learner);
  await learner.getByRole('link', { name: /^下一课：/ }).click();
  await expect(learner).toHaveURL(secondUrl);
  await expect(learner.getByText(FIXED_WORDS)).toBeVisible();
  await finishLesson(learner);
  await learner.goto('/me/');
  await learner.getByRole('link', { name: `《${title}》结业证书` }).click();
  await expect(learner.getByRole('heading', { level: 1 })).toHaveText('结业证书');
  await expect(learner.getByText(account('flowCourseLearner').name)).toBeVisible();
  const certificateUrl = new URL(learner.url()).pathname;

  // 6. The author edits lesson 2 and it is republished as version 2.
  await rewriteParagraph(author, second, REPUBLISHED_WORDS);
  await submitForReview(author, courseId);
  await approveAndPublish(reviewer, courseId, 2);

  // The learner sees the new text; the lesson is still studied and the certificate is the same one.
  await learner.goto(secondUrl);
  await expect(learner.getByText(REPUBLISHED_WORDS)).toBeVisible();
  await expect(learner.getByRole('region', { name: '学习记录' }).getByRole('button', { name: '✓ 已学完' })).toBeVisible();
  await learner.goto(firstUrl);
  await expect(learner.getByRole('region', { name: '学习记录' }).getByRole('button', { name: '✓ 已学完' })).toBeVisible();
  await learner.goto('/me/');
  await expect(learner.getByRole('link', { name: `《${title}》结业证书` })).toHaveAttribute('href', certificateUrl);
  await expectFoundInSearch(learner, '挂在堂屋正中', '第二课　一根扁担', secondUrl, title);

  // 7. Versions 1 and 2 side by side; version 1 restored as a new draft while learners keep version 2.
  await author.goto(coursePath);
  await author.getByRole('link', { name: '历次发布的版本（比较、恢复）' }).click();
  const versions = author.getByRole('list', { name: '版本列表' });
  await expect(versions.getByRole('heading', { name: '第2版（学员现在看到的）' })).toBeVisible();
  await expect(versions.getByRole('heading', { name: '第1版', exact: true })).toBeVisible();
  await expect(author.getByRole('heading', { name: '第1版和第2版的不同' })).toBeVisible();
  const changed = author.locator(`[data-lesson="${second.id}"]`);
  await expect(changed.getByRole('heading')).toHaveText('第二课　一根扁担：有改动');
  await expect(changed.locator('td del').first()).toBeVisible();
  await expect(changed.locator('td ins').first()).toBeVisible();
  await expect(changed).toContainText('用了三十年');
  await expect(changed).toContainText('挂在堂屋正中');
  await expect(author.locator(`[data-lesson="${first.id}"]`).getByRole('heading')).toHaveText('第一课　红船精神：没有改动');

  await author.getByRole('button', { name: '把第1版恢复为草稿' }).click();
  await expect(author.getByRole('status')).toContainText('已把第1版恢复为草稿');
  await author.goto(second.path);
  await expect(author.getByLabel('这一段的文字')).toHaveValue(FIXED_WORDS);
  await author.goto(coursePath);
  await expect(author.getByText('现在的状态：已发布（第2版），有还没提交的修改')).toBeVisible();
  await expect(author.getByRole('list', { name: '修改记录' })).toContainText(`${account('flowCourseAuthor').name}把第1版恢复为草稿`);
  await learner.goto(secondUrl);
  await expect(learner.getByText(REPUBLISHED_WORDS)).toBeVisible();

  await reviewer.context().close();
  await learner.context().close();
});
