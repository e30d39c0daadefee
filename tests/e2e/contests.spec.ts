import { expect, test, type Page } from './fixtures';
import { and, eq, isNull } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { E2E_USERS, signInAs } from './accounts';
import { expectAccessibleEverywhere } from './axe';
import { MARKED_RULES, markedQuestions, seedBank, seedContest, userId, withDb } from './contest-fixtures';
import { branches, contestAttempts, contests, users } from '../../db/schema';
import { insertUser } from '../../src/lib/server/users';
import { contestantView, saveAnswer, startAttempt, submitAttempt } from '../../src/lib/server/contest-attempts';
import { toBeijingDateTimeInput } from '../../src/lib/beijing-time';
import type { QuestionContent } from '../../src/lib/question-rules';
import { unwrap } from '../../src/lib/result';

const phone = (key: string): string => E2E_USERS[key]?.phone ?? '';

async function noSidewaysScroll(page: Page): Promise<void> {
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320);
}

/** Answers the question on screen: the first option, 对, or a text; waits until it is saved. */
async function answerShownQuestion(page: Page, text = '行动'): Promise<void> {
  const field = page.getByLabel('您的答案');
  if (await field.count()) await field.fill(text);
  else await page.locator('.option').first().click();
  await expect(page.locator('[data-save-status]')).toHaveText('已保存');
}

test('an organiser sets up a contest: bad draw rules are refused in words, then it is saved; extra time for one person', async ({ page, context, baseURL }) => {
  test.setTimeout(180_000);
  const bank = await withDb((db) => seedBank(db, markedQuestions('组织')));
  await signInAs(page, phone('contestOrganiser'), '/organiser/contests/');
  await page.getByRole('link', { name: '新建竞赛' }).click();
  await page.getByLabel('竞赛名称').fill('学习党章知识竞赛');
  await page.getByLabel('题库', { exact: true }).selectOption({ label: `${bank.name}（5 道题）` });
  await page.getByLabel('开始时间（北京时间）').fill(toBeijingDateTimeInput(Date.now() - 60_000));
  await page.getByLabel('结束时间（北京时间）').fill(toBeijingDateTimeInput(Date.now() + 86_400_000));
  const firstRule = page.getByRole('group', { name: '第1条抽题规则' });
  await firstRule.getByLabel('题型').selectOption({ label: '单选' });
  await firstRule.getByLabel('抽几道').fill('5');
  await page.getByRole('button', { name: '建立竞赛' }).click();
  await expect(page.locator('[data-error-summary]')).toContainText('题库里的“单选”题只有2道，不够抽5道');
  // What was typed stays in the form.
  await expect(page.getByLabel('竞赛名称')).toHaveValue('学习党章知识竞赛');
  expect(await withDb(async (db) => (await db.select().from(contests).where(eq(contests.title, '学习党章知识竞赛'))).length)).toBe(0);

  await page.getByRole('group', { name: '第1条抽题规则' }).getByLabel('抽几道').fill('2');
  await page.getByRole('button', { name: '再加一条抽题规则' }).click();
  const secondRule = page.getByRole('group', { name: /第2条抽题规则/ });
  await secondRule.getByLabel('题型').selectOption({ label: '判断' });
  await secondRule.getByLabel('抽几道').fill('1');
  await page.getByRole('button', { name: '建立竞赛' }).click();
  await expect(page.getByRole('status').filter({ hasText: '竞赛设置已保存' })).toBeVisible();
  await expect(page.getByRole('status').filter({ hasText: '竞赛设置已保存' })).toBeFocused();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('竞赛：学习党章知识竞赛');
  await expect(page.getByText('每份 3 道题，满分 5 分')).toBeVisible();

  await page.getByLabel('学员手机号').fill(phone('contestant'));
  await page.getByLabel('延长多少').selectOption('unlimited');
  await page.getByRole('button', { name: '保存延长时间' }).click();
  await expect(page.getByRole('status').filter({ hasText: '答题学员答题不限时' })).toBeVisible();
  await page.getByLabel('学员手机号').fill('13912345678');
  await page.getByRole('button', { name: '保存延长时间' }).click();
  await expect(page.locator('[data-error-summary]')).toContainText('没有找到这个手机号的学员');
  // PIPL: the list and its 取消延长 form carry no full phone number.
  expect(await page.content()).not.toContain(phone('contestant'));
  await page.getByRole('button', { name: '取消延长' }).click();
  await expect(page.getByRole('status').filter({ hasText: '已取消答题学员的延长时间' })).toBeVisible();

  const overview = new URL(page.url()).pathname;
  await expectAccessibleEverywhere(page, context, baseURL ?? '', overview);
  await expectAccessibleEverywhere(page, context, baseURL ?? '', '/organiser/contests/new/');
  await expectAccessibleEverywhere(page, context, baseURL ?? '', `${overview}edit/`);
});

