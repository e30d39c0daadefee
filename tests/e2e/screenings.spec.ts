import { expect, test, type Page } from './fixtures';
import { E2E_USERS, signInAs } from './accounts';
import { SCREENING_PAGES } from './pages';
import { expectAccessibleEverywhere } from './axe';
import { userId, withDb } from './contest-fixtures';
import { DAY, HOUR, seedActivity, uniqueTitle } from './screening-fixtures';
import { cancelSignup, signUp } from '../../src/lib/server/activity-signups';
import { beijingDayStart, beijingWeekStart } from '../../src/lib/beijing-time';
import { activityHours, UNDO_MS } from '../../src/lib/activity-rules';
import { sendMessage } from '../../src/lib/server/messages';
import { activitySignups } from '../../db/schema';
import { eq } from 'drizzle-orm';
import { activityCalendarPath, activityPath, reflectionPath } from '../../src/lib/activity-agenda';

const phone = (key: string): string => E2E_USERS[key]?.phone ?? '';
const fill = (path: string, id: number): string => path.replace('{activity}', String(id));

/** The section of the schedule under the heading that starts with `label`. */
const group = (page: Page, label: string) => page.locator('section').filter({ has: page.getByRole('heading', { level: 2, name: new RegExp(`^${label}`) }) });

test('the schedule lists coming activities by week, filters by kind with large links, and shows past ones below', async ({ page }) => {
  const now = Date.now();
  const nextWeek = beijingWeekStart(now) + 7 * DAY;
  const film = uniqueTitle('本周观影');
  const visit = uniqueTitle('下周游学');
  const past = uniqueTitle('上月观影');
  const filmId = await seedActivity({ title: film, startsAt: now + Math.min(HOUR, (nextWeek - now) / 2) });
  await seedActivity({ title: visit, kind: 'visit', filmSlug: null, destination: '革命纪念馆', startsAt: nextWeek + 2 * DAY + 9 * HOUR });
  await seedActivity({ title: past, startsAt: now - 20 * DAY, signupClosesAt: now - 21 * DAY });

  await page.goto('/screenings/');
  await expect(page.getByRole('heading', { level: 1, name: '活动安排' })).toBeVisible();
  await expect(group(page, '本周').getByRole('link', { name: film })).toBeVisible();
  await expect(group(page, '下周').getByRole('link', { name: visit })).toBeVisible();
  await expect(group(page, '过去的活动').getByRole('link', { name: past })).toBeVisible();
  // The past come after everything still to come.
  const top = async (title: string): Promise<number> => (await page.getByRole('link', { name: title }).boundingBox())?.y ?? 0;
  expect(await top(past)).toBeGreaterThan(await top(visit));
  await expect(page.locator('li', { has: page.getByRole('link', { name: film }) })).toContainText('红色观影');
  await expect(page.locator('li', { has: page.getByRole('link', { name: film }) })).toContainText('老干部活动中心 三楼多功能厅（人民路1号）');

  const visits = page.getByRole('navigation', { name: '按类别看' }).getByRole('link', { name: '红色游学' });
  expect((await visits.boundingBox())?.height ?? 0).toBeGreaterThanOrEqual(60);
  await visits.click();
  await expect(page).toHaveURL(/\/screenings\/\?kind=visit$/);
  await expect(page.getByRole('heading', { level: 1, name: '红色游学安排' })).toBeVisible();
  await expect(page.getByRole('link', { name: visit })).toBeVisible();
  await expect(page.getByRole('link', { name: film })).toHaveCount(0);
  await expect(visits).toHaveAttribute('aria-current', 'page');

  // A film's page links to its screenings: the film's title heads them.
  await page.goto('/screenings/?film=shangganling');
  await expect(page.getByRole('heading', { level: 1, name: '《上甘岭》的放映安排' })).toBeVisible();
  await expect(page.getByRole('link', { name: film })).toBeVisible();
  await expect(page.getByRole('link', { name: visit })).toHaveCount(0);

  // An activity's own page from the schedule; a made-up address is the 404 page, and the same
  // activity has no second address (a leading zero, a number too large to be an id).
  await page.goto('/screenings/');
  await page.getByRole('link', { name: film }).click();
  await expect(page.getByRole('heading', { level: 1, name: film })).toBeVisible();
  await expect(page.getByText('请带好老花镜。')).toBeVisible();
  await expect(page.getByRole('link', { name: '《上甘岭》影片介绍' })).toHaveAttribute('href', '/films/shangganling/');
  for (const path of ['/screenings/abc/', '/screenings/0/', `/screenings/0${filmId}/`, '/screenings/999999999/', '/screenings/99999999999999/']) {
    const response = await page.goto(path);
    expect(response?.status(), path).toBe(404);
  }
});

