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

test('on a 320 px phone at the largest text size every place to tap is 60 px, or at least 44 px where a neighbour is too close, and nothing scrolls sideways', async ({ page, context, baseURL }) => {
  await page.setViewportSize({ width: 320, height: 720 });
  await context.addCookies([{ name: 'xg-size', value: '30', url: baseURL! }]);
  const practice = await openPractice(page, WECHAT_PAY);
  // Smallest side of every button, and whether tapBoxes (src/lib/phone-targets.ts) marked it cramped.
  const measure = async (): Promise<{ side: number; cramped: boolean; id: string }[]> =>
    practice.locator('.practice-target').evaluateAll((buttons) =>
      buttons.map((button) => {
        const { width, height } = button.getBoundingClientRect();
        return { side: Math.min(width, height), cramped: button.hasAttribute('data-cramped'), id: (button as HTMLElement).dataset['target'] ?? '' };
      }),
    );
  const roomy = (await measure()).filter((button) => !button.cramped);
  expect(roomy.map((button) => button.id)).toEqual(expect.arrayContaining(['search']));
  for (const button of roomy) expect(button.side, button.id).toBeGreaterThanOrEqual(59.5);

  await practice.getByRole('button', { name: '更多功能（加号）' }).click();
  await practice.getByRole('button', { name: '扫一扫' }).click();
  const keypad = await measure();
  expect(keypad.length).toBeGreaterThanOrEqual(12);
  for (const button of keypad) expect(button.side, button.id).toBeGreaterThanOrEqual(button.cramped ? 43.5 : 59.5);
  // The keys touch their neighbours (the exception); the amount field above them has room.
  expect(keypad.filter((button) => !button.cramped).map((button) => button.id)).toEqual(expect.arrayContaining(['amount']));
  expect(keypad.filter((button) => button.cramped).map((button) => button.id)).toEqual(expect.arrayContaining(['amount-keys-5']));
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320);
});

test('a third wrong tap is said again to a screen reader, in a new line of the status', async ({ page }) => {
  const practice = await openPractice(page, VIDEO_CALL);
  const feedback = practice.getByRole('status');
  await practice.getByRole('button', { name: '表情' }).click();
  await practice.getByRole('button', { name: '表情' }).click();
  await expect(feedback).toContainText('请看箭头指着的地方');
  await feedback.locator('span').evaluate((said) => said.setAttribute('data-said-before', ''));
  await practice.getByRole('button', { name: '表情' }).click();
  await expect(feedback.locator('span[data-said-before]')).toHaveCount(0);
  await expect(feedback).toContainText('请看箭头指着的地方，要点的是“更多功能（加号）”');
});

test('where scripts never run, the practice says plainly that the steps above still help', async ({ browser, baseURL }) => {
  const context = await browser.newContext({ javaScriptEnabled: false, baseURL: baseURL! });
  const page = await context.newPage();
  await page.goto(VIDEO_CALL);
  const practice = page.getByRole('region', { name: '动手练一练' });
  await expect(practice.getByRole('status')).toHaveText('练习正在准备。要是一直点不了，上面的步骤和图照样可以看。');
  await expect(practice.locator('.practice-target').first()).toBeHidden();
  await context.close();
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
