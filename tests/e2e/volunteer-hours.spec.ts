import { expect, test } from './fixtures';
import { E2E_USERS, signInAs } from './accounts';
import { axeViolations } from './axe';
import { DAY, HOUR, seedActivity } from './screening-fixtures';
import { withDb } from './contest-fixtures';
import { eq } from 'drizzle-orm';
import { users } from '../../db/schema';
import { claimRequest, closeRequest, createRequest } from '../../src/lib/server/help-requests';
import { unwrap } from '../../src/lib/result';

/** An account of tests/e2e/accounts.ts (this file's: 13900000440–459). */
function account(key: string): { phone: string; name: string } {
  const user = E2E_USERS[key];
  if (!user) throw new Error(`no test account ${key}`);
  return user;
}

test('an organiser cannot credit themselves, deletes a wrong line and takes the deletion back with 撤销', async ({ page }) => {
  test.slow();
  const id = await seedActivity({ title: '时长更正演示', startsAt: Date.now() - DAY, signupClosesAt: Date.now() - DAY - 2 * HOUR });
  await signInAs(page, account('hoursOrganiser').phone, `/organiser/activities/${id}/`);
  const region = () => page.getByRole('region', { name: '志愿服务时长' });
  await expect(region().locator('[data-activity-help-rule]')).toContainText('只能记给有“志愿者”标记的账号');

  await region().getByLabel('志愿者的手机号').fill(account('hoursOrganiser').phone);
  await region().getByLabel('帮了多长时间（小时）').fill('2');
  await region().getByRole('button', { name: '记录时长' }).click();
  await expect(page.getByRole('alert').first()).toContainText('不能给自己记录志愿服务时长');
  await expect(page.locator('[data-activity-helpers]')).toHaveCount(0);

  await region().getByLabel('志愿者的手机号').fill(account('hoursHelper').phone);
  await region().getByLabel('帮了多长时间（小时）').fill('2');
  await region().getByRole('button', { name: '记录时长' }).click();
  await expect(page.getByRole('status')).toContainText(`已记录${account('hoursHelper').name}的志愿服务时长`);
  await region().getByLabel('志愿者的手机号').fill(account('hoursHelper').phone);
  await region().getByLabel('帮了多长时间（小时）').fill('1.5');
  await region().getByRole('button', { name: '记录时长' }).click();
  await expect(page.getByRole('status')).toContainText('这次记的1.5小时代替了之前记的2小时');
  await expect(page.locator('[data-activity-helpers]')).toContainText(`${account('hoursHelper').name}：1.5小时`);

  await region().getByRole('button', { name: new RegExp(`^删除这条记录\\s*（${account('hoursHelper').name}）$`) }).click();
  await expect(page.getByRole('status')).toContainText('可以撤销');
  await expect(page.locator('[data-activity-helpers]')).toHaveCount(0);
  await expect(page.locator('[data-activity-helpers-deleted]')).toContainText(`刚删除：${account('hoursHelper').name}：1.5小时`);
  expect(await axeViolations(page)).toEqual([]);

  await region().getByRole('button', { name: new RegExp(`^撤销\\s*删除${account('hoursHelper').name}的记录$`) }).click();
  await expect(page.getByRole('status')).toContainText('又记上了');
  await expect(page.locator('[data-activity-helpers]')).toContainText(`${account('hoursHelper').name}：1.5小时`);
  await expect(page.locator('[data-activity-helpers-deleted]')).toHaveCount(0);
});

test('an admin corrects the hours of a closed request on 志愿服务时长', async ({ page }) => {
  const id = await withDb(async (db) => {
    const idOf = async (key: string) => (await db.select({ id: users.id }).from(users).where(eq(users.phone, account(key).phone)))[0]!.id;
    const [asker, helper] = [await idOf('hoursAsker'), await idOf('hoursHelper')];
    const request = unwrap(await createRequest(db, { requesterId: asker, topic: null, problem: '微信字太小', way: 'phone', preferredTime: '上午' })).id;
    unwrap(await claimRequest(db, { id: request, volunteerId: helper, volunteerName: account('hoursHelper').name }));
    unwrap(await closeRequest(db, { id: request, actor: { id: helper, admin: false }, answer: '电话里教会了调字体。', minutes: 480 }));
    return request;
  });
  await signInAs(page, account('hoursCorrector').phone, '/admin/volunteer-hours/');
  const form = page.getByRole('region', { name: '更正求助的服务时长' });
  await form.getByLabel('哪一条求助（最近关闭的在前）').selectOption(String(id));
  await form.getByLabel('改为多长时间（小时）').fill('0.8');
  await form.getByRole('button', { name: '更正时长' }).click();
  await expect(page.getByRole('status')).toContainText(`已把第${id}号求助的服务时长从8小时改为48分钟`);
  await expect(page.getByRole('region', { name: '更正求助的服务时长' }).locator(`option[value="${id}"]`)).toContainText('记了48分钟');
  expect(await axeViolations(page)).toEqual([]);
});
