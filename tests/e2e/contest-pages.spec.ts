import { expect, test } from './fixtures';
import { and, eq, isNull } from 'drizzle-orm';
import { E2E_USERS, signInAs } from './accounts';
import { MARKED_RULES, markedQuestions, seedBank, seedContest, userId, withDb } from './contest-fixtures';
import { branches, contestAttempts } from '../../db/schema';
import { insertUser } from '../../src/lib/server/users';
import { startAttempt, submitAttempt } from '../../src/lib/server/contest-attempts';
import { answersRule, shortStem } from '../../src/lib/contest-rules';
import { unwrap } from '../../src/lib/result';
import type { QuestionContent } from '../../src/lib/question-rules';

const phone = (key: string): string => E2E_USERS[key]?.phone ?? '';

test('the contest, review and result pages state the answer rule in the same words; the review page shows the paper; the clock shows beside 接着答题; a timed-out attempt is handed in', async ({ page }) => {
  test.setTimeout(120_000);
  const questions = markedQuestions('规则');
  const settings = { answersVisible: 'after_submit' as const, attemptsAllowed: 2 };
  const rule = answersRule(settings);
  const contestId = await seedContest(questions, { title: '规则一致竞赛', drawRules: MARKED_RULES, timeLimitMinutes: 20, ...settings });
  const base = `/contests/${contestId}`;

  await signInAs(page, phone('contestRules'), `${base}/`);
  await expect(page.getByRole('region', { name: '竞赛规则' })).toContainText(rule);
  await page.getByRole('button', { name: '开始答题' }).click();
  await expect(page.getByText('第1题 / 共5题')).toBeVisible();
  await page.locator('.option').first().click();
  await expect(page.locator('[data-save-status]')).toHaveText('已保存');
  const chosen = (await page.locator('.option').first().innerText()).trim();

  // The list and the contest page: 还剩 N 分钟 beside 接着答题, which takes the person back in.
  await page.goto('/contests/');
  const listed = page.getByRole('listitem').filter({ hasText: '规则一致竞赛' });
  await expect(listed).toContainText(/还剩 (19|20) 分钟/);
  await listed.getByRole('button', { name: '接着答题' }).click();
  await expect(page).toHaveURL(new RegExp(`${base}/question/2/#contest-question$`));
  await page.goto(`${base}/`);
  await expect(page.getByText(/您正在答第 1 次，还剩 (19|20) 分钟/)).toBeVisible();
  await expect(page.getByRole('button', { name: '接着答题' })).toBeVisible();

  // A 填空 has nothing to choose (the fifth question, by the rules' order).
  await page.goto(`${base}/question/5/`);
  await expect(page.locator('[data-save-status]')).toHaveText('填好后会自动保存。');
  await page.goto(`${base}/question/4/`);
  await expect(page.locator('[data-save-status]')).toHaveText('选好后会自动保存。');

  // The review page shows the paper: every stem (shortened) and the answer chosen.
  await page.goto(`${base}/review/`);
  for (const question of questions) await expect(page.getByRole('list').filter({ hasText: '第1题' })).toContainText(shortStem(question.stem));
  await expect(page.getByRole('link', { name: /第1题/ })).toContainText(`您的答案：${chosen}`);
  await expect(page.getByRole('link', { name: /第2题/ })).toContainText('未答');
  await expect(page.getByText(rule)).toBeVisible();
  await page.getByRole('button', { name: '确认交卷' }).click();

  // One attempt left: the result page says the same rule, and why the answers are not shown yet.
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('规则一致竞赛：成绩');
  await expect(page.locator('[data-answers-rule]')).toHaveText(rule);
  await expect(page.getByText('您还可以再答 1 次')).toBeVisible();
  await expect(page.getByText('正确答案：')).toHaveCount(0);

  // The second attempt runs out while the person is away.
  await page.goto(`${base}/`);
  await page.getByRole('button', { name: /再答一次/ }).click();
  await expect(page.getByText('第1题 / 共5题')).toBeVisible();
  await withDb(async (db) => {
    const person = await userId(db, phone('contestRules'));
    await db
      .update(contestAttempts)
      .set({ deadline: Date.now() - 120_000 })
      .where(and(eq(contestAttempts.contestId, contestId), eq(contestAttempts.userId, person), isNull(contestAttempts.submittedAt)));
  });
  await page.goto('/contests/');
  const after = page.getByRole('listitem').filter({ hasText: '规则一致竞赛' });
  await expect(after.getByRole('button', { name: '接着答题' })).toHaveCount(0);
  await expect(after).toContainText('您已答 2 次');
  await page.goto(`${base}/`);
  await expect(page.getByRole('button', { name: '接着答题' })).toHaveCount(0);
  await expect(page.getByText(/第 2 次：[\d.]+ 分，答对 \d+ 题\s*（到时自动交卷）/)).toBeVisible();

  // Both attempts used: the answers may be shown, each question marked right or wrong with the
  // correct answer and 解析, under the same rule.
  await page.getByRole('link', { name: '查看这次成绩' }).first().click();
  await expect(page.locator('[data-answers-rule]')).toHaveText(rule);
  const items = page.locator('.review > li');
  await expect(items).toHaveCount(5);
  for (const item of await items.all()) {
    await expect(item).toContainText(/答对了|答错了|没有作答/);
    await expect(item).toContainText('正确答案：');
    await expect(item).toContainText(/解析：规则解析/);
  }
  await expect(items.filter({ hasText: chosen }).first()).toContainText('您的答案：');
});

