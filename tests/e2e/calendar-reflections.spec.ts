import { expect, test } from './fixtures';
import { and, eq } from 'drizzle-orm';
import { E2E_USERS, signInAs } from './accounts';
import { expectAccessibleEverywhere } from './axe';
import { userId, withDb } from './contest-fixtures';
import { activities, activitySignups, messages } from '../../db/schema';
import { signUp } from '../../src/lib/server/activity-signups';
import { unwrap } from '../../src/lib/result';
import { activityCalendarPath, reflectionPath } from '../../src/lib/activity-agenda';

const phone = (key: string): string => E2E_USERS[key]?.phone ?? '';
const HOUR = 3_600_000;
const WECHAT_UA =
  'Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148 MicroMessenger/8.0.42(0x18002a2f) NetType/WIFI Language/zh_CN';

/** A screening that took place yesterday, with the learner signed up and checked in at the door. */
async function attendedScreening(learnerPhone: string, title: string): Promise<number> {
  return withDb(async (db) => {
    const learner = await userId(db, learnerPhone);
    const now = Date.now();
    // Set up open for sign-up, as an organiser would; then the day passes.
    const id = (
      await db
        .insert(activities)
        .values({
          kind: 'film',
          title,
          filmSlug: 'shangganling',
          startsAt: now + 2 * HOUR,
          endsAt: now + 4 * HOUR,
          venueName: '老干部活动中心',
          venueAddress: '人民路1号',
          venueRoom: '三楼报告厅',
          capacity: 30,
          signupClosesAt: now + HOUR,
          createdAt: now,
          updatedAt: now,
        })
        .returning({ id: activities.id })
    )[0]!.id;
    unwrap(await signUp(db, { activityId: id, userId: learner, companion: false }));
    await db.update(activities).set({ startsAt: now - 26 * HOUR, endsAt: now - 24 * HOUR, signupClosesAt: now - 27 * HOUR }).where(eq(activities.id, id));
    await db
      .update(activitySignups)
      .set({ checkedInAt: now - 26 * HOUR })
      .where(and(eq(activitySignups.activityId, id), eq(activitySignups.userId, learner)));
    return id;
  });
}

test('a reflection from writing to approval: too short is refused, markup stays text, a rejection reason reaches the author', async ({ page, browser, baseURL, context }) => {
  test.setTimeout(240_000);
  const title = `红色观影《上甘岭》${Date.now()}`;
  const id = await attendedScreening(phone('reflectionWriter'), title);
  const path = reflectionPath(id);
  await signInAs(page, phone('reflectionWriter'), path);

  await page.getByLabel('我的观后感').fill('很好看');
  await page.getByRole('button', { name: '提交观后感' }).click();
  await expect(page.locator('[data-error-summary]')).toContainText('观后感至少写20个字，现在是3个字');
  await expect(page.getByLabel('我的观后感')).toHaveValue('很好看');

  const markup = '<b>很受教育</b>：志愿军在坑道里坚守阵地的场面让我久久不能平静，我们要把这种精神传下去。';
  await page.getByLabel('我的观后感').fill(markup);
  await page.getByLabel('发表时署上我的名字和党支部').check();
  await page.getByRole('button', { name: '提交观后感' }).click();
  await expect(page.getByRole('status').filter({ hasText: '已经提交' })).toBeVisible();
  await expect(page.locator('[data-reflection-status]')).toHaveText('等待审核');
  // Shown as the characters typed, never as bold text.
  await expect(page.locator('[data-my-reflection]')).toHaveText(markup);
  await expect(page.locator('[data-my-reflection] b')).toHaveCount(0);
  await expect(page.locator('[data-read-aloud]')).toBeVisible();

  const organiserContext = await browser.newContext();
  const organiser = await organiserContext.newPage();
  await signInAs(organiser, phone('reflectionOrganiser'), '/organiser/reflections/');
  const item = organiser.locator('[data-reflection]').filter({ hasText: title });
  await expect(item.locator('[data-reflection-body]')).toHaveText(markup);
  await expectAccessibleEverywhere(organiser, organiserContext, baseURL ?? '', '/organiser/reflections/');
  await item.getByRole('button', { name: '退回' }).click();
  await expect(organiser.getByRole('alert').filter({ hasText: '请写明没有通过的原因' })).toBeVisible();
  await organiser
    .locator('[data-reflection]')
    .filter({ hasText: title })
    .getByLabel(/退回的原因/)
    .fill('请多写写您自己的感受');
  await organiser.locator('[data-reflection]').filter({ hasText: title }).getByRole('button', { name: '退回' }).click();
  await expect(organiser.getByRole('status').filter({ hasText: '已退回' })).toBeVisible();
  await expect(organiser.locator('[data-reflection]').filter({ hasText: title })).toHaveCount(0);

  await page.goto(path);
  await expect(page.locator('[data-reflection-status]')).toHaveText('没有通过审核');
  await expect(page.locator('[data-reject-reason]')).toContainText('请多写写您自己的感受');
  await page.getByLabel('修改我的观后感').fill(`${markup}我想起了自己年轻时在部队的日子。`);
  await page.getByRole('button', { name: '重新提交审核' }).click();
  await expect(page.locator('[data-reflection-status]')).toHaveText('等待审核');

  await organiser.goto('/organiser/reflections/');
  await organiser.locator('[data-reflection]').filter({ hasText: title }).getByRole('button', { name: '发表' }).click();
  await expect(organiser.getByRole('status').filter({ hasText: '已发表' })).toBeVisible();
  await page.goto(path);
  await expect(page.locator('[data-reflection-status]')).toHaveText('已发表');
  await expect(page.getByLabel('修改我的观后感')).toHaveCount(0);
  // Published on the film's page, with the name the author agreed to show.
  await page.getByRole('link', { name: '去影片页面看看' }).click();
  const published = page.locator('.reflection-list li', { hasText: '我想起了自己年轻时在部队的日子' });
  await expect(published).toContainText('<b>很受教育</b>');
  await expect(published).toContainText('观后感学员');
  await organiserContext.close();

  const inbox = await withDb(async (db) => db.select().from(messages).where(eq(messages.userId, await userId(db, phone('reflectionWriter')))));
  expect(inbox.filter((message) => message.kind === 'reflection.reviewed').map((message) => message.title)).toEqual([
    `您写的《${title}》观后感没有通过审核`,
    `您写的《${title}》观后感已经发表`,
  ]);
  await expectAccessibleEverywhere(page, context, baseURL ?? '', path);
});

