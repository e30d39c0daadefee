import { expect, test } from './fixtures';
import { axeViolations } from './axe';
import { smallTargets } from './targets';
import { E2E_USERS, signInAs } from './accounts';
import { colleagueWorkbook, rosterWorkbook } from '../fixtures/import-layouts';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

test.describe('imports from spreadsheets that are not our template, on a 768 px tablet at 特大', () => {
  test.use({ viewport: { width: 768, height: 1024 } });
  test.beforeEach(async ({ context, baseURL }) => {
    await context.addCookies([{ name: 'xg-size', value: '30', url: baseURL ?? '' }]);
  });

  test('an organiser matches a colleague’s columns, re-checks, saves the matching, and the next file skips the step', async ({ page }) => {
    test.setTimeout(180_000);
    await signInAs(page, E2E_USERS['sheetsOrganiser']?.phone ?? '', '/organiser/');
    await page.getByLabel('题库名称').fill('同事给的防诈骗题');
    await page.getByRole('button', { name: '建立题库' }).click();
    await page.getByRole('link', { name: '从 Excel 导入题目' }).click();
    const importUrl = page.url();
    const file = { name: '防诈骗题.xlsx', mimeType: XLSX, buffer: Buffer.from(await colleagueWorkbook(10)) };
    await page.getByLabel(/选择题目文件/).setInputFiles(file);
    await page.getByRole('button', { name: '上传并检查' }).click();

    // Every column with its guess; the unknown one is flagged and not imported until chosen.
    const matching = page.getByRole('region', { name: '核对每一列是什么' });
    await expect(matching).toContainText('有 1 列没认出');
    await expect(matching.getByLabel(/A 列：“题干”/)).toHaveValue('题干');
    await expect(matching.getByLabel(/B 列：“选项一”/)).toHaveValue('选项A');
    await expect(matching.getByLabel(/G 列：“类型”/)).toHaveValue('题型');
    const unknown = matching.getByLabel(/H 列：“出题人”/);
    await expect(unknown).toHaveValue('不导入');
    await expect(matching.getByText('例如：王老师')).toBeVisible();
    // The guesses already give the row-by-row check, with nothing imported yet.
    await expect(page.getByRole('main').getByRole('status')).toContainText('可以导入 10 道题');
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(768);
    expect((await smallTargets(page)).map((target) => `${target.label} ${target.width}×${target.height}`)).toEqual([]);
    expect(await axeViolations(page)).toEqual([]);

    // A wrong choice is explained and imports nothing.
    await matching.getByLabel(/F 列：“答案”/).selectOption('不导入');
    await matching.getByRole('button', { name: '按这样重新检查' }).click();
    await expect(page.getByRole('alert')).toContainText('还没有哪一列对应“答案”');
    await expect(page.getByRole('button', { name: /确认导入/ })).toHaveCount(0);

    await matching.getByLabel(/F 列：“答案”/).selectOption('答案');
    await matching.getByLabel(/H 列：“出题人”/).selectOption('来源');
    await matching.getByLabel(/记住这样的对应/).check();
    await matching.getByRole('button', { name: '按这样重新检查' }).click();
    await expect(page.getByRole('main').getByRole('status')).toContainText('可以导入 10 道题；有问题的 0 行不会导入');
    await page.getByRole('button', { name: '确认导入这 10 道题' }).click();
    await expect(page.getByRole('main').getByRole('status').first()).toContainText('已导入 10 道题');
    const bankUrl = page.url().replace(/\?.*$/, '');
    const exported = await (await page.request.get(`${bankUrl}export?format=csv`)).text();
    expect(exported.match(/王老师/g)).toHaveLength(10);

    // The next file with the same columns: the saved matching is used, no step, straight to the rows.
    await page.goto('/organiser/');
    await page.getByLabel('题库名称').fill('下一份防诈骗题');
    await page.getByRole('button', { name: '建立题库' }).click();
    await page.getByRole('link', { name: '从 Excel 导入题目' }).click();
    expect(page.url()).not.toBe(importUrl);
    await page.getByLabel(/选择题目文件/).setInputFiles(file);
    await page.getByRole('button', { name: '上传并检查' }).click();
    await expect(page.getByRole('main').getByRole('status')).toContainText('可以导入 10 道题');
    await expect(page.getByRole('region', { name: '核对每一列是什么' })).toHaveCount(0);
  });

  test('an admin imports a 花名册: title rows skipped, personal columns ignored, a new 党支部 confirmed', async ({ page }) => {
    test.setTimeout(180_000);
    await signInAs(page, E2E_USERS['sheetsAdmin']?.phone ?? '', '/admin/import/');
    await page.getByLabel(/选择名单文件/).setInputFiles({ name: '德城区花名册.xlsx', mimeType: XLSX, buffer: Buffer.from(await rosterWorkbook()) });
    await page.getByRole('button', { name: '上传并检查' }).click();
    await expect(page.getByRole('main').getByRole('status')).toContainText('可以导入 4 人');
    await expect(page.getByRole('main')).not.toContainText('110101');
    const newBranches = page.getByRole('group', { name: '这些党支部还没有，要新建吗？' });
    await expect(newBranches).toContainText('新建“老干部局第三党支部”（2 人）');
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(768);
    expect((await smallTargets(page)).map((target) => `${target.label} ${target.width}×${target.height}`)).toEqual([]);
    expect(await axeViolations(page)).toEqual([]);

    // Every branch the file names that this database lacks is offered (第一党支部 too, unless
    // another test made it); tick them all.
    for (const box of await newBranches.getByRole('checkbox').all()) await box.check();
    await page.getByRole('button', { name: '确认导入这 4 人' }).click();
    await expect(page.getByRole('heading', { name: '导入完成：4 人' })).toBeVisible();
    await expect(page.getByText(/新建了党支部：.*老干部局第三党支部/)).toBeVisible();
    await page.goto('/admin/branches/');
    // Each branch is listed there in its own 名称 box, to rename it.
    await expect(page.getByRole('main').locator('input[value="老干部局第三党支部"]')).toHaveCount(1);
  });
});
