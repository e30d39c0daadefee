import { eq } from 'drizzle-orm';
import type { Browser } from '@playwright/test';
import { expect, test, type Page } from './fixtures';
import { studioLessons, users } from '../../db/schema';
import { findPublishedStudioCourse } from '../../src/lib/server/studio-published';
import { seedStudioCourse } from '../integration/studio-fixture';
import { userId, withDb } from './contest-fixtures';
import { signInAs } from './accounts';
import { expectAccessibleEverywhere } from './axe';
import { uniqueTitle } from './screening-fixtures';
import { account, approveAndPublish, personAs, submitForReview } from './studio-publish';

/** A two-lesson studio course by `ownerKey`, written straight into the tables. */
async function seedCourse(ownerKey: string, title: string): Promise<{ courseId: number; lessonIds: number[]; slug: string }> {
  return withDb(async (db) =>
    seedStudioCourse(db, {
      ownerId: await userId(db, account(ownerKey).phone),
      title,
      lessons: [
        { title: '入党誓词的由来', body: '入党誓词是每个党员的庄严承诺。\n\n现行誓词写在党章里。' },
        { title: '誓词的内容', body: '誓词共八十个字。' },
      ],
    }),
  );
}

async function setReviewerFlag(key: string): Promise<void> {
  await withDb((db) => db.update(users).set({ reviewer: true }).where(eq(users.phone, account(key).phone)));
}

/** The workflow panel's notice after a button: confirmed in words. */
async function expectNotice(page: Page, words: string | RegExp): Promise<void> {
  await expect(page.getByRole('status')).toContainText(words);
}

test('submit → returned with a comment → the author sees it beside the lesson → resubmit → approved and published', async ({ page, browser }) => {
  test.setTimeout(180_000);
  const title = uniqueTitle('重温入党誓词');
  const { courseId, lessonIds, slug } = await seedCourse('reviewAuthor', title);

  // An admin makes an instructor a reviewer on 管理 › 人员与角色.
  const reviewer = account('reviewReviewer');
  await signInAs(page, account('reviewAdmin').phone, '/admin/users/');
  await page.goto(`/admin/users/?q=${reviewer.phone}`);
  await page.getByLabel(/^课程审核人员/).check();
  await page.getByRole('button', { name: `保存${reviewer.name}的设置` }).click();
  await expectNotice(page, '已保存');
  await expect(page.getByLabel(/^课程审核人员/)).toBeChecked();

  // The author submits.
  const author = await personAs(browser, 'reviewAuthor', `/studio/write/${courseId}/`);
  await expect(author.getByText('现在的状态：草稿，还没有提交审核')).toBeVisible();
  await expect(author.getByRole('button', { name: '审核通过并发布' })).toHaveCount(0);
  await author.getByRole('button', { name: '提交审核' }).click();
  await expectNotice(author, '已提交审核');
  await expect(author.getByText('现在的状态：已提交，等待审核')).toBeVisible();
  // An author never reviews their own course.
  await author.goto(`/studio/review/${courseId}/`);
  await expect(author.getByRole('heading', { level: 1 })).toHaveText('没有权限查看这个页面');

  // The reviewer finds it in the queue, reads it and returns it with a comment on lesson 1.
  const review = await personAs(browser, 'reviewReviewer', '/studio/review/');
  await review.getByRole('link', { name: new RegExp(`开始审核.*${title}`) }).click();
  await expect(review.getByRole('heading', { level: 2, name: '第1课：入党誓词的由来' })).toBeVisible();
  await expect(review.getByText('现行誓词写在党章里。')).toBeVisible();
  await review.getByLabel('对第1课“入党誓词的由来”的意见（选填）').fill('请写明现行誓词是哪一年写进党章的。');
  await review.getByRole('button', { name: '写好意见，退回修改' }).click();
  await expectNotice(review, '已退回给作者');

  // The author sees the comment beside the lesson's title, fixes the lesson and submits again.
  await author.goto(`/studio/write/${courseId}/`);
  await expect(author.getByText('现在的状态：已退回，请按意见修改')).toBeVisible();
  const lessonOne = author.locator(`[data-comments-for="${lessonIds[0]}"]`);
  await expect(lessonOne.getByRole('heading')).toHaveText('第1课：入党誓词的由来');
  await expect(lessonOne).toContainText('待修改');
  await expect(lessonOne).toContainText('请写明现行誓词是哪一年写进党章的。');
  await expect(author.locator(`[data-comments-for="${lessonIds[1]}"]`)).toContainText('没有意见');
  await withDb((db) => db.update(studioLessons).set({ body: '入党誓词是每个党员的庄严承诺。\n\n现行誓词1982年写进党章。' }).where(eq(studioLessons.id, lessonIds[0]!)));
  await author.getByRole('button', { name: '提交审核' }).click();
  await expectNotice(author, '已提交审核');
  await expect(author.locator(`[data-comments-for="${lessonIds[0]}"]`)).toContainText('已处理');

  // The reviewer approves: the course is published.
  await review.goto(`/studio/review/${courseId}/`);
  await expect(review.getByText('现行誓词1982年写进党章。')).toBeVisible();
  await review.getByRole('button', { name: '审核通过并发布' }).click();
  await expectNotice(review, '已审核通过并发布第1版');
  const published = await withDb((db) => findPublishedStudioCourse(db, slug));
  expect(published?.snapshot.lessons[0]?.body).toContain('1982年');

  await author.goto(`/studio/write/${courseId}/`);
  await expect(author.getByText('现在的状态：已发布（第1版）')).toBeVisible();
  const history = author.getByRole('list', { name: '修改记录' });
  await expect(history).toContainText(`${reviewer.name}发布了第1版`);
  await expect(history).toContainText(`${reviewer.name}退回修改（1条意见）`);
  await expect(history).toContainText('审核流程讲师提交了审核');
  await author.context().close();
  await review.context().close();
});