test('signing up with a companion on a 320 px phone, then cancelling and 撤销', async ({ page }) => {
  await page.setViewportSize({ width: 320, height: 640 });
  const id = await seedActivity({ capacity: 10 });
  await signInAs(page, phone('screeningPhone'), activityPath(id));
  await expect(page.getByText('还剩 10 个座位').first()).toBeVisible();
  await page.getByLabel('带一位同行家属').check();
  await page.getByLabel('家属姓名（选填）').fill('老伴');
  const button = page.getByRole('button', { name: '报名', exact: true });
  expect((await button.boundingBox())?.height ?? 0).toBeGreaterThanOrEqual(60);
  await button.click();

  const result = page.locator('#signup-result');
  await expect(result).toContainText('报名成功（2个座位，含同行家属）');
  await expect(result).toBeFocused();
  await expect(page.getByText('我的报名：已报名（2个座位，含同行家属），同行家属：老伴')).toBeVisible();
  await expect(page.getByText('还剩 8 个座位').first()).toBeVisible();
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320);

  // 取消报名 asks first, on the page itself.
  await page.getByRole('link', { name: '取消报名' }).click();
  await expect(page.getByText('确定要取消报名吗？')).toBeVisible();
  await page.getByRole('button', { name: '确认取消报名' }).click();
  const undo = page.locator('#undo-until');
  await expect(undo).toContainText(/已取消报名。如果是点错了，\d\d:\d\d之前（10分钟内）可以撤销。/);
  await expect(undo).toBeFocused();
  await page.getByRole('button', { name: '撤销，恢复报名' }).click();
  await expect(page.locator('#signup-result')).toContainText('已撤销，您的报名恢复了：已报名（2个座位，含同行家属）');
  await expect(page.getByText('还剩 8 个座位').first()).toBeVisible();
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320);
});

test('with one seat left, the 同行家属 box says a pair needs two seats and would wait; ticked, the pair goes to the waitlist', async ({ page }) => {
  const id = await seedActivity({ capacity: 1 });
  await signInAs(page, phone('screeningLastSeat'), activityPath(id));
  await expect(page.getByText('还剩 1 个座位').first()).toBeVisible();
  const companion = page.getByLabel('带一位同行家属');
  await expect(companion).toHaveAccessibleDescription(/带家属需要 2 个座位：带家属报名会先进入候补/);
  await companion.check();
  await page.getByRole('button', { name: '报名', exact: true }).click();
  await expect(page.locator('#signup-result')).toContainText('座位已满，已进入候补，第1位（2个座位，含同行家属）');
});

test('a full activity puts the next person on the waitlist with their place; when a seat frees up they see 候补成功 and an unread message', async ({ page }) => {
  const title = uniqueTitle('满座观影');
  const id = await seedActivity({ title, capacity: 1 });
  const first = await withDb((db) => userId(db, phone('screeningFirst')));
  await withDb((db) => signUp(db, { activityId: id, userId: first, companion: false, now: Date.now() - 20 * 60_000 }));

  await signInAs(page, phone('screeningWaiter'), activityPath(id));
  await expect(page.getByText('座位已满，可以报名候补').first()).toBeVisible();
  await page.getByRole('button', { name: '报名候补' }).click();
  await expect(page.locator('#signup-result')).toContainText('已进入候补，第1位');
  await page.goto('/me/');
  await expect(page.getByRole('heading', { level: 3, name: '候补中' })).toBeVisible();
  await expect(page.getByText('候补第1位').first()).toBeVisible();

  // The first person cancelled eleven minutes ago: the seat held for 撤销 goes to the waitlist on the next visit.
  await withDb((db) => cancelSignup(db, { activityId: id, userId: first, now: Date.now() - UNDO_MS - 60_000 }));
  await page.goto(activityPath(id));
  await expect(page.getByText('候补成功：有座位空出来了，您已从候补转为正式报名。')).toBeVisible();
  await expect(page.getByText('我的报名：已报名')).toBeVisible();
  const messages = page.locator('.site-header').getByRole('link', { name: /^消息\s*，1条未读$/ });
  await expect(messages).toBeVisible();
  const box = await messages.boundingBox();
  expect(Math.min(box?.width ?? 0, box?.height ?? 0)).toBeGreaterThanOrEqual(44);

  // Home and 我的学习 show it as the next activity.
  await page.goto('/');
  await expect(page.getByRole('heading', { level: 2, name: '我的下一个活动' })).toBeVisible();
  await expect(page.locator('li.panel', { has: page.getByRole('heading', { name: '我的下一个活动' }) })).toContainText(title);

  await messages.click();
  await expect(page).toHaveURL(/\/me\/messages\/$/);
  const message = page.locator('li', { hasText: `候补成功：${title}` });
  await expect(message).toContainText('未读');
  await expect(message.getByRole('link', { name: /查看详情/ })).toHaveAttribute('href', activityPath(id));
  // Read now: the next visit shows it without 未读, and the header has no unread count.
  await page.reload();
  await expect(message).not.toContainText('未读');
  await expect(page.locator('.site-header').getByRole('link', { name: /条未读/ })).toHaveCount(0);
});

