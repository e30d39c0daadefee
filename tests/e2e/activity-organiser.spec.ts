import { expect, test, type Page } from './fixtures';
import { E2E_USERS, signInAs } from './accounts';
import { userId, withDb } from './contest-fixtures';
import { ACTIVITY_PAGES } from './pages';
import { smallTargetsAtEverySize } from './targets';
import { expectAccessibleEverywhere } from './axe';
import { createActivity } from '../../src/lib/server/activity-setup';
import { signUp, signUpGuest } from '../../src/lib/server/activity-signups';
import type { ActivitySettings } from '../../src/schemas/activity';
import { unwrap } from '../../src/lib/result';
import { parseXlsx } from '../../src/lib/spreadsheet';
import { beijingDayStart, formatDayWithWeekday, toBeijingDateTimeInput } from '../../src/lib/beijing-time';
import { activityTimeText } from '../../src/lib/activity-wording';
import { activityPath } from '../../src/lib/activity-agenda';

const HOUR = 3_600_000;
const phoneOf = (account: string): string => E2E_USERS[account]?.phone ?? '';

/** An activity starting in an hour, with two members and a guest signed up; returns its id. */
/**
 * An activity with three sign-ups (and, with `waiting`, one guest on the waitlist). Set up two hours
 * before it starts, whatever `overrides` say, so an activity already under way (the door's tests:
 * check-in opens on the activity's own Beijing day, whatever the hour the tests run) takes sign-ups.
 */
async function seedActivity(title: string, overrides: Partial<ActivitySettings> = {}, waiting = false): Promise<number> {
  return withDb(async (db) => {
    const organiser = await userId(db, phoneOf('activityOrganiser'));
    const now = Math.min(Date.now(), (overrides.startsAt ?? Infinity) - 2 * HOUR);
    const id = unwrap(
      await createActivity(
        db,
        {
          kind: 'film',
          title,
          filmSlug: 'shangganling',
          destination: null,
          startsAt: now + HOUR,
          endsAt: now + 3 * HOUR,
          signupClosesAt: now + HOUR / 2,
          venueName: '老年大学活动中心',
          venueAddress: '人民路1号',
          venueRoom: '二楼多功能厅',
          capacity: 30,
          talkTopic: '抗美援朝精神',
          talkSpeaker: '李老师',
          lessonId: null,
          notes: '请带老花镜。',
          companionsAllowed: true,
          ...overrides,
        },
        organiser,
        now,
      ),
    ).id;
    for (const [i, account] of ['activityMember', 'activityMember2'].entries()) {
      unwrap(await signUp(db, { activityId: id, userId: await userId(db, phoneOf(account)), companion: i === 1, companionName: '老伴', now }));
    }
    unwrap(await signUpGuest(db, { activityId: id, name: '王大爷', phone: '13900000231', companion: false, by: organiser, source: 'organiser', now }));
    if (waiting) unwrap(await signUpGuest(db, { activityId: id, name: '赵大姐', phone: '13900000233', companion: false, by: organiser, source: 'organiser', now }));
    return id;
  });
}

/** Times of an activity that started ten minutes ago and runs two hours more. */
function underWay(overrides: Partial<ActivitySettings> = {}): Partial<ActivitySettings> {
  const now = Date.now();
  return { startsAt: now - 10 * 60_000, endsAt: now + 2 * HOUR, signupClosesAt: now - 30 * 60_000, ...overrides };
}