/**
 * Publishes the course's draft as the next version through the pages (studio-publish.ts): the
 * author submits, the reviewer approves, each signed in in a browser of their own, so the server
 * refreshes its search index, never the test process.
 */
async function publish(browser: Browser, courseId: number, authorKey: string, reviewerKey: string): Promise<void> {
  const author = await personAs(browser, authorKey, `/studio/write/${courseId}/`);
  const reviewer = await personAs(browser, reviewerKey, '/studio/review/');
  await submitForReview(author, courseId);
  await approveAndPublish(reviewer, courseId);
  await author.context().close();
  await reviewer.context().close();
}

test('compare two versions side by side, restore the old one as a draft, unpublish', async ({ page, browser }) => {
  test.setTimeout(180_000);
  await setReviewerFlag('versionReviewer');
  const { courseId, lessonIds, slug } = await seedCourse('versionAuthor', uniqueTitle('党章学习'));
  await publish(browser, courseId, 'versionAuthor', 'versionReviewer');
  await withDb((db) => db.update(studioLessons).set({ body: '誓词共八十个字，要背熟。', title: '誓词全文' }).where(eq(studioLessons.id, lessonIds[1]!)));
  await publish(browser, courseId, 'versionAuthor', 'versionReviewer');

  await signInAs(page, account('versionAuthor').phone, `/studio/write/${courseId}/versions/`);
  const versions = page.getByRole('list', { name: '版本列表' });
  await expect(versions.getByRole('heading', { name: '第2版（学员现在看到的）' })).toBeVisible();
  await expect(versions.getByRole('heading', { name: '第1版', exact: true })).toBeVisible();
  // By default the two newest, earlier left; the lesson that changed shows its lines side by side.
  await expect(page.getByRole('heading', { name: '第1版和第2版的不同' })).toBeVisible();
  const changed = page.locator(`[data-lesson="${lessonIds[1]}"]`);
  await expect(changed.getByRole('heading')).toHaveText('誓词全文：有改动');
  await expect(changed.locator('td ins')).toContainText(['全文', '，要背熟']);
  await expect(changed.locator('td del').first()).toContainText('的内容');
  await expect(page.locator(`[data-lesson="${lessonIds[0]}"]`).getByRole('heading')).toHaveText('入党誓词的由来：没有改动');
  // Chosen by hand, in either order.
  await page.getByLabel('较早的版本').selectOption({ label: '第2版' });
  await page.getByLabel('较新的版本').selectOption({ label: '第1版' });
  await page.getByRole('button', { name: '比较' }).click();
  await expect(page.getByRole('heading', { name: '第1版和第2版的不同' })).toBeVisible();

  await page.getByRole('button', { name: '把第1版恢复为草稿' }).click();
  await expectNotice(page, '已把第1版恢复为草稿');
  const lesson = await withDb(async (db) => (await db.select().from(studioLessons).where(eq(studioLessons.id, lessonIds[1]!)))[0]!);
  expect([lesson.title, lesson.body]).toEqual(['誓词的内容', '誓词共八十个字。']);
  await page.goto(`/studio/write/${courseId}/`);
  await expect(page.getByText('现在的状态：已发布（第2版），有还没提交的修改')).toBeVisible();
  await expect(page.getByRole('list', { name: '修改记录' })).toContainText('版本讲师把第1版恢复为草稿');
  // Learners still see version 2 until the restored draft is approved.
  expect((await withDb((db) => findPublishedStudioCourse(db, slug)))?.versionNumber).toBe(2);

  // A reviewer stops publishing it; the versions stay.
  const review = await personAs(browser, 'versionReviewer', `/studio/review/${courseId}/`);
  await review.getByRole('button', { name: '停止发布第2版' }).click();
  await expectNotice(review, '已停止发布');
  expect(await withDb((db) => findPublishedStudioCourse(db, slug))).toBeUndefined();
  await page.goto(`/studio/write/${courseId}/`);
  await expect(page.getByText('现在的状态：草稿，还没有提交审核')).toBeVisible();
  await expect(page.getByText('学员现在还看不到这门课。')).toBeVisible();
  await page.goto(`/studio/write/${courseId}/versions/`);
  await expect(page.getByRole('list', { name: '版本列表' }).getByRole('heading')).toHaveText(['第2版', '第1版']);
  await review.context().close();
});

