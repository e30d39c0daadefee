import { createClient } from '@libsql/client';
import { expect, test } from './fixtures';
import { E2E_DB_URL, E2E_USERS, signInAs } from './accounts';
import { EVERY_COMPONENT, insert, savedBody, stored, writeEveryComponent } from './lesson-editor-blocks';
import { newLesson, type Lesson } from './studio-lessons';
import { expectAccessibleEverywhere } from './axe';
import { smallTargets } from './targets';

/**
 * The lesson editor island (issue 13) on the studio's lesson page (/studio/write/<id>/lessons/<lessonId>/),
 * saving through the real action studio.saveLesson. Each test writes its own course and lesson
 * through the studio's pages (the helpers in lesson-editor-blocks.ts); what the server kept is read
 * from the database.
 */

/** Another person's (or tool's) save straight into the database: a new revision with this body. */
async function storeBody(lesson: Lesson, body: string): Promise<void> {
  const client = createClient({ url: E2E_DB_URL });
  try {
    await client.execute({ sql: 'UPDATE studio_lessons SET body = ?, revision = revision + 1 WHERE id = ?', args: [body, lesson.id] });
  } finally {
    client.close();
  }
}

for (const width of [1280, 768]) {
  test(`an instructor writes a lesson with every component at ${width} px, without seeing a tag, and it is saved by itself`, async ({ page }) => {
    test.setTimeout(120_000);
    await page.setViewportSize({ width, height: 900 });
    const lesson = await newLesson(page, (width === 1280 ? E2E_USERS['editorWide'] : E2E_USERS['editorNarrow'])!.phone);
    await writeEveryComponent(page);
    // Blocks with labelled fields, never tags.
    await expect(page.locator('.editor-blocks')).not.toContainText('<');
    await expect.poll(() => savedBody(lesson), { timeout: 20_000 }).toBe(EVERY_COMPONENT);
    await expect(page.locator('[data-save-status]')).toContainText('已保存');
    const server = await stored(lesson);
    expect(server.title).toBe('第一课　红船精神');
    expect(JSON.parse(server.sources)).toEqual([{ title: '《中国共产党简史》', issuer: '人民出版社、中共党史出版社', year: 2021 }]);
    // Saved: nothing is kept in the browser any more.
    expect(await page.evaluate(() => Object.keys(localStorage).filter((key) => key.startsWith('xg-lesson-draft')))).toEqual([]);
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
  });
}