test('the hall screen fills a 1920 × 1080 projector without the site header, refreshes itself, and stays closed to learners until the results are public', async ({ page, browser, baseURL }) => {
  test.setTimeout(120_000);
  await page.setViewportSize({ width: 1920, height: 1080 });
  const stamp = String(Date.now()).slice(-5);
  // A full board: eight branches with long names and twelve people, more than the top ten shown.
  const BRANCH_NUMBERS = ['一', '二', '三', '四', '五', '六', '七', '八'];
  const branchIds = await withDb(async (db) => {
    const rows = await db
      .insert(branches)
      .values(BRANCH_NUMBERS.map((number) => ({ name: `离退休干部第${number}党支部${stamp}`, createdAt: Date.now() })))
      .returning({ id: branches.id });
    return rows.map((row) => row.id);
  });
  const contestId = await seedContest(markedQuestions('大屏'), { title: '大屏幕竞赛', drawRules: MARKED_RULES, branchIds });
  const hand = async (name: string, index: number, seconds: number): Promise<void> =>
    withDb(async (db) => {
      const branchId = branchIds[index % branchIds.length] ?? null;
      const person = await insertUser(db, { phone: `1366${stamp}${String(index).padStart(2, '0')}`, displayName: name, branchId, passwordHash: null, roles: ['learner'] });
      const now = Date.now();
      const started = unwrap(await startAttempt(db, { contestId, userId: person, branchId }, now));
      unwrap(await submitAttempt(db, { attemptId: started.attemptId, userId: person, by: 'person' }, now + seconds * 1000));
    });
  const crowd = ['欧阳大屏一', '司马建国长', '诸葛文华明', '上官秀兰英', '东方红梅芳', '皇甫志强伟', '慕容玉珍霞', '令狐国庆安', '公孙淑珍琴', '长孙德胜利', '夏侯桂英秀', '尉迟永福康'];
  for (const [index, name] of crowd.entries()) await hand(name, index + 1, 60 + index);

  await signInAs(page, phone('contestHall'), `/contests/${contestId}/results/`);
  // The organiser reads that the board is theirs alone before putting it on the wall.
  await expect(page.getByText('只有组织者能看到')).toBeVisible();
  await page.clock.install();
  await page.getByRole('link', { name: '大屏幕显示' }).click();
  await expect(page).toHaveURL(/view=hall/);
  await expect(page.locator('header, nav, footer, .site-header')).toHaveCount(0);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('大屏幕竞赛');
  await expect(page.getByRole('heading', { name: '个人前十名' })).toBeVisible();
  await expect(page.getByRole('heading', { name: '党支部排名' })).toBeVisible();
  for (const name of crowd.slice(0, 10)) await expect(page.getByText(name)).toBeVisible();
  await expect(page.locator('.hall-list:not(.branches) > li')).toHaveCount(10);
  for (const number of BRANCH_NUMBERS) await expect(page.getByText(`离退休干部第${number}党支部${stamp}`)).toBeVisible();
  await expect(page.locator('body')).not.toContainText('只有组织者能看到');
  await expect(page.locator('body')).toContainText('竞赛进行中');
  const sizes = await page.locator('.hall .name').evaluateAll((names) => names.map((name) => parseFloat(getComputedStyle(name).fontSize)));
  expect(sizes).toHaveLength(18);
  for (const size of sizes) expect(size).toBeGreaterThanOrEqual(48);
  // It fills the screen and nothing has to be scrolled: no box reaches past 1920 × 1080.
  const box = await page.evaluate(() => ({
    width: document.scrollingElement?.scrollWidth ?? Infinity,
    height: document.scrollingElement?.scrollHeight ?? Infinity,
    board: document.querySelector('[data-hall-board]')?.getBoundingClientRect().height ?? 0,
    outside: [...document.body.querySelectorAll('*')]
      .filter((element) => {
        const rect = element.getBoundingClientRect();
        return rect.width > 0 && rect.height > 0 && (rect.right > 1920 + 0.5 || rect.bottom > 1080 + 0.5 || rect.left < -0.5 || rect.top < -0.5);
      })
      .map((element) => `${element.tagName}.${element.className}: ${element.textContent?.slice(0, 20) ?? ''}`),
  }));
  expect(box.outside).toEqual([]);
  expect(box.width).toBeLessThanOrEqual(1920);
  expect(box.height).toBeLessThanOrEqual(1080);
  expect(box.board).toBeGreaterThanOrEqual(1080 - 1);

  // Someone hands in: half a minute later the board shows it without anyone touching the computer.
  // Handed in faster than everyone (1 s), so first on the board.
  await hand('欧阳大屏二', 20, 1);
  await expect(page.getByText('欧阳大屏二')).toHaveCount(0);
  await page.clock.fastForward(31_000);
  await expect(page.getByText('欧阳大屏二')).toBeVisible();
  await expect(page.locator('header, .site-header')).toHaveCount(0);

  // A learner who changes the id in the address sees no standings of a contest still running.
  const learner = await browser.newContext({ baseURL: baseURL ?? '' });
  const learnerPage = await learner.newPage();
  await learnerPage.setViewportSize({ width: 1920, height: 1080 });
  await signInAs(learnerPage, phone('contestHallViewer'), '/contests/');
  await learnerPage.goto(`/contests/${contestId}/results/?view=hall`);
  await expect(learnerPage.getByText('排行榜在竞赛结束')).toBeVisible();
  await expect(learnerPage.locator('body')).not.toContainText('欧阳大屏');
  const missing = await learnerPage.goto('/contests/99999999/results/?view=hall');
  expect(missing?.status()).toBe(404);
  await learner.close();
});

