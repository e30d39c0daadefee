import { expect, test, type Page } from './fixtures';
import type { Browser } from '@playwright/test';
import ExcelJS from 'exceljs';
import { recordActivityHelp } from '../../src/lib/server/volunteer-hours';
import { unwrap } from '../../src/lib/result';
import { userId, withDb } from './contest-fixtures';
import { E2E_USERS, signInAs } from './accounts';
import { axeViolations, expectAccessibleEverywhere } from './axe';
import { smallTargets } from './targets';
import { DAY, HOUR, seedActivity } from './screening-fixtures';

/** An account of tests/e2e/accounts.ts (each of this file's is there: 13900000360–399). */
function account(key: string): { phone: string; name: string } {
  const user = E2E_USERS[key];
  if (!user) throw new Error(`no test account ${key}`);
  return user;
}

/** Signs in as `account` in a fresh browser of its own (several people act in one test). */
async function personAs(browser: Browser, key: string, next = '/me/'): Promise<Page> {
  const context = await browser.newContext();
  const page = await context.newPage();
  await signInAs(page, account(key).phone, next);
  return page;
}

/** Asks for help on /help/ask/ and returns the new request's id (from the address after posting). */
async function ask(page: Page, words: string, way = '电话回访'): Promise<number> {
  await page.goto('/help/ask/');
  await page.getByLabel('用自己的话说说遇到的问题').fill(words);
  await page.getByRole('radio', { name: new RegExp(way) }).check();
  await page.getByRole('button', { name: '提交求助' }).click();
  await page.waitForURL(/\/help\/ask\/\?sent=\d+/);
  return Number(new URL(page.url()).searchParams.get('sent'));
}

async function noSidewaysScroll(page: Page): Promise<void> {
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320);
}

