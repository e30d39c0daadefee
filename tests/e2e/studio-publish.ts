import { expect, type Page } from './fixtures';

/**
 * Publishing a studio course the way people do it, through the server: the author's 提交审核 on the
 * course page, then a reviewer's 审核通过并发布 on the review page. Never from the test process, whose
 * search-index refresh would run against its own (empty) database.
 */

/** The author (signed in on `author`) submits the course for review. */
export async function submitForReview(author: Page, courseId: number): Promise<void> {
  await author.goto(`/studio/write/${courseId}/`);
  await author.getByRole('button', { name: '提交审核' }).click();
  await expect(author.getByRole('status')).toContainText('已提交审核');
}

/** A reviewer (signed in on `reviewer`) approves the submitted course; `version` is the number it publishes. */
export async function approveAndPublish(reviewer: Page, courseId: number, version?: number): Promise<void> {
  await reviewer.goto(`/studio/review/${courseId}/`);
  await reviewer.getByRole('button', { name: '审核通过并发布' }).click();
  await expect(reviewer.getByRole('status')).toContainText(version === undefined ? /已审核通过并发布第\d+版/ : `已审核通过并发布第${version}版`);
}
