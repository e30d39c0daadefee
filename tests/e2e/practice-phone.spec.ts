import { expect, test, type Page } from './fixtures';
import { expectAccessibleEverywhere } from './axe';
import { guidePath } from '../../src/lib/help-guides';

// The practice phone (src/islands/PracticePhone.tsx) on guide pages that have a scenario
// (content/help/<guide>.practice.yaml).
const VIDEO_CALL = guidePath('video-call');
const WECHAT_PAY = guidePath('wechat-pay');

/** Scrolls to 动手练一练 (the island hydrates when visible) and waits until its buttons work. */
async function readyPractice(page: Page): Promise<ReturnType<Page['locator']>> {
  const section = page.getByRole('region', { name: '动手练一练' });
  await section.scrollIntoViewIfNeeded();
  await expect(section.locator('.practice-target').first()).toBeVisible();
  return section;
}

async function openPractice(page: Page, path: string): Promise<ReturnType<Page['locator']>> {
  await page.goto(path);
  return readyPractice(page);
}

/** Presses Tab until the focused element is the practice button called `name`, then Enter. */
async function pressButton(page: Page, name: string): Promise<void> {
  for (let presses = 0; presses < 40; presses += 1) {
    if ((await page.evaluate(() => document.activeElement?.textContent ?? '')) === name) {
      await page.keyboard.press('Enter');
      return;
    }
    await page.keyboard.press('Tab');
  }
  throw new Error(`按 Tab 键找不到“${name}”`);
}

test('a right tap moves on, a wrong tap explains, a second wrong tap shows an arrow, the end says 练习完成', async ({ page }) => {
  const practice = await openPractice(page, VIDEO_CALL);
  await expect(practice).toContainText('不会真的打电话');
  const feedback = practice.getByRole('status');
  const arrow = practice.locator('.ph-arrow');
  await expect(practice).toContainText('第 1 步，共 5 步');

  await practice.getByRole('button', { name: '表情' }).click();
  await expect(feedback).toContainText('不是这里，不要紧');
  await expect(feedback).toContainText('加号在屏幕最下面一行的最右边');
  await expect(arrow).toHaveCount(0);

  await practice.getByRole('button', { name: '切换到按住说话' }).click();
  await expect(feedback).toContainText('请看箭头指着的地方，要点的是“更多功能（加号）”');
  await expect(arrow).toBeVisible();

  await practice.getByRole('button', { name: '更多功能（加号）' }).click();
  await expect(practice).toContainText('第 2 步，共 5 步');
  await expect(practice.getByText('请点“视频通话”。')).toBeFocused();
  await expect(feedback).toHaveText('对了！下面出现了一排功能。');
  await expect(arrow).toHaveCount(0);

  // A finger landing beside every button (here: the empty top of the screen) is a wrong tap too.
  await practice.locator('.practice-targets').click({ position: { x: 150, y: 160 } });
  await expect(feedback).toContainText('不是这里，不要紧');

  await practice.getByRole('button', { name: '视频通话' }).click();
  await expect(practice).toContainText('第 3 步，共 5 步');
  await practice.getByRole('button', { name: '视频通话' }).click();
  await practice.getByRole('button', { name: '挂断' }).click();
  await expect(practice).toContainText('第 5 步，共 5 步');
  await practice.getByRole('button', { name: '接听', exact: true }).click();

  const done = practice.getByRole('heading', { name: '练习完成' });
  await expect(done).toBeFocused();
  await expect(practice).toContainText('没有真的打出任何电话');
  await practice.getByRole('button', { name: '再练一次' }).click();
  await expect(practice).toContainText('第 1 步，共 5 步');
});

test('the whole 微信支付 practice, password keypad included, works with the keyboard alone', async ({ page }) => {
  const practice = await openPractice(page, WECHAT_PAY);
  // The one programmatic step: put the keyboard at the practice, as Tab from the page would.
  await practice.getByRole('button', { name: '搜索' }).focus();

  await pressButton(page, '更多功能（加号）');
  await expect(practice.getByText('请点“扫一扫”。')).toBeFocused();
  await pressButton(page, '添加朋友');
  await expect(practice.getByRole('status')).toContainText('第三行是“扫一扫”');
  await pressButton(page, '扫一扫');
  await pressButton(page, '数字5');
  await pressButton(page, '付款');
  await expect(practice).toContainText('练习密码是 358164。请点第一位：3。');
  for (const digit of '358164') await pressButton(page, `数字${digit}`);
  await expect(practice).toContainText('屏幕上写着“支付成功”');
  await pressButton(page, '完成');
  await expect(practice.getByRole('heading', { name: '练习完成' })).toBeFocused();
  await expect(practice).toContainText('没有真的付钱');
});

test('on a 320 px phone at the largest text size every place to tap is at least 44 px and nothing scrolls sideways', async ({ page, context, baseURL }) => {
  await page.setViewportSize({ width: 320, height: 720 });
  await context.addCookies([{ name: 'xg-size', value: '30', url: baseURL! }]);
  const practice = await openPractice(page, WECHAT_PAY);
  await practice.getByRole('button', { name: '更多功能（加号）' }).click();
  await practice.getByRole('button', { name: '扫一扫' }).click();
  const sizes = await practice.locator('.practice-target').evaluateAll((buttons) => buttons.map((button) => button.getBoundingClientRect()).map(({ width, height }) => Math.min(width, height)));
  expect(sizes.length).toBeGreaterThanOrEqual(12);
  expect(Math.min(...sizes)).toBeGreaterThanOrEqual(44);
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320);
});

test('with reduced motion the arrow stands still', async ({ page }) => {
  await page.emulateMedia({ reducedMotion: 'reduce' });
  const practice = await openPractice(page, VIDEO_CALL);
  await practice.getByRole('button', { name: '表情' }).click();
  await practice.getByRole('button', { name: '表情' }).click();
  await expect(practice.locator('.ph-arrow')).toHaveCSS('animation-name', 'none');
});

test('the practice phone is axe clean at every text size and in high contrast, with an explanation and the arrow showing', async ({ page, context, baseURL }) => {
  test.setTimeout(180_000);
  await expectAccessibleEverywhere(
    page,
    context,
    baseURL!,
    VIDEO_CALL,
    async () => {
      const practice = await readyPractice(page);
      await practice.getByRole('button', { name: '表情' }).click();
      await practice.getByRole('button', { name: '表情' }).click();
      await expect(practice.locator('.ph-arrow')).toBeVisible();
    },
    '.practice-section',
  );
});
