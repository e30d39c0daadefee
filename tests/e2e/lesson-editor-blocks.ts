import { createClient } from '@libsql/client';
import type { Locator, Page } from '@playwright/test';
import { expect } from './fixtures';
import { E2E_DB_URL } from './accounts';
import type { Lesson } from './studio-lessons';

/**
 * Writing a studio lesson in the editor island, block by block, as an instructor would
 * (lesson-editor.spec.ts, studio-flow.spec.ts); what the server kept is read from the database.
 */

export interface Stored {
  body: string;
  title: string;
  sources: string;
  revision: number;
}

/** The lesson as the server keeps it. */
export async function stored(lesson: Lesson): Promise<Stored> {
  const client = createClient({ url: E2E_DB_URL });
  try {
    const row = (await client.execute({ sql: 'SELECT body, title, sources, revision FROM studio_lessons WHERE id = ?', args: [lesson.id] })).rows[0];
    return { body: String(row?.['body'] ?? ''), title: String(row?.['title'] ?? ''), sources: String(row?.['sources'] ?? '[]'), revision: Number(row?.['revision'] ?? 0) };
  } finally {
    client.close();
  }
}

export const savedBody = async (lesson: Lesson): Promise<string> => (await stored(lesson)).body;

/** The lesson every-component test writes, as the editor must store it. */
export const EVERY_COMPONENT = `## 红船起航

1921年，[中共一大](/courses/red-spirit/)在**南湖红船**上闭幕。

<KeyPoints>
  - 红船精神是中国革命精神之源。
  - 首创精神、奋斗精神、奉献精神。
</KeyPoints>

<Quote source="《中国共产党简史》">
  一条小小的红船承载着人民的重托。
</Quote>

<Timeline title="建党大事记">
  <TimelineItem when="1921年7月23日">中共一大开幕。</TimelineItem>
  <TimelineItem when="1921年8月">会议转到嘉兴南湖红船上。</TimelineItem>
</Timeline>

<Figure src="/images/courses/red-boat.jpg" alt="嘉兴南湖上的红船" caption="南湖红船" />

<Discussion>
  红船精神对我们今天有什么启发？
</Discussion>

<SelfCheck question="中共一大在哪里闭幕？" answer="嘉兴南湖的红船上。">
  会议最后一天转移到南湖。
</SelfCheck>

<LessonQuiz tag="红船精神" />
`;

export const newest = (page: Page): Locator => page.locator('.editor-block').last();

export async function insert(page: Page, name: string): Promise<Locator> {
  await page.getByRole('button', { name: `＋ ${name}`, exact: true }).click();
  const block = newest(page);
  await expect(block.getByRole('heading', { level: 3 })).toContainText(name);
  return block;
}

export async function selectText(field: Locator, words: string): Promise<void> {
  await field.evaluate((element, words) => {
    const area = element as HTMLTextAreaElement;
    const start = area.value.indexOf(words);
    area.focus();
    area.setSelectionRange(start, start + words.length);
  }, words);
}

export async function writeEveryComponent(page: Page): Promise<void> {
  await page.getByLabel('课的题目').fill('第一课　红船精神');
  await page.getByRole('button', { name: '加一条出处' }).click();
  await page.getByLabel('出处 1：书名或文件名').fill('《中国共产党简史》');
  await page.getByLabel('出处 1：出版或发布单位').fill('人民出版社、中共党史出版社');
  await page.getByLabel('出处 1：年份').fill('2021');

  let block = await insert(page, '大标题');
  await expect(block.getByLabel('大标题的文字')).toBeFocused();
  await block.getByLabel('大标题的文字').fill('红船起航');

  block = await insert(page, '段落');
  const text = block.getByLabel('这一段的文字');
  await text.fill('1921年，中共一大在南湖红船上闭幕。');
  await selectText(text, '南湖红船');
  await page.getByRole('button', { name: '加粗' }).click();
  await selectText(text, '中共一大');
  await page.getByRole('button', { name: '链接', exact: true }).click();
  await page.getByLabel('链接地址').fill('/courses/red-spirit/');
  await page.getByRole('button', { name: '加上链接' }).click();
  await expect(text).toHaveValue('1921年，[中共一大](/courses/red-spirit/)在**南湖红船**上闭幕。');

  // A block added by mistake: 删除, 撤销 brings it back, 删除 again.
  block = await insert(page, '段落');
  await block.getByLabel('这一段的文字').fill('多余的一段');
  await block.getByRole('button', { name: '删除：段落' }).click();
  await expect(page.getByLabel('这一段的文字')).toHaveCount(1);
  await page.getByRole('button', { name: '撤销' }).click();
  await expect(page.getByLabel('这一段的文字')).toHaveCount(2);
  await newest(page).getByRole('button', { name: '删除：段落' }).click();
  await expect(page.getByLabel('这一段的文字')).toHaveCount(1);
  await page.getByLabel('这一段的文字').focus();

  block = await insert(page, '要点');
  await block.getByLabel('每一条要点').fill('红船精神是中国革命精神之源。\n首创精神、奋斗精神、奉献精神。');

  block = await insert(page, '原文');
  await block.getByLabel('出处', { exact: true }).fill('《中国共产党简史》');
  await block.getByLabel('原话').fill('一条小小的红船承载着人民的重托。');

  block = await insert(page, '时间线');
  await block.getByLabel('标题（可以不写）').fill('建党大事记');
  await block.getByLabel('时间', { exact: true }).fill('1921年7月23日');
  await block.getByLabel('这件事').fill('中共一大开幕。');
  await block.getByRole('button', { name: '加一个时间点' }).click();
  await block.getByLabel('时间', { exact: true }).nth(1).fill('1921年8月');
  await block.getByLabel('这件事').nth(1).fill('会议转到嘉兴南湖红船上。');

  block = await insert(page, '图片');
  await block.getByLabel('图片地址').fill('/images/courses/red-boat.jpg');
  await block.getByLabel('图上有什么（必填）').fill('嘉兴南湖上的红船');
  await block.getByLabel('图下的文字（可以不写）').fill('南湖红船');

  block = await insert(page, '思考题');
  await block.getByLabel('内容').fill('红船精神对我们今天有什么启发？');

  block = await insert(page, '小测');
  await block.getByLabel('问题', { exact: true }).fill('中共一大在哪里闭幕？');
  await block.getByLabel('答案', { exact: true }).fill('嘉兴南湖的红船上。');
  await block.getByLabel('解释（可以不写）').fill('会议最后一天转移到南湖。');

  block = await insert(page, '课后小测');
  await block.getByLabel('题目的标签').fill('红船精神');
}
