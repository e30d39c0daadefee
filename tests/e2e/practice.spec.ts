import { expect, test, type Page } from './fixtures';
import { axeViolations } from './axe';
import { E2E_USERS, signInAs } from './accounts';
import { seedBank, withDb } from './contest-fixtures';
import type { QuestionContent } from '../../src/lib/question-rules';

const HEADER = '题型,题干,选项A,选项B,选项C,选项D,选项E,选项F,选项G,选项H,答案,解析,分类,标签,难度,来源';
/** Stem → the right answer. */
const QUESTIONS: Record<string, '对' | '错'> = {
  '中国共产党第一次全国代表大会在上海开幕。': '对',
  '遵义会议是在1949年召开的。': '错',
};
const CSV = [HEADER, ...Object.entries(QUESTIONS).map(([stem, answer]) => `判断,${stem},,,,,,,,,${answer},练习解析：${stem},党史,练习标签,易,练习`)].join('\r\n');
const opposite = (answer: '对' | '错'): '对' | '错' => (answer === '对' ? '错' : '对');

async function shownStem(page: Page): Promise<string> {
  const stem = (await page.locator('#question-stem').textContent())?.trim() ?? '';
  expect(Object.keys(QUESTIONS)).toContain(stem);
  return stem;
}

test('a learner practises: the daily set, instant feedback with 解析, and the wrong-answer book', async ({ browser, baseURL }) => {
  // An organiser prepares a practice bank.
  const staff = await browser.newContext({ baseURL: baseURL ?? '' });
  const organiser = await staff.newPage();
  await signInAs(organiser, E2E_USERS['practiceOrganiser']?.phone ?? '', '/organiser/');
  await organiser.getByLabel('题库名称').fill('日常练习题库');
  await organiser.getByRole('button', { name: '建立题库' }).click();
  await organiser.getByRole('link', { name: '从 Excel 导入题目' }).click();
  await organiser.getByLabel(/选择题目文件/).setInputFiles({ name: '练习.csv', mimeType: 'text/csv', buffer: Buffer.from(CSV) });
  await organiser.getByRole('button', { name: '上传并检查' }).click();
  await organiser.getByRole('button', { name: '确认导入这 2 道题' }).click();
  await organiser.getByRole('button', { name: '用于日常练习' }).click();
  await expect(organiser.getByRole('main').getByRole('status').first()).toContainText('已用于日常练习');
  await staff.close();

  const learner = await browser.newContext({ baseURL: baseURL ?? '', viewport: { width: 320, height: 800 } });
  const page = await learner.newPage();
  await signInAs(page, E2E_USERS['practiser']?.phone ?? '', '/practice/');
  await page.getByRole('link', { name: '开始今天的练习' }).click();
  await expect(page.getByText(/第1题 \/ 共2题/)).toBeVisible();
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320);
  // The answer is not in the page before answering.
  const first = await shownStem(page);
  expect(await page.content()).not.toContain(`练习解析：${first}`);
  expect(await axeViolations(page)).toEqual([]);

  await page.getByRole('button', { name: '提交答案' }).click();
  await expect(page.getByRole('alert')).toContainText('请先选一个答案');
  // After each post the page starts at what changed, focused: the question again, the feedback, the next question.
  await expect(page.locator('#practice-question')).toBeFocused();
  await page.getByLabel(opposite(QUESTIONS[first] ?? '对'), { exact: true }).check();
  await page.getByRole('button', { name: '提交答案' }).click();
  await expect(page.getByRole('heading', { name: '答错了，这道题已记入错题本。' })).toBeVisible();
  await expect(page.locator('section.feedback')).toBeFocused();
  await expect(page.locator('section.feedback')).toBeInViewport();
  await expect(page.getByText(`练习解析：${first}`)).toBeVisible();
  // What the person chose stands beside the correct answer.
  await expect(page.locator('[data-given]')).toHaveText(opposite(QUESTIONS[first] ?? '对'));
  await expect(page.locator('[data-accepted]')).toHaveText(QUESTIONS[first] ?? '对');
  await page.getByRole('link', { name: '下一题' }).click();
  await expect(page.locator('#practice')).toBeFocused();

  const second = await shownStem(page);
  expect(second).not.toBe(first);
  await page.getByLabel(QUESTIONS[second] ?? '对', { exact: true }).check();
  await page.getByRole('button', { name: '提交答案' }).click();
  await expect(page.getByRole('heading', { name: '回答正确！' })).toBeVisible();
  await page.getByRole('link', { name: '看成绩' }).click();
  await expect(page.getByRole('main').getByRole('status')).toContainText('答对 1 道，答错 1 道');

  await page.getByRole('link', { name: '去错题本再做一遍' }).click();
  await expect(page.getByText('共 1 道题')).toBeVisible();
  await page.getByRole('link', { name: '重做这道题' }).click();
  await page.getByLabel(QUESTIONS[first] ?? '对', { exact: true }).check();
  await page.getByRole('button', { name: '提交答案' }).click();
  await expect(page.getByRole('heading', { name: '回答正确！' })).toBeVisible();
  await page.getByRole('link', { name: /返回错题本/ }).click();
  await expect(page.getByText('错题本是空的')).toBeVisible();
  await learner.close();

  // A contest bank that shares a stem with this practice bank: the new-contest page, before any
  // bank is chosen, names that bank and the shared question (a warning: the form is still there).
  const practised = Object.keys(QUESTIONS)[0] ?? '';
  const question = (stem: string): QuestionContent => ({
    type: 'truefalse',
    stem,
    options: [],
    answer: { type: 'truefalse', value: true },
    explanation: '',
    category: '党史',
    tags: [],
    difficulty: 1,
    source: '本站课程',
  });
  const bank = await withDb((db) => seedBank(db, [question(practised), question(`只在竞赛题库里的题（${Date.now()}）`)]));
  const setUp = await browser.newContext({ baseURL: baseURL ?? '' });
  const organiserPage = await setUp.newPage();
  await signInAs(organiserPage, E2E_USERS['practiceOrganiser']?.phone ?? '', '/organiser/contests/new/');
  const warning = organiserPage.getByRole('region', { name: `注意：题库“${bank.name}”里有 1 道题也在日常练习里` });
  await expect(warning).toContainText(practised);
  await expect(warning).not.toContainText('只在竞赛题库里的题');
  await expect(organiserPage.getByRole('button', { name: '建立竞赛' })).toBeEnabled();
  await setUp.close();
});

test('a lesson quiz gathers the practice questions with its tag and returns to the lesson', async ({ page }) => {
  await signInAs(page, E2E_USERS['practiser']?.phone ?? '', '/practice/');
  await page.goto('/practice/quiz/?tag=没有这个标签&from=/courses/');
  await expect(page.getByText('这篇课文的小测还没有准备好')).toBeVisible();
  await expect(page.getByRole('link', { name: '返回课文' })).toHaveAttribute('href', '/courses/');
  await page.goto('/practice/quiz/?tag=练习标签&from=//evil.example/');
  await expect(page.getByRole('link', { name: '返回课文' })).toHaveAttribute('href', '/');
});
