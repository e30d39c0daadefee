import { expect, type Page } from './fixtures';
import { signInAs } from './accounts';

/** A studio lesson: its page (/studio/write/<id>/lessons/<lessonId>/) and its id. */
export interface Lesson {
  path: string;
  id: number;
}

/**
 * Creates a course through 新建课程 (红色教育) and answers its page's address (/studio/write/<id>/);
 * that page is open after. Works with and without JavaScript.
 */
export async function createCourse(page: Page, course: { title: string; summary?: string; hours?: string }): Promise<string> {
  await page.goto('/studio/write/new/');
  await page.getByLabel('课程名称').fill(course.title);
  await page.getByLabel('课程主题').selectOption('红色教育');
  await page.getByLabel('课程简介').fill(course.summary ?? '从一封封家书里，读懂革命先辈的信念和家国情怀。');
  await page.getByLabel('学时').fill(course.hours ?? '1');
  await page.getByRole('button', { name: '建好课程' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(`编写课程：${course.title}`);
  return new URL(page.url()).pathname;
}

/** Adds a lesson on the course page that is open; the editor is open on it after. */
export async function addLesson(page: Page, title: string): Promise<Lesson> {
  await page.getByLabel('新一课的标题').fill(title);
  await page.getByRole('button', { name: '添加一课' }).click();
  await page.waitForURL(/\/lessons\/\d+\/$/);
  const path = new URL(page.url()).pathname;
  await expect(page.locator('.lesson-editor')).toBeVisible();
  return { path, id: Number(/lessons\/(\d+)\//.exec(path)?.[1]) };
}

/**
 * Signs in, creates a course and one lesson through 新建课程 and 添加一课; the lesson page is open
 * after, with the editor started (lesson-editor.spec.ts, studio-image.spec.ts).
 */
export async function newLesson(page: Page, phone: string): Promise<Lesson> {
  await signInAs(page, phone, '/studio/write/new/');
  await createCourse(page, { title: '编辑器测试课', summary: '用来检查课文编辑器的一门课，写好的课文都会自动保存。' });
  return addLesson(page, '试写的一课');
}

/**
 * Adds a lesson from a studio course's page (/studio/write/<id>/) and writes it in the lesson page's
 * 源码 form, as people without JavaScript do, with one source (《红色家书》, 人民出版社, 2021); the
 * lesson page is open after, 已保存. Used by studio-write.spec.ts, studio-move.spec.ts and studio-image.spec.ts.
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