test('before a bank is opened for practice, the organiser is told which of its questions a running contest draws', async ({ page }) => {
  const stamp = Date.now();
  const shared: QuestionContent = {
    type: 'truefalse',
    stem: `遵义会议在1935年1月召开。（${stamp}）`,
    options: [],
    answer: { type: 'truefalse', value: true },
    explanation: '1935年1月15日至17日，中共中央在贵州遵义召开政治局扩大会议。',
    category: '党史',
    tags: [],
    difficulty: 1,
    source: '本站课程《长征精神：万水千山只等闲》',
  };
  const own = { ...shared, stem: `长征是播种机。（${stamp}）` };
  await seedContest([shared, own], { title: `重叠提醒竞赛${stamp}`, drawRules: [{ type: 'truefalse', count: 2 }] });
  const bank = await withDb((db) => seedBank(db, [{ ...shared, stem: `遵义会议在1935年1月召开${stamp}` }]));

  await signInAs(page, phone('contestHall'), `/organiser/banks/${bank.id}/`);
  const warning = page.getByRole('region', { name: /还没结束的竞赛也会抽到/ });
  await expect(warning).toContainText(`遵义会议在1935年1月召开${stamp}`);
  await expect(warning).toContainText(`竞赛“重叠提醒竞赛${stamp}”`);
  await expect(warning).not.toContainText('长征是播种机');
  // A warning, not a refusal: the button is still there.
  await expect(page.getByRole('button', { name: '用于日常练习' })).toBeEnabled();
});
