import { expect, test } from './fixtures';
import type { Page } from '@playwright/test';
import { axeViolations } from './axe';
import { E2E_USERS, signInAs } from './accounts';
import { smallTargets } from './targets';
import { makeDocx } from '../fixtures/docx';

/** A bank as it arrives in a WeChat message: a title, a heading, one question without an answer, answers listed at the end. */
const PASTED = [
  '2024年老干部知识竞赛复习题',
  '一、单选题',
  '1. 中共一大在哪一年召开？（ ）',
  'A. 1919年  B. 1921年  C. 1927年',
  '2. 党的根本宗旨是（ ）',
  'A、全心全意为人民服务',
  'B、实现共产主义',
  '3. 没有答案的一道题（ ）',
  'A. 甲  B. 乙',
  '二、判断题',
  '1. 遵义会议是党的历史上生死攸关的转折点。',
  '参考答案',
  '一、单选题 1.B 2.A',
  '二、判断题 1.对',
].join('\n');

async function newBank(page: Page, phone: string, name: string): Promise<string> {
  await signInAs(page, phone, '/organiser/');
  await page.getByLabel('题库名称').fill(name);
  await page.getByRole('button', { name: '建立题库' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(`题库：${name}`);
  await page.getByRole('link', { name: '从 Excel 导入题目' }).click();
  return page.url();
}

test('an organiser pastes a bank on a tablet at the largest text: what is not understood is shown as written, nothing is saved until confirmed', async ({ page, context, baseURL }) => {
  test.setTimeout(180_000);
  await context.addCookies([{ name: 'xg-size', value: '30', url: baseURL ?? '' }]);
  await page.setViewportSize({ width: 768, height: 1024 });
  const importUrl = await newBank(page, E2E_USERS['pasteOrganiser']?.phone ?? '', '微信里的复习题');
  expect(await axeViolations(page)).toEqual([]);
  // The page reflows on a phone at 特大: nothing scrolls sideways, the example included.
  await page.setViewportSize({ width: 320, height: 800 });
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320);
  await page.setViewportSize({ width: 768, height: 1024 });
  expect(await smallTargets(page)).toEqual([]);

  // Nothing pasted: told so beside the box, and nothing else changes.
  await page.getByRole('button', { name: '检查粘贴的题目' }).click();
  await expect(page.getByRole('alert').first()).toContainText('请把题目文字粘贴到框里');

  await page.getByLabel('或者把题目文字粘贴到这里').fill(PASTED);
  await page.getByRole('button', { name: '检查粘贴的题目' }).click();
  await expect(page.getByRole('main').getByRole('status')).toContainText('可以导入 3 道题；有问题的 2 行不会导入');
  const problems = page.getByRole('table');
  await expect(problems.getByRole('row')).toHaveCount(3);
  await expect(problems.getByRole('row').nth(1)).toContainText('2024年老干部知识竞赛复习题');
  await expect(problems.getByRole('row').nth(1)).toContainText('不在任何一道题里');
  await expect(problems.getByRole('row').nth(2)).toContainText('3. 没有答案的一道题（ ）');
  await expect(problems.getByRole('row').nth(2)).toContainText('没有填答案');
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(768);
  expect(await axeViolations(page)).toEqual([]);

  const bankUrl = importUrl.replace(/import\/.*$/, '');
  expect(await (await page.request.get(`${bankUrl}export?format=csv`)).text()).not.toContain('中共一大');
  await page.getByRole('button', { name: '确认导入这 3 道题' }).click();
  await expect(page.getByRole('main').getByRole('status').first()).toContainText('已导入 3 道题');
  const exported = await (await page.request.get(`${bankUrl}export?format=csv`)).text();
  expect(exported).toContain('单选,中共一大在哪一年召开？（ ）,1919年,1921年,1927年,,,,,,B');
  expect(exported).toContain('判断,遵义会议是党的历史上生死攸关的转折点。,,,,,,,,,对');
});

test('an organiser uploads a Word document; an old .doc and a PDF are told how to save as .docx or paste the text', async ({ page }) => {
  test.setTimeout(180_000);
  await newBank(page, E2E_USERS['wordOrganiser']?.phone ?? '', 'Word里的题库');
  const chooser = page.getByLabel('选择 Word 文档');

  await chooser.setInputFiles({ name: '旧题库.doc', mimeType: 'application/msword', buffer: Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]) });
  await page.getByRole('button', { name: '检查 Word 文档' }).click();
  await expect(page.getByRole('alert').first()).toContainText('旧版 Word 文件（.doc）');
  await expect(page.getByRole('alert').first()).toContainText('另存为');

  // A PDF renamed .docx is recognised by what it is.
  await page.getByLabel('选择 Word 文档').setInputFiles({ name: '题库.docx', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.7\n1 0 obj') });
  await page.getByRole('button', { name: '检查 Word 文档' }).click();
  await expect(page.getByRole('alert').first()).toContainText('这是 PDF 文件');
  expect(await axeViolations(page)).toEqual([]);

  const docx = await makeDocx(['一、单选题', '1．我国的首都是（ ）', 'A．上海　B．北京', '答案：B', '二、填空题', '2. 党的根本宗旨是全心全意为____服务。', '答案：人民|人民群众']);
  await page.getByLabel('选择 Word 文档').setInputFiles({ name: '题库.docx', mimeType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', buffer: Buffer.from(docx) });
  await page.getByRole('button', { name: '检查 Word 文档' }).click();
  await expect(page.getByRole('heading', { name: '检查结果：题库.docx' })).toBeVisible();
  await expect(page.getByRole('main').getByRole('status')).toContainText('可以导入 2 道题；有问题的 0 行不会导入');
  await page.getByRole('button', { name: '确认导入这 2 道题' }).click();
  await expect(page.getByRole('main').getByRole('status').first()).toContainText('已导入 2 道题');
  await expect(page.getByText('共 2 道题')).toBeVisible();
});
