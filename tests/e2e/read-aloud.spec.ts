import { expect, test } from './fixtures';
import { installFakeSpeech } from './fake-speech';

const lesson = '/courses/party-spirit/constitution-and-oath/';

test('with no Chinese voice the page says so instead of showing dead buttons', async ({ page }) => {
  await page.addInitScript(() => {
    Object.defineProperty(window.speechSynthesis, 'getVoices', { value: () => [] });
  });
  await page.goto(lesson);
  const panel = page.getByRole('region', { name: '朗读' });
  await expect(panel.getByText('没有可用的中文朗读语音')).toBeVisible();
  await expect(panel.getByRole('button', { name: '朗读本页' })).toBeHidden();
});

test('reads the lesson aloud in order, with pause, resume and stop', async ({ page }) => {
  await installFakeSpeech(page);
  await page.goto(lesson);
  const panel = page.getByRole('region', { name: '朗读' });
  await panel.getByLabel('语速').selectOption({ label: '慢' });
  await panel.getByRole('button', { name: '朗读本页' }).click();
  await expect(panel.getByRole('button', { name: '暂停' })).toBeEnabled();
  await panel.getByRole('button', { name: '暂停' }).click();
  await expect(panel.getByRole('status')).toHaveText('已暂停');
  const spokenAtPause = await page.evaluate(() => (window as unknown as { spoken: string[] }).spoken.length);
  await page.waitForTimeout(200);
  expect(await page.evaluate(() => (window as unknown as { spoken: string[] }).spoken.length)).toBe(spokenAtPause);

  await page.evaluate(() => {
    (window as unknown as { speechDelay: number }).speechDelay = 20;
  });
  await panel.getByRole('button', { name: '继续' }).click();
  await expect(panel.getByRole('status')).toHaveText('朗读完毕', { timeout: 30_000 });
  const spoken = await page.evaluate(() => (window as unknown as { spoken: string[] }).spoken);
  const title = (await page.locator('h1').textContent()) ?? '';
  const firstParagraph = (await page.locator('#lesson-body > p').first().textContent()) ?? '';
  expect(spoken[0]?.startsWith('0.8|')).toBe(true);
  // The title first, then the lesson text in order; the page tools are not read.
  expect(spoken[0]?.slice(4)).toBe(title.replace(/\s+/g, ' ').trim());
  expect(spoken.some((text) => firstParagraph.startsWith(text.slice(4, 20)))).toBe(true);
  expect(spoken.some((text) => text.includes('本课目录') || text.includes('朗读本页'))).toBe(false);
  // The answer of a closed self-check is not read out.
  const answer = (await page.locator('.mdx-selfcheck details > p').first().textContent()) ?? '';
  expect(spoken.some((text) => text.includes(answer.replace('答案：', '')))).toBe(false);

  // Each piece now takes long enough that the reading is still under way when 停止 is pressed.
  await page.evaluate(() => {
    (window as unknown as { speechDelay: number }).speechDelay = 60_000;
  });
  await panel.getByRole('button', { name: '朗读本页' }).click();
  await panel.getByRole('button', { name: '停止' }).click();
  await expect(panel.getByRole('status')).toHaveText('已停止朗读');
  await expect(panel.getByRole('button', { name: '停止' })).toBeDisabled();
});
