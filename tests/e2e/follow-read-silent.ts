import { expect, type Page } from './fixtures';
import { silentLineMs } from '../../src/lib/follow-read';

/**
 * 跟读 on a device with no Chinese voice (WeChat's browser often has none), as the oath page and a
 * <Recitation> both offer it: the page says so kindly, hides 全文朗读, and 自己跟读 lights each line
 * long enough to read it and say it again, then the next; 下一句 and 上一句 set the pace.
 */
export async function expectSilentSelfPaced(page: Page, path: string, lines: { selector: string; first: string; count: number }): Promise<void> {
  await page.addInitScript(() => {
    Object.defineProperty(window.speechSynthesis, 'getVoices', { value: () => [] });
  });
  await page.clock.install({ time: new Date('2026-07-01T09:00:00+08:00') });
  await page.goto(path);
  await page.clock.pauseAt(new Date('2026-07-01T09:01:00+08:00'));
  await page.clock.runFor(2000);
  const panel = page.getByRole('region', { name: '朗读和跟读' });
  await expect(panel.getByText('这台设备没有中文朗读声音')).toBeVisible();
  await expect(panel.getByRole('button', { name: '全文朗读' })).toBeHidden();
  await panel.getByRole('button', { name: '自己跟读' }).click();
  const lit = page.locator(lines.selector);
  await expect(lit.nth(0)).toHaveAttribute('aria-current', 'true');
  await expect(panel.getByRole('status')).toHaveText(`请读第 1 句（共 ${lines.count} 句），读一遍，再说一遍。`);
  // Long enough to read it twice, then the next line.
  await page.clock.runFor(silentLineMs(lines.first) - 1000);
  await expect(lit.nth(0)).toHaveAttribute('aria-current', 'true');
  await page.clock.runFor(1100);
  await expect(lit.nth(1)).toHaveAttribute('aria-current', 'true');
  // The person sets the pace.
  await panel.getByRole('button', { name: '下一句' }).click();
  await expect(lit.nth(2)).toHaveAttribute('aria-current', 'true');
  await panel.getByRole('button', { name: '上一句' }).click();
  await expect(lit.nth(1)).toHaveAttribute('aria-current', 'true');
}
