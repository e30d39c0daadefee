import { expect, test, type Page } from './fixtures';
import { E2E_USERS, signInAs } from './accounts';
import { expectSilentSelfPaced } from './follow-read-silent';
import { installFakeSpeech, spokenSoFar } from './fake-speech';
import { axeViolations } from './axe';
import { repeatPauseMs } from '../../src/lib/follow-read';

const FIRST = '我志愿加入中国共产党，';
const SECOND = '拥护党的纲领，';

/** Today in Beijing as [year, month, day]. */
function beijingToday(offsetDays = 0): [number, number, number] {
  const date = new Date(Date.now() + 8 * 3_600_000 + offsetDays * 86_400_000);
  return [date.getUTCFullYear(), date.getUTCMonth() + 1, date.getUTCDate()];
}

async function saveJoinDate(page: Page, year: string, month: string, day: string): Promise<void> {
  await page.goto('/account/');
  const form = page.locator('form.join-date');
  await form.getByLabel('年').fill(year);
  await form.getByLabel('月').fill(month);
  await form.getByLabel('日').fill(day);
  await form.getByRole('button', { name: '保存入党日期' }).click();
}

test.describe('重温入党誓词', () => {
  test('逐句跟读 reads a line, lights it, then asks the person to repeat it before the next', async ({ page }) => {
    await installFakeSpeech(page);
    await page.clock.install();
    await page.goto('/oath/');
    const panel = page.getByRole('region', { name: '朗读和跟读' });
    const lines = page.locator('#oath-lines [data-line]');
    await expect(lines).toHaveCount(12);
    await panel.getByRole('button', { name: '逐句跟读' }).click();
    await expect(lines.nth(0)).toHaveAttribute('aria-current', 'true');
    await expect(panel.getByRole('status')).toHaveText('正在朗读第 1 句（共 12 句）。');
    expect(await spokenSoFar(page)).toEqual([`1|${FIRST}`]);

    // Each line takes the voice a moment; with the pauses between, the whole oath is read and repeated.
    await page.evaluate(() => {
      (window as unknown as { speechDelay: number }).speechDelay = 10;
    });
    await panel.getByRole('button', { name: '下一句' }).click();
    await expect(lines.nth(1)).toHaveAttribute('aria-current', 'true');
    await page.clock.runFor(120_000);
    await expect(panel.getByRole('status')).toHaveText('读完了。可以再来一遍。');
    const spoken = await spokenSoFar(page);
    expect(spoken.slice(0, 3)).toEqual([`1|${FIRST}`, `1|${SECOND}`, '1|遵守党的章程，']);
    expect(spoken.at(-1)).toBe('1|永不叛党。');
    expect(spoken).toHaveLength(12);
  });

  test('the pause after a line lasts until the next line is read, and 停止 ends it', async ({ page }) => {
    await installFakeSpeech(page);
    // The page's clock moves only when the test moves it.
    await page.clock.install({ time: new Date('2026-07-01T09:00:00+08:00') });
    await page.goto('/oath/');
    await page.clock.pauseAt(new Date('2026-07-01T09:01:00+08:00'));
    await page.evaluate(() => {
      (window as unknown as { speechDelay: number }).speechDelay = 1000;
    });
    const panel = page.getByRole('region', { name: '朗读和跟读' });
    const lines = page.locator('#oath-lines [data-line]');
    await panel.getByRole('button', { name: '逐句跟读' }).click();
    await page.clock.runFor(1100);
    await expect(panel.getByRole('status')).toHaveText('请您跟读第 1 句。');
    await expect(lines.nth(0)).toHaveClass(/line-repeat/);
    // Still the person's turn a moment later: nothing new is read during the pause.
    await page.clock.runFor(1000);
    expect(await spokenSoFar(page)).toEqual([`1|${FIRST}`]);
    await page.clock.runFor(repeatPauseMs(FIRST) - 1000 + 100);
    await expect(panel.getByRole('status')).toHaveText('正在朗读第 2 句（共 12 句）。');
    await expect(lines.nth(1)).toHaveAttribute('aria-current', 'true');
    await expect(lines.nth(0)).not.toHaveAttribute('aria-current', 'true');
    await panel.getByRole('button', { name: '停止' }).click();
    await expect(panel.getByRole('status')).toHaveText('已停止。');
    await expect(page.locator('#oath-lines [aria-current]')).toHaveCount(0);
  });

  test('全文朗读 reads every line in order, lighting each', async ({ page }) => {
    await installFakeSpeech(page);
    await page.goto('/oath/');
    await page.evaluate(() => {
      (window as unknown as { speechDelay: number }).speechDelay = 5;
    });
    const panel = page.getByRole('region', { name: '朗读和跟读' });
    await panel.getByLabel('语速').selectOption({ label: '慢' });
    await panel.getByRole('button', { name: '全文朗读' }).click();
    await expect(panel.getByRole('status')).toHaveText('读完了。可以再来一遍。');
    const spoken = await spokenSoFar(page);
    expect(spoken).toHaveLength(12);
    expect(spoken[0]).toBe(`0.8|${FIRST}`);
    expect(spoken.at(-1)).toBe('0.8|永不叛党。');
  });

  test('with no Chinese voice, the lines still light in turn as a self-paced exercise, and the page says why', async ({ page }) => {
    await expectSilentSelfPaced(page, '/oath/', { selector: '#oath-lines [data-line]', first: FIRST, count: 12 });
  });

  test('prints the oath without the controls, and the hall screen has no site header', async ({ page }) => {
    await page.goto('/oath/');
    await page.emulateMedia({ media: 'print' });
    await expect(page.getByRole('region', { name: '朗读和跟读' })).toBeHidden();
    await expect(page.locator('#oath-lines')).toBeVisible();
    await page.emulateMedia({ media: 'screen' });
    await page.getByRole('link', { name: '在大屏幕上显示誓词' }).click();
    await expect(page).toHaveURL(/\/oath\/screen\/$/);
    await expect(page.locator('header')).toHaveCount(0);
    await expect(page.locator('#oath-screen-lines [data-line]')).toHaveCount(12);
  });

  test('axe finds nothing on the hall-screen page, in either contrast (its text size is its own)', async ({ page, context, baseURL }) => {
    test.setTimeout(180_000);
    for (const contrast of ['normal', 'high']) {
      await context.addCookies([{ name: 'xg-contrast', value: contrast, url: baseURL ?? '' }]);
      await page.goto('/oath/screen/');
      await expect(page.locator('html')).toHaveAttribute('data-contrast', contrast);
      expect(await axeViolations(page)).toEqual([]);
    }
  });
});