test('a contestant takes a contest on a 320 px phone: answers are saved on choice and survive a reload; unanswered questions are listed before submitting', async ({ page }) => {
  await page.setViewportSize({ width: 320, height: 640 });
  const contestId = await seedContest(markedQuestions('手机'), { title: '手机答题竞赛', drawRules: MARKED_RULES, answersVisible: 'after_submit' });
  await signInAs(page, phone('contestant'), '/contests/');
  await page.getByRole('link', { name: '手机答题竞赛' }).click();
  await page.getByRole('button', { name: '开始答题' }).click();
  await expect(page).toHaveURL(new RegExp(`/contests/${contestId}/question/1/#contest-question$`));
  await expect(page.getByText('第1题 / 共5题')).toBeVisible();
  await expect(page.locator('[data-clock-text]')).toHaveText(/^(19|20):\d\d$/);
  await noSidewaysScroll(page);

  await answerShownQuestion(page);
  await page.getByRole('button', { name: '下一题' }).click();
  await expect(page.getByText('第2题 / 共5题')).toBeVisible();
  await answerShownQuestion(page);
  const chosen = await page.locator('.option input:checked').inputValue();
  // A refresh (or another phone) shows the same attempt with the answer in place.
  await page.reload();
  await expect(page.getByText('第2题 / 共5题')).toBeVisible();
  await expect(page.locator('.option input:checked')).toHaveValue(chosen);
  await page.getByRole('button', { name: '上一题' }).click();
  await expect(page.locator('.option input:checked')).toHaveCount(1);
  // 多选: two ticks are two saved options (each saved as it is ticked), still there after a reload.
  await page.goto(`/contests/${contestId}/question/3/`);
  await page.locator('.option').nth(0).click();
  await expect(page.locator('[data-save-status]')).toHaveText('已保存');
  await page.locator('.option').nth(2).click();
  await expect(page.locator('[data-save-status]')).toHaveText('已保存');
  await page.reload();
  await expect(page.locator('.option input:checked')).toHaveCount(2);
  await page.getByRole('button', { name: '下一题' }).click();
  // Question 4 is skipped.
  await page.getByRole('button', { name: '下一题' }).click();
  await expect(page.getByText('第5题 / 共5题')).toBeVisible();
  await answerShownQuestion(page);
  await page.getByRole('button', { name: '检查并交卷' }).click();

  await expect(page.getByRole('heading', { level: 1 })).toHaveText('检查并交卷');
  await expect(page.getByText('还有 1 道题没有作答：')).toBeVisible();
  await noSidewaysScroll(page);
  await page.getByRole('link', { name: /第4题.*未答/ }).click();
  await answerShownQuestion(page);
  await page.getByRole('link', { name: '查看全部题目，交卷' }).click();
  await expect(page.getByText('5 道题都已作答')).toBeVisible();
  await page.getByRole('button', { name: '确认交卷' }).click();

  await expect(page.getByRole('heading', { level: 1 })).toHaveText('手机答题竞赛：成绩');
  await expect(page.getByText(/分（满分 12 分）/)).toBeVisible();
  await expect(page.getByText('排名在竞赛结束')).toBeVisible();
  // This contest shows answers right after submitting.
  await expect(page.getByText('解析：手机解析一')).toBeVisible();
  await noSidewaysScroll(page);
  // Handed in: the question pages lead to the result, and answering again is refused.
  await page.goto(`/contests/${contestId}/question/1/`);
  await expect(page).toHaveURL(new RegExp(`/contests/${contestId}/(result/)?$`));
});

