import { expect, test } from './fixtures';
import { axeViolations } from './axe';
import { E2E_USERS, signInAs } from './accounts';

const HEADER = '题型,题干,选项A,选项B,选项C,选项D,选项E,选项F,选项G,选项H,答案,解析,分类,标签,难度,来源';
const CSV = [
  HEADER,
  '单选,中共一大在哪一年召开？,1919年,1921年,1927年,,,,,,B,1921年7月在上海召开。,党史,,易,《中国共产党简史》',
  '多选,“两个务必”包括哪些？,谦虚谨慎,艰苦奋斗,照搬照抄,,,,,,AB,,党史,,中,',
  '判断,遵义会议是党的历史上生死攸关的转折点。,,,,,,,,,对,,党史,,,',
  '填空,党的根本宗旨是全心全意为____服务。,,,,,,,,,人民|人民群众,,党章,,,',
  '问答,这是什么题型？,,,,,,,,,A,,,,,',
  '单选,答案没有对应选项的题,甲,乙,,,,,,,E,,,,,',
  '单选,中共一大在哪一年召开？,1919年,1921年,,,,,,,B,,,,,',
].join('\r\n');

test('an organiser imports a question bank: bad rows are listed, nothing is saved until confirmed, export reads back', async ({ page, context, baseURL }) => {
  // Axe on four pages at 特大: slow under a shared machine's load.
  test.setTimeout(180_000);
  await signInAs(page, E2E_USERS['organiser']?.phone ?? '', '/organiser/');
  await page.getByLabel('题库名称').fill('党史知识竞赛题库');
  await page.getByRole('button', { name: '建立题库' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('题库：党史知识竞赛题库');
  await page.getByRole('link', { name: '从 Excel 导入题目' }).click();
  await page.getByLabel(/选择题目文件/).setInputFiles({ name: '题库.csv', mimeType: 'text/csv', buffer: Buffer.from(`\uFEFF${CSV}`) });
  await page.getByRole('button', { name: '上传并检查' }).click();

  await expect(page.getByRole('main').getByRole('status')).toContainText('可以导入 4 道题；有问题的 3 行不会导入');
  const problems = page.getByRole('table');
  await expect(problems).toContainText('题型“问答”不认识');
  await expect(problems).toContainText('没有选项E');
  await expect(problems).toContainText('和第2行的题干重复');
  const bankUrl = page.url().replace(/import\/.*$/, '');
  expect((await page.request.get(`${bankUrl}export?format=csv`)).status()).toBe(200);
  expect(await (await page.request.get(`${bankUrl}export?format=csv`)).text()).not.toContain('中共一大');

  await page.getByRole('button', { name: '确认导入这 4 道题' }).click();
  await expect(page.getByRole('main').getByRole('status').first()).toContainText('已导入 4 道题');
  await expect(page.getByText('共 4 道题')).toBeVisible();
  const exported = await (await page.request.get(`${bankUrl}export?format=csv`)).text();
  expect(exported.replace(/^\uFEFF/, '').split('\r\n')[0]).toBe(HEADER);
  expect(exported).toContain('人民|人民群众');

  // An edit becomes version 2; a wrong answer letter is refused with the import's own words.
  await page.getByRole('link', { name: '修改第 1 题' }).click();
  await expect(page.getByText('现在是第 1 版')).toBeVisible();
  await page.getByLabel('答案').fill('');
  await page.getByRole('button', { name: '保存为新的一版' }).click();
  await expect(page.getByRole('alert')).toContainText('答案');
  await page.getByLabel('答案').fill('人民|人民群众|群众');
  await page.getByRole('button', { name: '保存为新的一版' }).click();
  await expect(page.getByRole('main').getByRole('status').first()).toContainText('第 2 版');
  await page.getByRole('link', { name: '返回题库' }).click();
  await expect(page.getByText('人民（也可以写：人民群众、群众）')).toBeVisible();

  await page.getByLabel('题型').selectOption('truefalse');
  await page.getByRole('button', { name: '查找' }).click();
  await expect(page.getByText('共 1 道题')).toBeVisible();
  await page.getByLabel('选中第 1 题').check();
  await page.getByRole('button', { name: '停用选中的题' }).click();
  await expect(page.getByRole('main').getByRole('status').first()).toContainText('已停用 1 道题');

  await context.addCookies([
    { name: 'xg-size', value: '30', url: baseURL ?? '' },
    { name: 'xg-contrast', value: 'high', url: baseURL ?? '' },
  ]);
  await page.setViewportSize({ width: 320, height: 800 });
  for (const path of ['/organiser/', bankUrl, `${bankUrl}import/`, `${bankUrl}questions/1/`]) {
    await page.goto(path);
    expect(await page.evaluate(() => document.documentElement.scrollWidth), `${path} scrolls sideways`).toBeLessThanOrEqual(320);
    expect((await axeViolations(page)).map((violation) => `${path} ${violation}`)).toEqual([]);
  }
});