test('signed out, an activity offers 登录后报名, which comes back to it', async ({ page }) => {
  const id = await seedActivity();
  await page.goto(activityPath(id));
  await page.getByRole('link', { name: '登录后报名' }).click();
  await expect(page).toHaveURL(new RegExp(`/login/\\?next=%2Fscreenings%2F${id}%2F$`));
  await page.getByLabel('手机号').fill(phone('screeningReturn'));
  await page.getByLabel('密码', { exact: true }).fill('我家门前有棵枣树');
  await page.getByRole('button', { name: '登录' }).click();
  await expect(page).toHaveURL(new RegExp(`${activityPath(id)}$`));
  await expect(page.getByRole('button', { name: '报名', exact: true })).toBeVisible();
});

test('axe finds nothing on an activity page at every text size and in high contrast: signed out, signed in, signed up with the cancel confirmation open, and after cancelling', async ({ page, context, baseURL }) => {
  test.setTimeout(180_000);
  const id = await seedActivity({ status: 'moved', statusReason: '放映厅维修，改到下午' });
  await expectAccessibleEverywhere(page, context, baseURL ?? '', fill(SCREENING_PAGES.activity, id));
  await signInAs(page, phone('screeningA11y'), fill(SCREENING_PAGES.activity, id));
  await expectAccessibleEverywhere(page, context, baseURL ?? '', fill(SCREENING_PAGES.activity, id));
  await page.getByRole('button', { name: '报名', exact: true }).click();
  await expectAccessibleEverywhere(page, context, baseURL ?? '', fill(SCREENING_PAGES.confirmCancel, id));
  await page.getByRole('button', { name: '确认取消报名' }).click();
  await expectAccessibleEverywhere(page, context, baseURL ?? '', fill(SCREENING_PAGES.activity, id));
});

test("with unread messages the phone header stays compact: the page's content still starts near the top at every text size", async ({ page, context, baseURL }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  const id = await seedActivity();
  await withDb(async (db) => {
    const person = await userId(db, phone('screeningHeader'));
    for (const n of [1, 2, 3]) await sendMessage(db, { userId: person, kind: 'activity.moved', subject: `activity:${id}`, title: `活动改期通知${n}`, link: activityPath(id) });
  });
  await signInAs(page, phone('screeningHeader'), activityPath(id));
  const limits = { '20': 300, '24': 360, '30': 420 } as const;
  for (const size of ['20', '24', '30'] as const) {
    await context.addCookies([{ name: 'xg-size', value: size, url: baseURL ?? '' }]);
    await page.reload();
    await expect(page.locator('.site-header').getByRole('link', { name: /^消息\s*，3条未读$/ })).toBeVisible();
    // The page's own content (its way back to the schedule, then the title) begins on the first screen.
    const top = await page.locator('main > *').first().evaluate((first) => first.getBoundingClientRect().top + window.scrollY);
    expect(top, `content at ${size}px`).toBeLessThanOrEqual(limits[size]);
    await page.screenshot({ path: `tests/.tmp/header-${size}.png` });
  }
});