test('a help request from a 320 px phone through a volunteer’s queue to closed, with the hours recorded', async ({ page, browser }) => {
  await page.setViewportSize({ width: 320, height: 640 });
  await signInAs(page, account('helpAsker').phone, '/help/ask/');
  await noSidewaysScroll(page);
  // Nothing typed and nothing picked: told what to do, one thing at a time, and nothing is sent.
  await page.getByRole('button', { name: '提交求助' }).click();
  await expect(page.getByRole('alert')).toContainText('请选择希望怎样帮您');
  await page.getByRole('radio', { name: /电话回访/ }).check();
  await page.getByRole('button', { name: '提交求助' }).click();
  await expect(page.getByRole('alert')).toContainText('请写下遇到了什么问题');
  await expect(page.getByText('您还没有提过求助。')).toBeVisible();
  await noSidewaysScroll(page);
  // A common problem picked, words of one's own, a way and a time.
  await page.getByRole('radio', { name: '不会和孩子视频通话' }).check();
  await page.getByLabel('用自己的话说说遇到的问题').fill('孙子在外地上学，想每周和他视频。');
  await page.getByRole('radio', { name: /请子女协助/ }).check();
  await page.getByRole('radio', { name: '周末上午' }).check();
  await page.getByRole('button', { name: '提交求助' }).click();
  await page.waitForURL(/\/help\/ask\/\?sent=\d+/);
  const id = Number(new URL(page.url()).searchParams.get('sent'));
  await expect(page.getByRole('status')).toContainText('求助已经提交');
  const mine = page.locator(`[data-my-request="${id}"]`);
  await expect(mine.locator('[data-request-status]')).toHaveText('等待志愿者接单');
  await expect(mine).toContainText('不会和孩子视频通话。孙子在外地上学');
  await expect(mine).toContainText('请子女协助');
  await noSidewaysScroll(page);

  // The volunteer's queue: how long it has waited, no name or phone until claimed.
  const volunteer = await personAs(browser, 'helpVolunteer', '/volunteer/');
  await volunteer.setViewportSize({ width: 320, height: 640 });
  const queued = volunteer.locator(`[data-queued-request="${id}"]`);
  await expect(queued).toContainText('已经等了');
  await expect(queued).not.toContainText(account('helpAsker').phone);
  await queued.getByRole('button', { name: '接下这条求助' }).click();
  await volunteer.waitForURL(new RegExp(`/help/ask/${id}/\\?done=claimed`));
  await expect(volunteer.locator('[data-requester-phone]')).toHaveText(account('helpAsker').phone);
  await noSidewaysScroll(volunteer);
  // Nine hours is more than one request may count: refused, nothing closed, the words kept.
  await volunteer.getByLabel('做了什么、告诉了对方什么').fill('和孙女一起教会了微信视频通话，写了步骤卡片。');
  await volunteer.getByLabel('用了多长时间（小时）').fill('9');
  await volunteer.getByRole('button', { name: '记录并关闭' }).click();
  await expect(volunteer.getByRole('alert')).toContainText('用时请填0到8小时之间的数');
  await expect(volunteer.getByLabel('做了什么、告诉了对方什么')).toHaveValue('和孙女一起教会了微信视频通话，写了步骤卡片。');
  await expect(volunteer.locator('[data-request-status]')).toHaveText('志愿者正在处理');
  await volunteer.getByLabel('用了多长时间（小时）').fill('1.5');
  await volunteer.getByRole('button', { name: '记录并关闭' }).click();
  await volunteer.waitForURL(new RegExp(`/help/ask/${id}/\\?done=closed`));
  await expect(volunteer.locator('[data-request-status]')).toHaveText('已经解决');
  // Closed: the volunteer still sees what they answered, no longer who asked or their phone.
  await expect(volunteer.locator('[data-request-answer]')).toContainText('教会了微信视频通话');
  await expect(volunteer.locator('[data-requester-phone]')).toHaveCount(0);
  await expect(volunteer.locator('main')).not.toContainText(account('helpAsker').phone);

  // The requester sees the answer on the page and in 我的消息.
  await page.goto('/help/ask/');
  await expect(mine.locator('[data-request-status]')).toHaveText('已经解决');
  await expect(mine.locator('[data-request-answer]')).toContainText('教会了微信视频通话');
  await expect(mine.locator('[data-request-answer]')).toContainText('1.5小时');
  await page.goto('/me/messages/');
  await expect(page.getByRole('heading', { name: '您的求助已经解决' })).toBeVisible();
  await expect(page.getByRole('heading', { name: '志愿者辅导员甲接下了您的求助' })).toBeVisible();

  // The volunteer's 我的学习 counts the hours in this month.
  await volunteer.goto('/me/');
  await expect(volunteer.locator('[data-volunteer-total]')).toContainText('1.5小时');
  await noSidewaysScroll(volunteer);
});

test('two volunteers claiming the same request at once: one gets it, the other is told', async ({ browser }) => {
  const asker = await personAs(browser, 'helpRaceAsker', '/help/ask/');
  const id = await ask(asker, '手机里的字太小，看不清。');
  const [a, b] = await Promise.all([personAs(browser, 'helpRacerA', '/volunteer/'), personAs(browser, 'helpRacerB', '/volunteer/')]);
  const claim = (page: Page) => page.locator(`[data-queued-request="${id}"]`).getByRole('button', { name: '接下这条求助' });
  await expect(claim(a)).toBeVisible();
  await expect(claim(b)).toBeVisible();
  await Promise.all([claim(a).click(), claim(b).click()]);
  await Promise.all([a.waitForLoadState('load'), b.waitForLoadState('load')]);
  const won = (page: Page) => page.url().includes(`/help/ask/${id}/`);
  await expect.poll(() => [won(a), won(b)].filter(Boolean).length).toBe(1);
  const loser = won(a) ? b : a;
  const winner = won(a) ? a : b;
  await expect(loser.getByRole('alert')).toContainText('这条求助刚刚被其他志愿者接下了，请选另一条');
  await expect(loser.locator(`[data-queued-request="${id}"]`)).toHaveCount(0);
  await expect(winner.locator('[data-requester-phone]')).toHaveText(account('helpRaceAsker').phone);
  // The one who lost cannot open it either: it is not theirs.
  const refused = await loser.goto(`/help/ask/${id}/`);
  expect(refused?.status()).toBe(404);
});