test('源码: written as text it opens as blocks; what blocks cannot show stays in 源码 with the line; problems show at their block', async ({ page }) => {
  test.setTimeout(120_000);
  const lesson = await newLesson(page, E2E_USERS['editorSource']!.phone);
  await page.getByRole('button', { name: '源码' }).click();
  await page.getByLabel('源码').fill('## 南湖\n\n<Quote source="《中国共产党简史》">\n一条小小的红船。\n</Quote>\n\n<SelfCheck question="在哪里？" answer="南湖。" />\n');
  await page.getByRole('button', { name: '方块' }).click();
  await expect(page.getByRole('button', { name: '方块' })).toHaveAttribute('aria-pressed', 'true');
  const quote = page.locator('.editor-block-Quote');
  await expect(quote.getByLabel('出处', { exact: true })).toHaveValue('《中国共产党简史》');
  await expect(quote.getByLabel('原话')).toHaveValue('一条小小的红船。');
  await expect(page.locator('.editor-block-SelfCheck').getByLabel('答案', { exact: true })).toHaveValue('南湖。');
  await expect.poll(() => savedBody(lesson), { timeout: 20_000 }).toBe('## 南湖\n\n<Quote source="《中国共产党简史》">\n  一条小小的红船。\n</Quote>\n\n<SelfCheck question="在哪里？" answer="南湖。" />\n');

  // An unknown tag: refused as blocks, the text stays in 源码 with the line.
  await page.getByRole('button', { name: '源码' }).click();
  const source = page.getByLabel('源码');
  await source.fill(`${await source.inputValue()}\n<Marquee />\n`);
  await page.getByRole('button', { name: '方块' }).click();
  await expect(page.getByRole('alert').filter({ hasText: '不认识的标签 <Marquee>' })).toContainText('第 9 行');
  await expect(page.getByRole('button', { name: '源码' })).toHaveAttribute('aria-pressed', 'true');
  await source.fill('## 南湖\n');
  await page.getByRole('button', { name: '方块' }).click();

  // The check at save finds a problem: not saved, said at the block, then saved once fixed.
  const block = await insert(page, '原文');
  await block.getByLabel('原话').fill('没有出处的原话。');
  await expect(page.locator('[data-save-status]')).toContainText('没有保存');
  await expect(block.locator('.editor-problem')).toContainText('请写出处');
  const { revision } = await stored(lesson);
  await page.getByRole('button', { name: /第 3 行第 \d+ 个字/ }).click();
  await expect(block).toBeFocused();
  // Refused for the problem: nothing more was written.
  expect((await stored(lesson)).revision).toBe(revision);
  expect(await savedBody(lesson)).not.toContain('没有出处的原话。');
  await block.getByLabel('出处', { exact: true }).fill('《中国共产党简史》');
  await expect.poll(() => savedBody(lesson), { timeout: 20_000 }).toContain('没有出处的原话。');
  await expect(block.locator('.editor-problem')).toHaveCount(0);

  // A lesson holding what the blocks cannot show opens in 源码, saying where.
  await storeBody(lesson, '第一段\n\nimport X from "x"\n');
  await page.goto(lesson.path);
  await expect(page.getByRole('alert').filter({ hasText: '第 3 行有import 或 export' })).toBeVisible();
  await expect(page.getByLabel('源码')).toHaveValue('第一段\n\nimport X from "x"\n');
});

test('a sign-in that runs out mid-edit keeps the text and saves it after signing in again (in a new tab)', async ({ page, context }) => {
  test.setTimeout(120_000);
  const { phone } = E2E_USERS['editorSignOut']!;
  const lesson = await newLesson(page, phone);
  const block = await insert(page, '段落');
  await block.getByLabel('这一段的文字').fill('登录过期前写的字。');
  await expect.poll(() => savedBody(lesson), { timeout: 20_000 }).toContain('登录过期前写的字。');

  // The session ends (cookie gone) while the instructor keeps typing.
  await context.clearCookies({ name: /xg_session$/ });
  await block.getByLabel('这一段的文字').fill('登录过期前写的字。过期以后又写的字。');
  await expect(page.getByRole('heading', { name: '请重新登录' })).toBeVisible();
  await expect(page.locator('[data-save-status]')).toContainText('没有保存');
  await expect(block.getByLabel('这一段的文字')).toHaveValue('登录过期前写的字。过期以后又写的字。');
  expect(await page.evaluate(() => Object.entries(localStorage).find(([key]) => key.startsWith('xg-lesson-draft'))?.[1] ?? '')).toContain('过期以后又写的字');
  expect(await savedBody(lesson)).not.toContain('过期以后');

  // 重新登录 opens in a new tab; back here, the text is saved.
  const [signIn] = await Promise.all([context.waitForEvent('page'), page.getByRole('link', { name: '重新登录（新窗口）' }).click()]);
  await signInAs(signIn, phone, '/studio/');
  await signIn.close();
  await page.bringToFront();
  await expect.poll(() => savedBody(lesson), { timeout: 20_000 }).toContain('过期以后又写的字。');
  await expect(page.locator('[data-save-status]')).toContainText('已保存');
  await expect(page.getByRole('heading', { name: '请重新登录' })).toHaveCount(0);
  expect(await page.evaluate(() => Object.keys(localStorage).filter((key) => key.startsWith('xg-lesson-draft')))).toEqual([]);
});