test('the review pages pass axe at every text size and in high contrast', async ({ page, context, baseURL, browser }) => {
  // Two publications and a submission through the pages before the axe runs.
  test.setTimeout(480_000);
  await setReviewerFlag('reviewA11yReviewer');
  const waiting = await seedCourse('reviewA11yAuthor', uniqueTitle('无障碍待审课'));
  const versioned = await seedCourse('reviewA11yAuthor', uniqueTitle('无障碍版本课'));
  await publish(browser, versioned.courseId, 'reviewA11yAuthor', 'reviewA11yReviewer');
  await withDb((db) => db.update(studioLessons).set({ body: '改过的正文。' }).where(eq(studioLessons.id, versioned.lessonIds[0]!)));
  await publish(browser, versioned.courseId, 'reviewA11yAuthor', 'reviewA11yReviewer');
  const waitingAuthor = await personAs(browser, 'reviewA11yAuthor', `/studio/write/${waiting.courseId}/`);
  await submitForReview(waitingAuthor, waiting.courseId);
  await waitingAuthor.context().close();
  await signInAs(page, account('reviewA11yReviewer').phone, '/studio/review/');
  for (const path of ['/studio/review/', `/studio/review/${waiting.courseId}/`, `/studio/write/${versioned.courseId}/versions/`]) {
    await expectAccessibleEverywhere(page, context, baseURL!, path);
  }
});