test('on a slow network, an option tapped before the page has finished loading is saved once it has', async ({ page }) => {
  const contestId = await seedContest(markedQuestions('慢网'), { title: '慢网竞赛', drawRules: MARKED_RULES });
  await signInAs(page, phone('contestSlowNetwork'), `/contests/${contestId}/`);
  await page.getByRole('button', { name: '开始答题' }).click();
  await expect(page.getByText('第1题 / 共5题')).toBeVisible();
  // Hold the page's scripts back, as a slow phone network would, while the question is answered.
  let release: () => void = () => undefined;
  const held = new Promise<void>((resolve) => (release = resolve));
  await page.route('**/_astro/*.js', async (route) => {
    await held;
    await route.continue();
  });
  // Module scripts run before DOMContentLoaded: wait for the question to be on screen instead.
  await page.goto(`/contests/${contestId}/question/2/`, { waitUntil: 'commit' });
  await expect(page.getByText('第2题 / 共5题')).toBeVisible();
  const field = page.getByLabel('您的答案');
  if (await field.count()) await field.fill('行动');
  else await page.locator('.option').first().click();
  release();
  await expect(page.locator('[data-save-status]')).toHaveText('已保存');
  await page.unroute('**/_astro/*.js');
  await page.reload();
  await expect(page.locator('[data-save-status]')).toHaveText('这道题已经保存了您的答案。');
});

test('time runs out: the countdown hands the attempt in at the deadline, with the answers saved so far', async ({ page }) => {
  const contestId = await seedContest(markedQuestions('超时'), { title: '限时竞赛', drawRules: MARKED_RULES });
  await signInAs(page, phone('contestLate'), `/contests/${contestId}/`);
  await page.getByRole('button', { name: '开始答题' }).click();
  await answerShownQuestion(page);
  // Bring the deadline close instead of waiting twenty minutes.
  await withDb(async (db) => {
    const person = await userId(db, phone('contestLate'));
    await db
      .update(contestAttempts)
      .set({ deadline: Date.now() + 4_000 })
      .where(and(eq(contestAttempts.contestId, contestId), eq(contestAttempts.userId, person), isNull(contestAttempts.submittedAt)));
  });
  await page.reload();
  await expect(page.locator('[data-clock-text]')).toHaveText(/^00:0[0-4]$/);
  await page.waitForURL(new RegExp(`/contests/${contestId}/result/`), { timeout: 20_000 });
  await expect(page.getByText('到时自动交卷')).toBeVisible();
  await expect(page.getByText('答对 ')).toBeVisible();
  const attempt = await withDb(async (db) => (await db.select().from(contestAttempts).where(eq(contestAttempts.contestId, contestId)))[0]);
  expect(attempt?.submittedBy).toBe('deadline');
  // The answer saved before the deadline was kept.
  await expect(page.getByText('您的答案：没有作答')).toHaveCount(4);
});