test('someone who did not attend is told so and gets no form', async ({ page }) => {
  const id = await attendedScreening(phone('reflectionWriter'), `未签到的活动${Date.now()}`);
  await signInAs(page, phone('reflectionAbsent'), reflectionPath(id));
  await expect(page.getByText('参加了活动（在门口签到）以后才能写观后感')).toBeVisible();
  await expect(page.getByRole('button', { name: '提交观后感' })).toHaveCount(0);
});

test('my calendar: the feed works, a reset stops the old address, WeChat gets the 在浏览器打开 advice, the how-to prints', async ({ page, browser, baseURL, context }) => {
  test.setTimeout(180_000);
  const title = `红色观影《长津湖》${Date.now()}`;
  const activityId = await withDb(async (db) => {
    const now = Date.now();
    const startsAt = now + 3 * 24 * HOUR;
    const values = { kind: 'film' as const, title, startsAt, endsAt: startsAt + 2 * HOUR, venueName: '社区礼堂', venueAddress: '建设路8号', capacity: 20, signupClosesAt: startsAt - HOUR, createdAt: now, updatedAt: now };
    const id = (await db.insert(activities).values(values).returning({ id: activities.id }))[0]!.id;
    unwrap(await signUp(db, { activityId: id, userId: await userId(db, phone('calendarLearner')), companion: true }));
    return id;
  });
  // The one-activity file needs no sign-in; a forged id is told so in words.
  const single = await page.request.get(activityCalendarPath(activityId));
  expect(single.headers()['content-type']).toBe('text/calendar; charset=utf-8');
  expect(await single.text()).toContain(`UID:activity-${activityId}@`);
  const forged = await page.request.get('/screenings/12abc/calendar.ics');
  expect([forged.status(), await forged.text()]).toEqual([404, '没有找到这个活动，请回到活动安排重新查看。']);
  await signInAs(page, phone('calendarLearner'), '/me/calendar/');
  await expect(page.locator('[data-wechat-notice]')).toHaveCount(0);
  const https = (await page.locator('[data-copy-source]').textContent())?.trim() ?? '';
  expect(https).toMatch(/\/calendar\/[a-z2-7]{32}\.ics$/);
  await expect(page.getByRole('link', { name: '订阅到手机日历' })).toHaveAttribute('href', https.replace(/^https?:/, 'webcal:'));
  const feedPath = new URL(https).pathname;
  const feed = await page.request.get(feedPath);
  expect(feed.status()).toBe(200);
  expect(feed.headers()['content-type']).toBe('text/calendar; charset=utf-8');
  const ics = await feed.text();
  expect(ics).toContain('BEGIN:VTIMEZONE');
  expect(ics).toContain(`SUMMARY:${title}`);

  await page.getByRole('link', { name: '换一个新地址' }).click();
  await expect(page.getByText('换了以后，旧地址马上停用')).toBeVisible();
  await page.getByRole('button', { name: '确认换新地址' }).click();
  await expect(page.getByRole('status').filter({ hasText: '已换成新的订阅地址' })).toBeVisible();
  const fresh = (await page.locator('[data-copy-source]').textContent())?.trim() ?? '';
  expect(fresh).not.toBe(https);
  expect((await page.request.get(feedPath)).status()).toBe(404);
  expect((await page.request.get(new URL(fresh).pathname)).status()).toBe(200);

  // Printed: the how-to in pictures, without the personal address.
  await page.emulateMedia({ media: 'print' });
  await expect(page.getByRole('heading', { name: '苹果手机（iPhone）怎样添加' })).toBeVisible();
  await expect(page.getByRole('heading', { name: '安卓手机怎样添加' })).toBeVisible();
  await expect(page.locator('figure.phone-step').first()).toBeVisible();
  await expect(page.getByText('添加已订阅的日历').first()).toBeVisible();
  await expect(page.locator('[data-copy-source]')).toBeHidden();
  await expect(page.getByText('订阅地址只属于您本人，没有印在纸上')).toBeVisible();
  await page.emulateMedia({ media: 'screen' });
  await expect(page.getByText('订阅地址只属于您本人，没有印在纸上')).toBeHidden();

  const wechat = await browser.newContext({ userAgent: WECHAT_UA, baseURL: baseURL ?? '' });
  const inWeChat = await wechat.newPage();
  await signInAs(inWeChat, phone('calendarLearner'), '/me/calendar/');
  await expect(inWeChat.locator('[data-wechat-notice]')).toContainText('右上角的“···”');
  await expect(inWeChat.locator('[data-wechat-notice]')).toContainText('在浏览器打开');
  await expectAccessibleEverywhere(inWeChat, wechat, baseURL ?? '', '/me/calendar/');
  await wechat.close();
  await expectAccessibleEverywhere(page, context, baseURL ?? '', '/me/calendar/');
});