test('a learner trying to open another person’s request is refused and sees none of it', async ({ page, browser }) => {
  const asker = await personAs(browser, 'helpAsker', '/help/ask/');
  const id = await ask(asker, '不会用电子医保凭证，药店让我出示。', '到银领之家当面');
  await signInAs(page, account('helpSnoop').phone);
  const response = await page.goto(`/help/ask/${id}/`);
  expect(response?.status()).toBe(404);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('不能查看这条求助');
  await expect(page.locator('main')).not.toContainText('电子医保凭证');
  await expect(page.locator('main')).not.toContainText(account('helpAsker').phone);
  // A number that does not exist answers exactly the same, so numbers cannot be probed.
  const refusedText = await page.locator('main').innerText();
  const missing = await page.goto('/help/ask/99999999/');
  expect(missing?.status()).toBe(404);
  expect(await page.locator('main').innerText()).toBe(refusedText);
  // Nor does the queue open to someone without the volunteer flag.
  const queue = await page.goto('/volunteer/');
  expect(queue?.status()).toBe(403);
});

test('the asking pages are accessible at every text size and in high contrast, with large targets', async ({ page, context, baseURL }) => {
  test.slow();
  await signInAs(page, account('helpA11yAsker').phone, '/help/ask/');
  const id = await ask(page, '连不上家里的无线网络。');
  expect(await smallTargets(page)).toEqual([]);
  await expectAccessibleEverywhere(page, context, baseURL ?? '', '/help/ask/');
  await expectAccessibleEverywhere(page, context, baseURL ?? '', `/help/ask/${id}/`);
  // With an error on the form too: axe checks the messages and their links.
  await page.goto('/help/ask/');
  await page.getByRole('button', { name: '提交求助' }).click();
  await expect(page.getByRole('alert')).toBeVisible();
  expect(await axeViolations(page)).toEqual([]);
});

test('the volunteer’s and the admins’ pages are accessible at every text size and in high contrast, with large targets', async ({ page, context, baseURL, browser }) => {
  test.setTimeout(360_000);
  const asker = await personAs(browser, 'helpA11yAsker', '/help/ask/');
  const id = await ask(asker, '想学会用手机叫车。');
  await signInAs(page, account('helpA11yVolunteer').phone, '/volunteer/');
  expect(await smallTargets(page)).toEqual([]);
  await expectAccessibleEverywhere(page, context, baseURL ?? '', '/volunteer/');
  await page.locator(`[data-queued-request="${id}"]`).getByRole('button', { name: '接下这条求助' }).click();
  await page.waitForURL(new RegExp(`/help/ask/${id}/`));
  expect(await smallTargets(page)).toEqual([]);
  await expectAccessibleEverywhere(page, context, baseURL ?? '', `/help/ask/${id}/`);
  await page.getByLabel('做了什么、告诉了对方什么').fill('电话里教会了叫车。');
  await page.getByLabel('用了多长时间（小时）').fill('0.5');
  await page.getByRole('button', { name: '记录并关闭' }).click();
  await page.waitForURL(/done=closed/);
  await page.goto('/me/');
  await expect(page.locator('[data-volunteer-months]')).toContainText('30分钟');
  await expectAccessibleEverywhere(page, context, baseURL ?? '', '/me/');

  // The hours just recorded are in the admins' totals (the table is there for axe to check).
  const admin = await personAs(browser, 'hoursAdmin', '/admin/volunteer-hours/');
  await expect(admin.locator('[data-volunteer-totals]')).toContainText(account('helpA11yVolunteer').name);
  await expect(admin.locator('[data-branch-totals]')).toContainText('未填写支部');
  expect(await smallTargets(admin)).toEqual([]);
  await expectAccessibleEverywhere(admin, admin.context(), baseURL ?? '', '/admin/volunteer-hours/');
});