test('nothing a contestant can reach before the rules allow shows an answer key or 解析', async ({ page, baseURL }) => {
  const marker = 'LEAKMARK';
  const contestId = await seedContest(markedQuestions(marker), { title: '防泄露竞赛', drawRules: MARKED_RULES, answersVisible: 'after_close' });
  await signInAs(page, phone('contestLeak'), `/contests/${contestId}/`);
  const seen: Array<{ what: string; body: string }> = [];
  const keep = (what: string, body: string): void => void seen.push({ what, body });
  page.on('response', async (response) => {
    if (!response.url().startsWith(baseURL ?? '')) return;
    keep(response.url(), await response.text().catch(() => ''));
  });
  await page.getByRole('button', { name: '开始答题' }).click();
  await expect(page.getByText('第1题 / 共5题')).toBeVisible();
  for (let position = 1; position <= 5; position++) {
    await page.goto(`/contests/${contestId}/question/${position}/`);
    await answerShownQuestion(page, '行动');
  }
  const headers = { origin: baseURL ?? '' };
  const attemptId = await page.locator('input[name="attemptId"]').first().inputValue();
  // Tampered and malformed answers, and every other address a contestant might try.
  for (const form of [
    { attemptId, position: '1', type: 'single', option: '99' },
    { attemptId, position: '1', type: 'multiple', options: '7' },
    { attemptId, position: '42', type: 'single', option: '0' },
    { attemptId: '999999', position: '1', type: 'single', option: '0' },
  ]) {
    const refused = await page.request.post('/_actions/contest.answer', { form, headers });
    expect(refused.status(), JSON.stringify(form)).toBe(400);
    keep(`answer ${JSON.stringify(form)}`, await refused.text());
  }
  const start = await page.request.post('/_actions/contest.start', { form: { contestId: String(contestId) }, headers });
  keep('start again', await start.text());
  for (const path of ['/contests/', `/contests/${contestId}/`, `/contests/${contestId}/review/`, `/contests/${contestId}/results/`, `/contests/${contestId}/result/`, `/contests/${contestId}/question/9/`, '/practice/daily/', '/practice/wrong/']) {
    const response = await page.request.get(path);
    keep(path, await response.text());
  }
  await page.goto(`/contests/${contestId}/review/`);
  await page.getByRole('button', { name: '确认交卷' }).click();
  await expect(page.getByText('答案和解析：竞赛结束后公布。')).toBeVisible();
  keep('result after submit', await page.content());
  const resubmit = await page.request.post('/_actions/contest.submit', { form: { attemptId }, headers });
  keep('submit again', await resubmit.text());

  expect(seen.length).toBeGreaterThan(15);
  for (const { what, body } of seen) {
    expect(body, what).not.toContain(marker);
    expect(body, what).not.toMatch(/"(answer|accepted|explanation|correct)"\s*:/);
  }
  // The same check sees the answers once the contest is over, so it would have caught a leak.
  await withDb((db) => db.update(contests).set({ closesAt: Date.now() - 60_000 }).where(eq(contests.id, contestId)));
  await page.reload();
  expect(await page.content()).toContain(marker);
});

