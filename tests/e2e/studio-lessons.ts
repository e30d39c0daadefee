import { expect, type Page } from './fixtures';

/**
 * Adds a lesson from a studio course's page (/studio/write/<id>/) and writes it in the lesson page's
 * 源码 form, as people without JavaScript do, with one source (《红色家书》, 人民出版社, 2021); the
 * lesson page is open after, 已保存. Used by studio-write.spec.ts and studio-move.spec.ts.
 */
export async function writeLessonInSource(page: Page, coursePath: string, lesson: { title: string; body: string; summary?: string }): Promise<void> {
  await page.goto(coursePath);
  await page.getByLabel('新一课的标题').fill(lesson.title);
  await page.getByRole('button', { name: '添加一课' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toContainText(lesson.title);
  if (lesson.summary !== undefined) await page.getByLabel('这一课的简介').fill(lesson.summary);
  await page.getByLabel('课文内容').fill(lesson.body);
  await page.getByLabel('第1条出处的标题').fill('《红色家书》');
  await page.getByLabel('出版或发布单位').first().fill('人民出版社');
  await page.getByLabel('年份').first().fill('2021');
  await page.getByRole('button', { name: '保存这一课' }).click();
  await expect(page.getByRole('status')).toContainText('已保存');
}