test('an organiser checks people in on a 768 px tablet: search by the last four digits, one tap, a walk-in added on the spot', async ({ page }) => {
  // Under way (started ten minutes ago) and full, with someone waiting who comes anyway.
  const id = await seedActivity('平板签到观影', underWay({ capacity: 4 }), true);
  await page.setViewportSize({ width: 768, height: 1024 });
  await signInAs(page, phoneOf('activityDoor'), `/organiser/activities/${id}/checkin/`);

  // The tick is one large target.
  const member = page.locator('.person', { hasText: '观影学员甲' });
  const tick = member.locator('button.tick');
  const box = await tick.boundingBox();
  expect(box?.height ?? 0).toBeGreaterThanOrEqual(60);
  expect((await member.locator('.box').boundingBox())?.width ?? 0).toBeGreaterThanOrEqual(60);

  // The last four digits find the person as they are typed.
  await page.getByLabel('查找：手机号后四位或姓名').fill('0222');
  await expect(page.locator('.person:visible')).toHaveCount(1);
  await expect(member).toBeVisible();

  // A tap checks in without leaving the page; the count goes up.
  const url = page.url();
  await tick.click();
  await expect(page.locator('[data-check-status]')).toHaveText('观影学员甲 签到成功。');
  await expect(member).toHaveAttribute('data-checked', 'true');
  await expect(page.locator('[data-checked-count]')).toHaveText('1');
  expect(page.url()).toBe(url);

  // A second tablet ticking the same person is told 已签到, never an error.
  await tick.click();
  await expect(page.locator('[data-check-status]')).toContainText('已签到');

  // A walk-in by name and phone: signed up and attending at once.
  await page.getByLabel('姓名', { exact: true }).fill('刘阿姨');
  await page.getByLabel('手机号', { exact: true }).fill('139 0000 0232');
  await page.getByRole('button', { name: '现场报名并签到' }).click();
  await expect(page.getByRole('status').filter({ hasText: '刘阿姨 现场报名并签到成功（座位已满，已记为到场，没有占座位）。' })).toBeVisible();
  await expect(page.locator('.person', { hasText: '刘阿姨' })).toHaveAttribute('data-checked', 'true');
  await expect(page.locator('[data-checked-count]')).toHaveText('2');

  // Someone from the waitlist comes: ticked the same way, attending without a seat (none is free).
  const waiter = page.locator('.person', { hasText: '赵大姐' });
  await expect(waiter.locator('[data-state]')).toHaveText('候补第1位，点这里签到');
  await waiter.locator('button.tick').click();
  await expect(page.locator('[data-check-status]')).toContainText('赵大姐');
  await expect(waiter).toHaveAttribute('data-checked', 'true');
  await expect(page.locator('[data-checked-count]')).toHaveText('3');

  // Ticked by mistake: taken back.
  await member.getByRole('button', { name: /取消签到/ }).click();
  await expect(member).toHaveAttribute('data-checked', 'false');
  await expect(page.locator('[data-checked-count]')).toHaveText('2');

  // The organiser's page lists everyone with phone numbers and who has signed in.
  await page.goto(`/organiser/activities/${id}/`);
  await expect(page.locator('#coming-table')).toContainText('13900000232');
  await expect(page.locator('#coming-table')).toContainText('现场报名');
});

test('check-in works without JavaScript: the search is a GET form and a tick is a plain post', async ({ browser, baseURL }) => {
  const id = await seedActivity('不用脚本签到观影', underWay());
  const context = await browser.newContext({ baseURL: baseURL ?? '', javaScriptEnabled: false, viewport: { width: 768, height: 1024 } });
  const page = await context.newPage();
  await signInAs(page, phoneOf('activityDoor'), `/organiser/activities/${id}/checkin/`);
  await page.getByLabel('查找：手机号后四位或姓名').fill('0231');
  await page.getByRole('button', { name: '查找' }).click();
  await expect(page.locator('.person')).toHaveCount(1);
  await page.getByRole('button', { name: /王大爷/ }).click();
  await expect(page.getByRole('status').filter({ hasText: '王大爷 签到成功。' })).toBeVisible();
  // The search is kept after the post, and the line shows its tick.
  await expect(page.locator('.person')).toHaveCount(1);
  await expect(page.locator('.person')).toHaveAttribute('data-checked', 'true');
  await context.close();
});

/** The page as printed: nothing of the site's navigation shows. */
async function expectNoChrome(page: Page): Promise<void> {
  await page.emulateMedia({ media: 'print' });
  for (const selector of ['.site-header', '.site-footer', '.print-tools', 'nav', '[data-print]']) {
    const visible = await page.locator(selector).evaluateAll((elements) => elements.filter((element) => element.checkVisibility()).length);
    expect(visible, `${selector} printed`).toBe(0);
  }
}

/** PDF pages of the page printed on A4 (Chromium's own print). */
async function printedPages(page: Page): Promise<number> {
  const pdf = await page.pdf({ format: 'A4', preferCSSPageSize: true });
  return (pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g) ?? []).length;
}