test('results after the close: rank, award certificate, leaderboards by person and branch, statistics and the Excel export', async ({ page, context, baseURL, browser }) => {
  test.setTimeout(180_000);
  const trueFalse = (n: number): QuestionContent => ({
    type: 'truefalse',
    stem: `第${n}道判断题：党员必须履行党章规定的义务。（${Date.now()}）`,
    options: [],
    answer: { type: 'truefalse', value: true },
    explanation: '见《中国共产党章程》第三条。',
    category: '党章',
    tags: [],
    difficulty: 1,
    source: '《中国共产党章程》',
  });
  const now = Date.now();
  const opensAt = now - 3 * 3_600_000;
  const contestId = await seedContest([1, 2, 3, 4, 5].map(trueFalse), {
    title: '结果展示竞赛',
    drawRules: [{ type: 'truefalse', count: 5 }],
    opensAt,
    closesAt: now - 3_600_000,
    awards: [
      { name: '一等奖', upToRank: 1 },
      { name: '二等奖', upToRank: 3 },
    ],
  });
  await withDb(async (db) => {
    const [first, second] = await db
      .insert(branches)
      .values([
        { name: `结果第一支部${now}`, createdAt: now },
        { name: `结果第二支部${now}`, createdAt: now },
      ])
      .returning({ id: branches.id });
    const winner = await userId(db, phone('contestWinner'));
    await db.update(users).set({ branchId: first?.id ?? null }).where(eq(users.id, winner));
    const others = [];
    for (const [index, branchId] of [first?.id, second?.id, second?.id].entries()) {
      others.push(await insertUser(db, { phone: `1370000${String(now).slice(-4)}${index}`, displayName: `参赛者${index + 1}`, branchId: branchId ?? null, passwordHash: null, roles: ['learner'] }));
    }
    // The winner answers all 5 right; the others 4, 3 and 1.
    for (const [index, person] of [winner, ...others].entries()) {
      const right = [5, 4, 3, 1][index] ?? 0;
      const at = opensAt + 60_000 * (index + 1);
      const started = unwrap(await startAttempt(db, { contestId, userId: person, branchId: null }, at));
      const view = unwrap(await contestantView(db, started.attemptId, person, at));
      for (const question of view.questions) {
        // Question n is answered right by those who get at least n right, whatever its position.
        const n = Number(/第(\d)道/.exec(question.stem)?.[1]);
        await saveAnswer(db, { attemptId: started.attemptId, userId: person, position: question.position, raw: { type: 'truefalse', value: n <= right } }, at + 1000);
      }
      await submitAttempt(db, { attemptId: started.attemptId, userId: person, by: 'person' }, at + 120_000);
    }
  });

  await signInAs(page, phone('contestWinner'), `/contests/${contestId}/result/`);
  await expect(page.getByText('第 1 名（共 4 人），荣获一等奖')).toBeVisible();
  await expect(page.getByText('解析：见《中国共产党章程》第三条。').first()).toBeVisible();
  await page.getByRole('link', { name: '查看获奖证书' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('获奖证书');
  await expect(page.getByText('这是一张有效的获奖证书。')).toBeVisible();
  const certificate = new URL(page.url()).pathname;
  // Anyone can check it, signed in or not.
  const stranger = await browser.newContext({ baseURL: baseURL ?? '' });
  const verified = await stranger.request.get(certificate);
  expect(await verified.text()).toContain('获奖学员');
  await stranger.close();

  await page.goto(`/contests/${contestId}/results/`);
  const people = page.getByRole('region', { name: '个人排名' }).getByRole('listitem');
  await expect(people).toHaveCount(4);
  await expect(people.first()).toContainText('获奖学员');
  await expect(people.first()).toContainText('一等奖');
  await expect(people.nth(1)).toContainText('二等奖');
  const branchBoard = page.getByRole('region', { name: '党支部排名' }).getByRole('listitem');
  await expect(branchBoard.first()).toContainText(`结果第一支部${now}`);
  await expect(branchBoard.first()).toContainText('平均 4.5 分');
  await page.getByRole('link', { name: '大屏幕显示' }).click();
  await expect(page.getByRole('heading', { name: '个人前十名' })).toBeVisible();
  for (const path of [`/contests/${contestId}/result/`, `/contests/${contestId}/results/`, `/contests/${contestId}/results/?view=hall`, certificate]) {
    await expectAccessibleEverywhere(page, context, baseURL ?? '', path);
  }

  const organiser = await browser.newContext({ baseURL: baseURL ?? '' });
  const organiserPage = await organiser.newPage();
  await signInAs(organiserPage, phone('contestStats'), `/organiser/contests/${contestId}/`);
  const stats = organiserPage.getByRole('region', { name: '逐题统计' }).getByRole('listitem');
  await expect(stats).toHaveCount(5);
  await expect(stats.first()).toContainText('正确率 25%');
  await expect(stats.first()).toContainText('最常见的错误答案：错（3 人次）');
  const exported = await organiserPage.request.get(`/organiser/contests/${contestId}/results.xlsx`);
  expect(exported.status()).toBe(200);
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load((await exported.body()) as unknown as ArrayBuffer);
  expect(workbook.worksheets.map((sheet) => sheet.name)).toEqual(['个人成绩', '支部成绩', '逐题统计']);
  const top = workbook.getWorksheet('个人成绩')?.getRow(2).values as unknown[];
  expect(top).toContain('获奖学员');
  expect(top).toContain('一等奖');
  await organiserPage.getByRole('link', { name: /获奖学员/ }).click();
  await expect(organiserPage.getByText('本人交卷，得 5 分')).toBeVisible();
  await expect(organiserPage.getByText('保存第 5 题的答案')).toBeVisible();
  await expectAccessibleEverywhere(organiserPage, organiser, baseURL ?? '', new URL(organiserPage.url()).pathname);
  await expectAccessibleEverywhere(organiserPage, organiser, baseURL ?? '', `/organiser/contests/${contestId}/`);
  await organiser.close();
});

test('the contest list, contest page, question and review pages pass axe in every text size and theme', async ({ page, context, baseURL }) => {
  test.setTimeout(180_000);
  const contestId = await seedContest(markedQuestions('无障碍'), { title: '无障碍竞赛', drawRules: MARKED_RULES });
  await signInAs(page, phone('contestA11y'), `/contests/${contestId}/`);
  await expectAccessibleEverywhere(page, context, baseURL ?? '', `/contests/${contestId}/`);
  await page.getByRole('button', { name: '开始答题' }).click();
  await expect(page.getByText('第1题 / 共5题')).toBeVisible();
  await expectAccessibleEverywhere(page, context, baseURL ?? '', '/contests/');
  for (const position of [1, 3, 5]) await expectAccessibleEverywhere(page, context, baseURL ?? '', `/contests/${contestId}/question/${position}/`);
  await expectAccessibleEverywhere(page, context, baseURL ?? '', `/contests/${contestId}/review/`);
});
