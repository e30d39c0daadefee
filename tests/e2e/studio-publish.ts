import type { Browser } from '@playwright/test';
import { expect, type Page } from './fixtures';
import { E2E_USERS, signInAs } from './accounts';

/**
 * The studio's people side by side, and publishing a studio course the way they do it, through the
 * server: the author's 提交审核 on the course page, then a reviewer's 审核通过并发布 on the review
 * page. Never from the test process, whose search-index refresh would run against its own (empty)
 * database.
 */

/** An account of tests/e2e/accounts.ts. */
export function account(key: string): { phone: string; name: string } {
  const user = E2E_USERS[key];
  if (!user) throw new Error(`no test account ${key}`);
  return user;
}

/** Signs in as `key` in a browser of its own (the author, the reviewer and the learner act side by side). */
export async function personAs(browser: Browser, key: string, next: string): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  await signInAs(page, account(key).phone, next);
  return page;
}

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