test('admins export the hours to Excel, one row per volunteer and per 党支部, and grant the volunteer flag on 人员与角色', async ({ browser }) => {
  // Two hours at a past activity for a volunteer only this test uses.
  const activity = await seedActivity({ startsAt: Date.now() - DAY, signupClosesAt: Date.now() - DAY - 2 * HOUR });
  await withDb(async (db) => {
    const recordedBy = await userId(db, account('helpAdminExport').phone);
    unwrap(await recordActivityHelp(db, { activityId: activity, phone: account('helpExportVolunteer').phone, minutes: 120, note: '门口引导', recordedBy }));
  });
  const admin = await personAs(browser, 'helpAdminExport', '/admin/volunteer-hours/');
  const download = admin.waitForEvent('download');
  await admin.getByRole('link', { name: '导出Excel表格' }).click();
  const file = await download;
  expect(file.suggestedFilename()).toMatch(/^志愿服务时长-\d{4}-\d{2}-\d{2}\.xlsx$/);
  const book = new ExcelJS.Workbook();
  await book.xlsx.readFile(await file.path());
  const rows = (name: string): unknown[][] => {
    const sheet = book.getWorksheet(name);
    if (!sheet) throw new Error(`no sheet ${name}`);
    return sheet.getSheetValues().filter(Boolean).map((row) => (row as unknown[]).slice(1));
  };
  const [volunteerHeader, ...volunteers] = rows('按志愿者');
  expect(volunteerHeader).toEqual(['姓名', '手机号', '党支部', '服务时长（小时）', '解决求助（条）', '活动服务（次）']);
  expect(volunteers).toContainEqual([account('helpExportVolunteer').name, account('helpExportVolunteer').phone, '未填写支部', 2, 0, 1]);
  const [branchHeader, ...branchRows] = rows('按党支部');
  expect(branchHeader).toEqual(['党支部', '服务时长（小时）', '志愿者（人）']);
  // The 党支部 sheet adds up the volunteer sheet: the volunteers without a 党支部 are one row.
  const noBranch = volunteers.filter((row) => row[2] === '未填写支部');
  const noBranchRow = branchRows.find((row) => row[0] === '未填写支部');
  expect(noBranchRow?.[2]).toBe(noBranch.length);
  expect(noBranchRow?.[1]).toBeGreaterThanOrEqual(2);

  // Granting the flag: its own learner, so no other test's expectations depend on the order they run in.
  await admin.goto(`/admin/users/?q=${account('helpFlagLearner').phone}`);
  await admin.getByRole('checkbox', { name: /志愿者（银发数字辅导员/ }).check();
  await admin.getByRole('button', { name: `保存${account('helpFlagLearner').name}的设置` }).click();
  await expect(admin.getByRole('status')).toContainText('已保存');
  await expect(admin.getByRole('checkbox', { name: /志愿者（银发数字辅导员/ })).toBeChecked();
});