test('the 签到表 and the poster print on A4 without navigation, the poster on one page with a QR code to the activity', async ({ page }) => {
  // An evening screening that ends after midnight: both sheets give the end's day as well.
  const startsAt = beijingDayStart(Date.now()) + 46 * HOUR;
  const when = { startsAt, endsAt: startsAt + 3 * HOUR, signupClosesAt: startsAt - HOUR };
  const id = await seedActivity('打印海报观影', when);
  const place = '老年大学活动中心 二楼多功能厅（人民路1号）';
  await signInAs(page, phoneOf('activityPrint'), `/organiser/activities/${id}/`);

  await page.getByRole('link', { name: '打印签到表' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('打印海报观影 · 签到表');
  await expect(page.locator('.facts').first()).toContainText(`${activityTimeText(when)} · ${place}`);
  await expect(page.locator('.facts').first()).toContainText(`至 ${formatDayWithWeekday(when.endsAt)}`);
  await expect(page.locator('table.sign-in').first()).toContainText('0222');
  await expect(page.locator('table.sign-in').first()).not.toContainText('13900000222');
  await expectNoChrome(page);
  // A4's printable width (210 − 2 × 16 mm) holds the whole table.
  await page.setViewportSize({ width: 673, height: 950 });
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(673);
  expect(await printedPages(page)).toBe(1);

  await page.emulateMedia({ media: 'screen' });
  await page.goto(`/organiser/activities/${id}/poster/`);
  await expect(page.getByRole('img', { name: /报名二维码/ })).toBeVisible();
  await expect(page.locator('.poster')).toContainText('抗美援朝精神');
  await expect(page.locator('.poster')).toContainText('放映影片：《上甘岭》');
  await expect(page.locator('.poster')).toContainText(activityPath(id));
  await expect(page.locator('.poster')).toContainText(activityTimeText(when));
  await expect(page.locator('.poster')).toContainText(place);
  await expectNoChrome(page);
  expect(await printedPages(page)).toBe(1);

  // The roster as an Excel workbook: everyone, with full phone numbers.
  const response = await page.request.get(`/organiser/activities/${id}/roster.xlsx`);
  expect(response.headers()['content-type']).toContain('spreadsheetml');
  const rows = await parseXlsx(new Uint8Array(await response.body()));
  expect(rows[0]).toContain('手机号');
  expect(rows.map((row) => row[4])).toEqual(['手机号', '13900000222', '13900000223', '13900000231']);
});

test('an organiser sets an activity up through the form, moves it, and gets the list of people to phone', async ({ page }) => {
  await signInAs(page, phoneOf('activityOrganiser'), '/organiser/activities/');
  await page.getByRole('link', { name: '新建活动' }).click();
  await page.getByRole('button', { name: '建立活动' }).click();
  await expect(page.locator('[data-error-summary]')).toContainText('请填写活动名称');
  // What was typed stays; the film comes from the film library.
  await page.getByLabel('活动名称').fill('红色观影《地道战》');
  await page.getByLabel('放映的影片（红色观影必选）').selectOption({ label: '《地道战》' });
  const start = Date.now() + 72 * HOUR;
  await page.getByLabel('开始时间（北京时间）').fill(toBeijingDateTimeInput(start));
  await page.getByLabel('结束时间（北京时间）').fill(toBeijingDateTimeInput(start + 2 * HOUR));
  await page.getByLabel('地点名称').fill('老年大学活动中心');
  await page.getByLabel('详细地址').fill('人民路1号');
  await page.getByLabel('微党课题目（选填）').fill('地道战里的群众路线');
  await page.getByRole('button', { name: '建立活动' }).click();
  await expect(page.locator('[data-error-summary]')).toContainText('微党课的题目和主讲人要一起填');
  await page.getByLabel('微党课主讲人（选填）').fill('张老师');
  await page.getByRole('button', { name: '建立活动' }).click();
  await expect(page.getByRole('status').first()).toHaveText('活动已保存。');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('红色观影：红色观影《地道战》');

  const id = await seedActivity('要改期的观影');
  await page.goto(`/organiser/activities/${id}/move/`);
  await page.getByLabel('座位数').fill('1');
  await page.getByLabel('改期或换地点的原因').fill('放映厅维修');
  await page.getByLabel('房间（选填）').fill('一楼报告厅');
  await page.getByRole('button', { name: /确认改期/ }).click();
  await expect(page.locator('[data-error-summary]')).toContainText('会有 3 人没有座位');
  await page.getByLabel('座位数').fill('30');
  await page.getByRole('button', { name: /确认改期/ }).click();
  await expect(page.getByRole('status').first()).toContainText('已给 2 位有账号的报名者发了消息');
  const phoneList = page.locator('#phone-table');
  await expect(phoneList).toContainText('13900000222');
  await expect(phoneList).toContainText('13900000231');

  // The guest rings to say he cannot come: his sign-up is cancelled after a confirmation.
  const guest = page.locator('#coming-table tr', { hasText: '王大爷' });
  await guest.getByText('取消报名').click();
  await guest.getByRole('button', { name: '确定取消' }).click();
  await expect(page.getByRole('status').first()).toContainText('已取消这条报名');
  await expect(page.locator('#coming-table')).not.toContainText('王大爷');
});

test('the organiser’s activity pages have large enough targets at every text size and pass axe', async ({ page, context, baseURL }) => {
  test.setTimeout(240_000);
  const id = await seedActivity('无障碍检查观影');
  const paths = ACTIVITY_PAGES.organiser.map((path) => path.replace('{activity}', String(id)));
  await page.setViewportSize({ width: 390, height: 844 });
  await signInAs(page, phoneOf('activityA11y'), paths[0] ?? '/');
  expect(await smallTargetsAtEverySize(page, context, baseURL ?? '', paths)).toEqual([]);
  // A 320 px phone at the largest text size: nothing scrolls sideways.
  await page.setViewportSize({ width: 320, height: 720 });
  const wide: string[] = [];
  for (const path of [...paths, '/organiser/activities/', '/organiser/activities/new/']) {
    await page.goto(path);
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    if (width > 320) wide.push(`${path}: ${width}px`);
  }
  expect(wide).toEqual([]);
  await page.setViewportSize({ width: 390, height: 844 });
  for (const path of paths) await expectAccessibleEverywhere(page, context, baseURL ?? '', path);
});
