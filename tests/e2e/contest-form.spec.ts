import { expect, test, type Page } from './fixtures';
import { E2E_USERS, signInAs } from './accounts';
import { markedQuestions, seedBank, withDb } from './contest-fixtures';
import type { QuestionContent } from '../../src/lib/question-rules';

const organiser = E2E_USERS['contestOrganiser']?.phone ?? '';

/** A contest bank whose questions fall in two categories. */
async function bankWithCategories(marker: string): Promise<{ id: number; name: string }> {
  const questions = markedQuestions(marker).map((question, index): QuestionContent => ({ ...question, category: index < 3 ? '党章' : '党史' }));
  return withDb((db) => seedBank(db, questions));
}

const ruleGroups = (page: Page) => page.getByRole('group', { name: /^第\d+条抽题规则/ });
const awardGroups = (page: Page) => page.getByRole('group', { name: /^第\d+个奖项/ });

/** The 分类 choices a person can pick in the first rule (hidden, disabled groups left out). */
async function categoryChoices(page: Page): Promise<string[]> {
  return page.locator('#field-rule0_category').evaluate((select: HTMLSelectElement) =>
    [...select.options].filter((option) => !option.disabled && !(option.parentElement instanceof HTMLOptGroupElement && option.parentElement.disabled)).map((option) => option.text),
  );
}

test('the contest form starts with one draw rule and the suggested awards, no empty blocks; 再加一条 opens the next in place; 分类 comes from the bank', async ({ page }) => {
  const bank = await bankWithCategories('分类');
  const other = await bankWithCategories('别的');
  await signInAs(page, organiser, '/organiser/contests/new/');
  await expect(ruleGroups(page)).toHaveCount(1);
  // The three suggested awards (一等奖 to 三等奖), and no empty block beside them.
  await expect(awardGroups(page)).toHaveCount(3);
  for (const group of await awardGroups(page).all()) expect(await group.getByLabel('奖项名称').inputValue()).not.toBe('');

  await page.getByLabel('竞赛名称').fill('分类竞赛');
  await page.getByLabel('题库', { exact: true }).selectOption({ label: `${bank.name}（5 道题）` });
  expect(await categoryChoices(page)).toEqual(['不限分类', '党史（2 道题）', '党章（3 道题）']);
  const choices = page.locator('#field-rule0_category optgroup:not([disabled])');
  await expect(choices).toHaveCount(1);
  await expect(choices).toHaveAttribute('label', bank.name);
  expect(other.name).not.toBe(bank.name);

  await page.getByRole('button', { name: '再加一条抽题规则' }).click();
  await expect(ruleGroups(page)).toHaveCount(2);
  await expect(ruleGroups(page).nth(1).getByLabel('题型')).toBeFocused();
  await expect(page.getByLabel('竞赛名称')).toHaveValue('分类竞赛');
  await page.getByRole('button', { name: '再加一个奖项' }).click();
  await expect(awardGroups(page)).toHaveCount(4);
  await expect(awardGroups(page).nth(3).getByLabel('奖项名称')).toBeFocused();
  // The form has room for four awards: no button that would do nothing.
  await expect(page.getByRole('button', { name: '再加一个奖项' })).toBeHidden();
});

test.describe('without JavaScript', () => {
  test.use({ javaScriptEnabled: false });

  test('再加一条 shows the form again with one more rule, keeping what was typed', async ({ page }) => {
    const bank = await bankWithCategories('无脚本');
    await signInAs(page, organiser, '/organiser/contests/new/');
    await expect(ruleGroups(page)).toHaveCount(1);
    await page.getByLabel('竞赛名称').fill('无脚本竞赛');
    await page.getByLabel('题库', { exact: true }).selectOption({ label: `${bank.name}（5 道题）` });
    await ruleGroups(page).first().getByLabel('题型').selectOption({ label: '单选' });
    await ruleGroups(page).first().getByLabel('抽几道').fill('2');

    await page.getByRole('button', { name: '再加一条抽题规则' }).click();
    await expect(ruleGroups(page)).toHaveCount(2);
    await expect(page.getByLabel('竞赛名称')).toHaveValue('无脚本竞赛');
    await expect(ruleGroups(page).first().getByLabel('抽几道')).toHaveValue('2');
    await expect(ruleGroups(page).first().getByLabel('题型')).toHaveValue('single');
    // Once a bank is chosen, its categories are the ones offered.
    expect(await categoryChoices(page)).toEqual(['不限分类', '党史（2 道题）', '党章（3 道题）']);
    await page.getByRole('button', { name: '再加一条抽题规则' }).click();
    await expect(ruleGroups(page)).toHaveCount(3);
    await page.getByRole('button', { name: '再加一个奖项' }).click();
    await expect(awardGroups(page)).toHaveCount(4);
    await expect(ruleGroups(page)).toHaveCount(3);
    await expect(page.getByRole('button', { name: '再加一个奖项' })).toHaveCount(0);
  });
});

test('the answer field is explained with an example for each type', async ({ page }) => {
  const bank = await bankWithCategories('答案');
  await signInAs(page, organiser, `/organiser/banks/${bank.id}/import/`);
  for (const example of ['正确答案是选项B，就写：B', '选项A、C、D都对，就写：ACD', '八项规定|中央八项规定']) await expect(page.getByText(example)).toBeVisible();
  await page.goto(`/organiser/banks/${bank.id}/`);
  // The bank's list shows answers as people read them, not the import's shorthand.
  await expect(page.getByText('答案：A. 党的全国代表大会和它所产生的中央委员会')).toBeVisible();
  await page.getByRole('link', { name: /^修改第 \d+ 题/ }).first().click();
  await expect(page.getByLabel('答案', { exact: true })).toBeVisible();
  await expect(page.locator('.answer-help')).toContainText('例：');
  await expect(page.locator('.answer-help > div').first()).toHaveClass(/current/);
});