test('taking the volunteer flag away hands their request back and closes its page to them; a hand-back note is kept after an error', async ({ browser }) => {
  const asker = await personAs(browser, 'helpRevokeAsker', '/help/ask/');
  const id = await ask(asker, '不会在手机上预约挂号。');
  const volunteer = await personAs(browser, 'helpRevokeVolunteer', '/volunteer/');
  await volunteer.locator(`[data-queued-request="${id}"]`).getByRole('button', { name: '接下这条求助' }).click();
  await volunteer.waitForURL(new RegExp(`/help/ask/${id}/\\?done=claimed`));
  await expect(volunteer.locator('[data-requester-phone]')).toHaveText(account('helpRevokeAsker').phone);
  // A note too long for a hand-back: refused next to the field, what was typed stays, still held.
  const long = '对方白天不在家'.repeat(30);
  await volunteer.getByLabel('说明').fill(long);
  await volunteer.getByRole('button', { name: '交回，让别人来接' }).click();
  await expect(volunteer.getByRole('alert')).toContainText('说明最多写200个字');
  await expect(volunteer.getByLabel('说明')).toHaveValue(long);
  await expect(volunteer.locator('[data-request-status]')).toHaveText('志愿者正在处理');

  const admin = await personAs(browser, 'helpRevokeAdmin', '/admin/users/');
  await admin.goto(`/admin/users/?q=${account('helpRevokeVolunteer').phone}`);
  await admin.getByRole('checkbox', { name: /志愿者（银发数字辅导员/ }).uncheck();
  await admin.getByRole('button', { name: `保存${account('helpRevokeVolunteer').name}的设置` }).click();
  await expect(admin.getByRole('status')).toContainText('已保存');

  // The same page, reloaded: refused like any request that is not theirs, with no phone on it.
  const refused = await volunteer.goto(`/help/ask/${id}/`);
  expect(refused?.status()).toBe(404);
  await expect(volunteer.getByRole('heading', { level: 1 })).toHaveText('不能查看这条求助');
  await expect(volunteer.locator('main')).not.toContainText(account('helpRevokeAsker').phone);
  // Back in the queue, and the requester sees it waiting again, without the admin's note.
  await admin.goto(`/help/ask/${id}/`);
  await expect(admin.locator('[data-request-status]')).toHaveText('等待志愿者接单');
  await expect(admin.locator('ol.history')).toContainText('志愿者资格已取消');
  await asker.goto('/help/ask/');
  await expect(asker.locator(`[data-my-request="${id}"] [data-request-status]`)).toHaveText('等待志愿者接单');
  await asker.goto(`/help/ask/${id}/`);
  await expect(asker.locator('main')).toContainText('交回了求助');
  await expect(asker.locator('main')).not.toContainText('志愿者资格已取消');
});

test('an organiser records the help a volunteer gave at an activity; it counts on the volunteer’s 我的学习', async ({ page, browser, context, baseURL }) => {
  test.slow();
  const id = await seedActivity({ startsAt: Date.now() - DAY, signupClosesAt: Date.now() - DAY - 2 * HOUR });
  await signInAs(page, account('helpOrganiser').phone, `/organiser/activities/${id}/`);
  const form = page.getByRole('region', { name: '志愿服务时长' });
  await form.getByLabel('志愿者的手机号').fill(account('helpActivityVolunteer').phone);
  await form.getByLabel('帮了多长时间（小时）').fill('10');
  await form.getByRole('button', { name: '记录时长' }).click();
  await expect(page.getByRole('alert').first()).toContainText('用时请填0到8小时之间的数');
  await expect(page.locator('[data-activity-helpers]')).toHaveCount(0);
  await page.getByRole('region', { name: '志愿服务时长' }).getByLabel('帮了多长时间（小时）').fill('2');
  await page.getByRole('region', { name: '志愿服务时长' }).getByLabel('做了什么').fill('门口引导签到');
  await page.getByRole('region', { name: '志愿服务时长' }).getByRole('button', { name: '记录时长' }).click();
  await expect(page.getByRole('status')).toContainText(`已记录${account('helpActivityVolunteer').name}的志愿服务时长`);
  await expect(page.locator('[data-activity-helpers]')).toContainText(`${account('helpActivityVolunteer').name}：2小时（门口引导签到）`);
  await expectAccessibleEverywhere(page, context, baseURL ?? '', `/organiser/activities/${id}/`);

  const volunteer = await personAs(browser, 'helpActivityVolunteer');
  await expect(volunteer.locator('[data-volunteer-total]')).toContainText('2小时');
});
