import { describe, expect, it } from 'vitest';
import { experimental_AstroContainer as AstroContainer } from 'astro/container';
import CalendarLink from '../../src/components/screening/CalendarLink.astro';

const container = await AstroContainer.create();
const WECHAT = 'Mozilla/5.0 (Linux; Android 13; wv) AppleWebKit/537.36 Chrome/111.0 Mobile Safari/537.36 MicroMessenger/8.0.42.2460 WeChat/arm64';
const CHROME = 'Mozilla/5.0 (Linux; Android 13) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0 Mobile Safari/537.36';

async function render(userAgent: string, props: { activityId: number; cancelled?: boolean }): Promise<string> {
  return container.renderToString(CalendarLink, { props, request: new Request('http://localhost/screenings/5/', { headers: { 'user-agent': userAgent } }) });
}

describe('加入手机日历 (CalendarLink)', () => {
  it('links the activity’s .ics file, with the 在浏览器打开 advice only inside WeChat', async () => {
    const inBrowser = await render(CHROME, { activityId: 5 });
    expect(inBrowser).toContain('href="/screenings/5/calendar.ics"');
    expect(inBrowser).not.toContain('在浏览器打开');
    const inWeChat = await render(WECHAT, { activityId: 5 });
    expect(inWeChat).toContain('href="/screenings/5/calendar.ics"');
    expect(inWeChat).toContain('右上角的“···”');
    expect(inWeChat).toContain('在浏览器打开');
  });

  it('offers nothing for a cancelled activity', async () => {
    expect(await render(CHROME, { activityId: 5, cancelled: true })).not.toContain('calendar.ics');
  });
});