test('axe finds nothing on a full schedule, the home page and 我的学习 with my next activity, and 我的消息 with unread messages, at every text size and in high contrast', async ({ page, context, baseURL }) => {
  test.setTimeout(180_000);
  const now = Date.now();
  const id = await seedActivity({ capacity: 1 });
  await seedActivity({ kind: 'visit', filmSlug: null, destination: '革命纪念馆', startsAt: now + 9 * DAY, status: 'moved', statusReason: '天气原因' });
  await seedActivity({ kind: 'reading', filmSlug: null, startsAt: now + 40 * DAY, status: 'cancelled', statusReason: '场地维修' });
  await seedActivity({ startsAt: now - 5 * DAY, signupClosesAt: now - 6 * DAY });
  await withDb(async (db) => {
    const person = await userId(db, phone('screeningInbox'));
    await signUp(db, { activityId: id, userId: person, companion: true, companionName: '老伴', now });
    await sendMessage(db, { userId: person, kind: 'activity.moved', subject: `activity:${id}`, title: '活动改期通知', body: '改到下午三点。\n地点不变。', link: activityPath(id) });
  });
  await signInAs(page, phone('screeningInbox'), '/screenings/');
  await expectAccessibleEverywhere(page, context, baseURL ?? '', '/screenings/');
  await expectAccessibleEverywhere(page, context, baseURL ?? '', '/');
  await expectAccessibleEverywhere(page, context, baseURL ?? '', '/me/');
  // 未读 is shown on the first of these visits, and the messages are read after it.
  await expectAccessibleEverywhere(page, context, baseURL ?? '', '/me/messages/');
});

test('the day before an activity, signing in shows its reminder in 我的消息 (once)', async ({ page }) => {
  const title = uniqueTitle('明天观影');
  const startsAt = beijingDayStart(Date.now()) + DAY + 10 * HOUR;
  const id = await seedActivity({ title, startsAt });
  await withDb(async (db) => signUp(db, { activityId: id, userId: await userId(db, phone('screeningReminder')), companion: false }));
  // The schedule writes no reminder; the home page does, on the visit.
  await signInAs(page, phone('screeningReminder'), '/screenings/');
  await expect(page.locator('.site-header').getByRole('link', { name: /条未读/ })).toHaveCount(0);
  await page.goto('/');
  await page.locator('.site-header').getByRole('link', { name: /^消息\s*，1条未读$/ }).click();
  await expect(page.locator('li', { hasText: `明天红色观影：${title}` })).toContainText('未读');
  // Visiting again writes no second reminder.
  await page.goto('/');
  await page.goto('/me/messages/');
  await expect(page.locator('li', { hasText: `明天红色观影：${title}` })).toHaveCount(1);
  await expect(page.locator('.site-header').getByRole('link', { name: /条未读/ })).toHaveCount(0);
});

test('after attending, the activity and 我的学习 offer 写观后感; a coming activity offers 加入手机日历', async ({ page }) => {
  const now = Date.now();
  const title = uniqueTitle('看过的电影');
  const past = await seedActivity({ title, startsAt: now - 3 * DAY, signupClosesAt: now - 4 * DAY });
  const coming = await seedActivity();
  await withDb(async (db) => {
    const person = await userId(db, phone('screeningAttended'));
    const signed = await signUp(db, { activityId: past, userId: person, companion: false, now: now - 5 * DAY });
    if (!signed.ok) throw new Error(signed.error.message);
    await db.update(activitySignups).set({ checkedInAt: now - 3 * DAY }).where(eq(activitySignups.id, signed.value.signupId));
  });
  await signInAs(page, phone('screeningAttended'), activityPath(past));
  await expect(page.getByRole('heading', { level: 2, name: '您参加了这次活动' })).toBeVisible();
  await expect(page.getByRole('link', { name: '写观后感' })).toHaveAttribute('href', reflectionPath(past));
  await expect(page.getByRole('link', { name: '加入手机日历' })).toHaveCount(0);
  // 我的学习 lists it once, under 参加过的活动, with the hours it added and 写观后感.
  await page.goto('/me/');
  await expect(page.getByRole('heading', { level: 2, name: '参加过的活动' })).toHaveCount(1);
  await expect(page.getByRole('link', { name: title, exact: true })).toHaveCount(1);
  const attended = page.getByRole('region', { name: '参加过的活动' }).locator('li', { has: page.getByRole('link', { name: title, exact: true }) });
  await expect(attended.getByRole('link', { name: title, exact: true })).toHaveAttribute('href', activityPath(past));
  await expect(attended).toContainText(`${activityHours({ startsAt: now - 3 * DAY, endsAt: now - 3 * DAY + 2 * HOUR })} 学时`);
  await expect(attended.getByRole('link', { name: new RegExp(`^写观后感\\s*：${title}$`) })).toHaveAttribute('href', reflectionPath(past));
  await page.goto(activityPath(coming));
  await expect(page.getByRole('link', { name: '加入手机日历' })).toHaveAttribute('href', activityCalendarPath(coming));
});