test('text typed while the network is down survives closing the page, and leaving the page sends the text', async ({ page, context }) => {
  test.setTimeout(120_000);
  const lesson = await newLesson(page, E2E_USERS['editorLeave']!.phone);
  const block = await insert(page, '段落');
  await block.getByLabel('这一段的文字').fill('断网前写的。');
  await expect.poll(() => savedBody(lesson), { timeout: 20_000 }).toBe('断网前写的。\n');

  await context.setOffline(true);
  await block.getByLabel('这一段的文字').fill('断网前写的。断网以后写的。');
  await expect(page.locator('[data-save-status]')).toContainText('网络断了');
  // The page is closed (its last try to send the text fails: no network) and opened again once the network is back.
  await page.close();
  await context.setOffline(false);
  const reopened = await context.newPage();
  await reopened.goto(lesson.path);
  await expect(reopened.getByRole('alert').filter({ hasText: '还没保存的文字，已经放回编辑器里' })).toBeVisible();
  await expect(reopened.getByLabel('这一段的文字')).toHaveValue('断网前写的。断网以后写的。');
  await expect.poll(() => savedBody(lesson), { timeout: 20_000 }).toBe('断网前写的。断网以后写的。\n');
  await expect(reopened.locator('[data-save-status]')).toContainText('已保存');

  // Leaving the page (the browser's pagehide, as when the tab is closed) sends the text at once, as a beacon.
  await reopened.getByLabel('这一段的文字').fill('走之前最后写的。');
  await reopened.evaluate(() => window.dispatchEvent(new PageTransitionEvent('pagehide')));
  await expect.poll(() => savedBody(lesson), { timeout: 20_000 }).toBe('走之前最后写的。\n');
});

test('two tabs on one lesson are warned, and the later save never overwrites the earlier one by itself', async ({ page, context }) => {
  test.setTimeout(120_000);
  const lesson = await newLesson(page, E2E_USERS['editorTabs']!.phone);
  const second = await context.newPage();
  await second.goto(lesson.path);
  await expect(second.locator('.lesson-editor')).toBeVisible();

  await page.bringToFront();
  let block = await insert(page, '段落');
  await block.getByLabel('这一段的文字').fill('第一个窗口写的。');
  await expect.poll(() => savedBody(lesson), { timeout: 20_000 }).toBe('第一个窗口写的。\n');
  await expect(second.getByRole('alert').filter({ hasText: '另一个窗口也在编辑这一课' })).toBeVisible();

  await second.bringToFront();
  block = await insert(second, '段落');
  await block.getByLabel('这一段的文字').fill('第二个窗口写的。');
  await expect(second.getByRole('heading', { name: '这一课在别处被保存过了' })).toBeVisible();
  await expect(second.locator('[data-save-status]')).toContainText('没有保存');
  expect(await savedBody(lesson)).toBe('第一个窗口写的。\n');
  await expect(block.getByLabel('这一段的文字')).toHaveValue('第二个窗口写的。');

  // Only when the person chooses it does this tab's text replace the other.
  await second.getByRole('button', { name: '用这里的文字保存，替换那个版本' }).click();
  await expect.poll(() => savedBody(lesson), { timeout: 20_000 }).toBe('第二个窗口写的。\n');
  await expect(second.locator('[data-save-status]')).toContainText('已保存');
});

test('the editor is accessible at every text size and in high contrast, with large targets', async ({ page, context, baseURL }) => {
  test.setTimeout(240_000);
  const lesson = await newLesson(page, E2E_USERS['editorA11y']!.phone);
  await storeBody(lesson, EVERY_COMPONENT);
  const path = lesson.path;
  await expectAccessibleEverywhere(page, context, baseURL!, path, async (page) => {
    await expect(page.locator('.editor-block')).toHaveCount(9);
  });
  expect(await smallTargets(page)).toEqual([]);
  // At 特大 on a 320 px screen nothing scrolls sideways.
  await page.setViewportSize({ width: 320, height: 800 });
  expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
  await page.getByRole('button', { name: '源码' }).click();
  await expect(page.getByLabel('源码')).toHaveValue(EVERY_COMPONENT);
  await page.getByRole('button', { name: '链接', exact: true }).click();
  const { axeViolations } = await import('./axe');
  expect(await axeViolations(page)).toEqual([]);
});