test.describe('政治生日', () => {
  test('a member records the day they joined; on that day the home page and 我的学习 greet them, and it is in their data', async ({ page }) => {
    await signInAs(page, E2E_USERS['birthdayMember']!.phone, '/account/');
    const [year, month, day] = beijingToday();
    await saveJoinDate(page, String(year - 40), String(month), String(day));
    await expect(page.getByRole('status').filter({ hasText: '已保存' })).toHaveText(`已保存：您的入党日期是 ${year - 40}年${month}月${day}日。`);

    await page.goto('/');
    const greeting = page.getByRole('region', { name: '政治生日快乐' });
    await expect(greeting).toContainText('入党 40 周年');
    await greeting.getByRole('link', { name: '重温入党誓词' }).click();
    await expect(page).toHaveURL(/\/oath\/$/);
    await page.goto('/me/');
    await expect(page.getByRole('region', { name: '政治生日快乐' })).toBeVisible();

    const record = await page.request.get('/api/me/record.csv');
    expect(await record.text()).toContain(`入党日期,${year - 40}年${month}月${day}日`);

    // Tomorrow's date: no greeting today.
    const [, tomorrowMonth, tomorrowDay] = beijingToday(1);
    await saveJoinDate(page, String(year - 40), String(tomorrowMonth), String(tomorrowDay));
    await page.goto('/');
    await expect(page.getByRole('heading', { name: /您好/ })).toBeVisible();
    await expect(page.getByRole('region', { name: '政治生日快乐' })).toHaveCount(0);

    // All three fields empty: the date is forgotten.
    await saveJoinDate(page, '', '', '');
    await expect(page.getByRole('status').filter({ hasText: '已删除' })).toBeVisible();
    expect(await (await page.request.get('/api/me/record.csv')).text()).toContain('入党日期,未填写');
  });

  test('a future or impossible date is refused with a Chinese message, keeping what was typed', async ({ page }) => {
    await signInAs(page, E2E_USERS['joinDateTypist']!.phone, '/account/');
    const [year] = beijingToday();
    await saveJoinDate(page, String(year + 1), '7', '1');
    await expect(page.getByText('入党日期不能晚于今天，请核对。').first()).toBeVisible();
    await expect(page.locator('form.join-date').getByLabel('年')).toHaveValue(String(year + 1));
    await saveJoinDate(page, '1983', '2', '30');
    await expect(page.getByText('1983年2月没有30日，请核对入党日期。').first()).toBeVisible();
    expect(await (await page.request.get('/api/me/record.csv')).text()).toContain('入党日期,未填写');
  });
});
