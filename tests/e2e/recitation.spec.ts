import { expect, test } from './fixtures';
import { expectSilentSelfPaced } from './follow-read-silent';
import { installFakeSpeech, spokenSoFar, setSpeechDelay } from './fake-speech';
import { expectAccessibleEverywhere } from './axe';
import { repeatPauseMs } from '../../src/lib/follow-read';

/** 诵读 (<Recitation>) on a lesson of 经典诵读: 跟读 with the speech engine faked at the Web Speech API, the silent mode, print, axe. */
const LESSON = '/courses/classics-recitation/long-march/';
const LINES = ['红军不怕远征难，', '万水千山只等闲。', '五岭逶迤腾细浪，', '乌蒙磅礴走泥丸。', '金沙水拍云崖暖，', '大渡桥横铁索寒。', '更喜岷山千里雪，', '三军过后尽开颜。'];

test.describe('诵读', () => {
  test('sets the text line by line in large type, with its author, date and source', async ({ page }) => {
    await page.goto(LESSON);
    const figure = page.locator('[data-recitation]');
    await expect(figure.getByRole('heading', { name: '七律·长征' })).toBeVisible();
    await expect(figure).toContainText('毛泽东');
    await expect(figure).toContainText('1935年10月');
    await expect(figure).toContainText('出处：《毛泽东诗词选》');
    const lines = figure.locator('[data-line]');
    await expect(lines).toHaveText(LINES);
    const [line, body] = await Promise.all([
      lines.first().evaluate((element) => Number.parseFloat(getComputedStyle(element).fontSize)),
      page.locator('body').evaluate((element) => Number.parseFloat(getComputedStyle(element).fontSize)),
    ]);
    expect(line).toBeGreaterThanOrEqual(body * 1.4);
  });

  test('逐句跟读 reads a line with it lit, then pauses for the person to repeat it, then the next', async ({ page }) => {
    await installFakeSpeech(page);
    await page.clock.install({ time: new Date('2026-07-01T09:00:00+08:00') });
    await page.goto(LESSON);
    await page.clock.pauseAt(new Date('2026-07-01T09:01:00+08:00'));
    await setSpeechDelay(page, 1000);
    const panel = page.getByRole('region', { name: '朗读和跟读' });
    const lines = page.locator('[data-recitation] [data-line]');
    await panel.getByRole('button', { name: '逐句跟读' }).click();
    await expect(lines.nth(0)).toHaveAttribute('aria-current', 'true');
    await expect(lines.nth(0)).toHaveClass(/line-now/);
    await expect(panel.getByRole('status')).toHaveText('正在朗读第 1 句（共 8 句）。');
    expect(await spokenSoFar(page)).toEqual([`1|${LINES[0]}`]);
    // Read: now the person's turn, the line still lit and marked 请跟读.
    await page.clock.runFor(1100);
    await expect(panel.getByRole('status')).toHaveText('请您跟读第 1 句。');
    await expect(lines.nth(0)).toHaveClass(/line-repeat/);
    await page.clock.runFor(repeatPauseMs(LINES[0]!) - 500);
    expect(await spokenSoFar(page)).toEqual([`1|${LINES[0]}`]);
    await expect(lines.nth(0)).toHaveAttribute('aria-current', 'true');
    // The pause over, the next line is read and lit, the first no longer.
    await page.clock.runFor(600);
    await expect(panel.getByRole('status')).toHaveText('正在朗读第 2 句（共 8 句）。');
    await expect(lines.nth(1)).toHaveAttribute('aria-current', 'true');
    await expect(lines.nth(0)).not.toHaveAttribute('aria-current', 'true');
    expect(await spokenSoFar(page)).toEqual([`1|${LINES[0]}`, `1|${LINES[1]}`]);
    await panel.getByRole('button', { name: '停止' }).click();
    await expect(panel.getByRole('status')).toHaveText('已停止。');
    await expect(page.locator('[data-recitation] [aria-current]')).toHaveCount(0);
  });

  test('全文朗读 reads the whole text in order at the chosen speed', async ({ page }) => {
    await installFakeSpeech(page);
    await page.goto(LESSON);
    await setSpeechDelay(page, 5);
    const panel = page.getByRole('region', { name: '朗读和跟读' });
    await panel.getByLabel('语速').selectOption({ label: '慢' });
    await panel.getByRole('button', { name: '全文朗读' }).click();
    await expect(panel.getByRole('status')).toHaveText('读完了。可以再来一遍。');
    expect(await spokenSoFar(page)).toEqual(LINES.map((line) => `0.8|${line}`));
  });

  test('with no Chinese voice, says so kindly and runs the silent, self-paced exercise', async ({ page }) => {
    await expectSilentSelfPaced(page, LESSON, { selector: '[data-recitation] [data-line]', first: LINES[0]!, count: 8 });
  });

  test('prints: the lesson without the controls, or this text alone from its own button', async ({ page }) => {
    await page.addInitScript(() => {
      (window as unknown as { printed: number }).printed = 0;
      window.print = () => {
        (window as unknown as { printed: number }).printed += 1;
      };
    });
    await page.goto(LESSON);
    await page.emulateMedia({ media: 'print' });
    await expect(page.getByRole('region', { name: '朗读和跟读' })).toBeHidden();
    await expect(page.locator('[data-recitation] [data-line]').first()).toBeVisible();
    await expect(page.getByRole('heading', { name: '长征', exact: false }).first()).toBeVisible();
    await page.emulateMedia({ media: 'screen' });

    await page.getByRole('button', { name: '打印原文' }).click();
    expect(await page.evaluate(() => (window as unknown as { printed: number }).printed)).toBe(1);
    await page.emulateMedia({ media: 'print' });
    await expect(page.locator('[data-recitation] [data-line]').last()).toBeVisible();
    await expect(page.locator('[data-recitation]')).toContainText('出处：《毛泽东诗词选》');
    // Everything else on the page is left out of this print: the lesson's own text and the header.
    await expect(page.locator('main h1')).toBeHidden();
    await expect(page.getByText('这两句诗，我们这一代人几乎人人会背', { exact: false })).toBeHidden();
    await page.evaluate(() => window.dispatchEvent(new Event('afterprint')));
    await expect(page.locator('main h1')).toBeVisible();
    await expect(page.locator('html')).not.toHaveClass(/print-one/);
  });

  test('a long text never scrolls sideways on a 320 px phone at 特大', async ({ page, context, baseURL }) => {
    await context.addCookies([{ name: 'xg-size', value: '30', url: baseURL ?? '' }]);
    await page.setViewportSize({ width: 320, height: 700 });
    for (const lesson of ['snow', 'serve-the-people']) {
      await page.goto(`/courses/classics-recitation/${lesson}/`);
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      expect(overflow, lesson).toBeLessThanOrEqual(0);
    }
  });

  test('axe finds nothing on a recitation lesson and the course page, at every text size and in high contrast', async ({ page, context, baseURL }) => {
    test.setTimeout(240_000);
    await expectAccessibleEverywhere(page, context, baseURL ?? '', LESSON);
    await expectAccessibleEverywhere(page, context, baseURL ?? '', '/courses/classics-recitation/');
  });
});

const SEARCHES = [
  { query: '沁园春', expected: '/courses/classics-recitation/snow/' },
  { query: '梅岭三章', expected: '/courses/classics-recitation/meiling/' },
  { query: '娄山关', expected: '/courses/classics-recitation/loushan-pass/' },
  { query: '卜算子', expected: '/courses/classics-recitation/plum-blossom/' },
];

for (const { query, expected } of SEARCHES) {
  test(`searching for ${query} finds its recitation lesson first`, async ({ page }) => {
    await page.goto(`/search/?q=${encodeURIComponent(query)}`);
    await expect(page.locator('.results li').first().locator('a.result-title')).toHaveAttribute('href', expected, { timeout: 15_000 });
  });
}
