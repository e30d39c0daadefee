import { expect, test } from './fixtures';
import { E2E_USERS, signInAs } from './accounts';
import { axeViolations } from './axe';
import { DAY, HOUR, seedActivity } from './screening-fixtures';

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
