import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { experimental_AstroContainer as AstroContainer } from 'astro/container';
import { PlatformSwitch, SafetyReminder, Steps, Variant } from '../../src/components/help';
import { freshDb, type TestDb } from './fixture';
import { insertUser } from '../../src/lib/server/users';
import { leastHelpful, readCounts, READS_PER_ADDRESS_AND_GUIDE, recordFeedback, recordRead, recordReadFrom } from '../../src/lib/server/guide-stats';
import { THROTTLE_WINDOW } from '../../src/lib/server/rate-limit';
import { openDatabase } from '../../src/lib/server/db';

/** The help vocabulary rendered as a page renders it, and the read and feedback records. */
const container = await AstroContainer.create();

describe('help components', () => {
  it('步骤 refuses anything but steps inside it, saying what is wrong', async () => {
    await expect(container.renderToString(Steps, { slots: { default: '<p>先打开微信。</p>' } })).rejects.toThrow('<Steps> 里只能放 <Step>，第 1 步的位置上是别的内容：“先打开微信。”');
    await expect(container.renderToString(Steps, { props: { start: '2' }, slots: { default: '<li class="help-step">a</li>' } })).rejects.toThrow('<Steps> 的写法不对');
  });

  it('步骤 numbers its steps in an ordered list', async () => {
    const html = await container.renderToString(Steps, { slots: { default: '<li class="help-step"><p><strong data-step-number></strong></p>点加号。</li><li class="help-step"><p><strong data-step-number></strong></p>点视频通话。</li>' } });
    expect(html).toMatch(/<ol class="help-steps">/);
    expect(html.indexOf('第 1 步')).toBeLessThan(html.indexOf('点加号。'));
    expect(html).toContain('第 2 步');
  });

  it('a variant is headed with its kind of phone, so both read well without the switch and on paper', async () => {
    const html = await container.renderToString(Variant, { props: { platform: 'android' }, slots: { default: '<p>从屏幕顶端往下滑。</p>' } });
    expect(html).toContain('data-platform="android"');
    expect(html).toContain('安卓手机的做法');
    await expect(container.renderToString(Variant, { props: { platform: 'windows' } })).rejects.toThrow('<Variant> 的写法不对：platform');
  });

  it('the phone switch offers both kinds of phone and stays hidden until its script runs (both variants show without it)', async () => {
    const html = await container.renderToString(PlatformSwitch);
    expect(html).toMatch(/<div class="platform-switch[^"]*"[^>]*data-platform-switch[^>]*hidden/);
    expect(html).toMatch(/data-platform-choice="android" aria-pressed="false"[^>]*>\s*安卓手机/);
    expect(html).toMatch(/data-platform-choice="iphone" aria-pressed="false"[^>]*>\s*苹果手机/);
  });

  it('the safety reminder says what to guard and gives the anti-fraud line, plus the guide’s own words', async () => {
    const html = await container.renderToString(SafetyReminder, { props: { topic: 'money' }, slots: { default: '<p>收款码只给熟人扫。</p>' } });
    expect(html).toContain('安全提醒：用手机付钱，记住这几条');
    expect(html).toContain('96110');
    expect(html).toContain('收款码只给熟人扫。');
  });
});

describe('guide reads and 这篇有帮助吗', () => {
  let test: TestDb;
  let reader: number;
  let other: number;
  beforeAll(async () => {
    test = await freshDb('help-guides');
    reader = await insertUser(test.db, { phone: '13900000330', displayName: '读者甲', branchId: null, passwordHash: null, roles: [] });
    other = await insertUser(test.db, { phone: '13900000331', displayName: '读者乙', branchId: null, passwordHash: null, roles: [] });
  });
  afterAll(() => test.close());

  it('counts every read, including reads at the same moment from two connections', async () => {
    const second = await openDatabase(test.url);
    try {
      await Promise.all([...Array.from({ length: 10 }, () => recordRead(test.db, 'site-login')), ...Array.from({ length: 10 }, () => recordRead(second.db, 'site-login'))]);
    } finally {
      second.client.close();
    }
    await recordRead(test.db, 'site-course');
    const counts = await readCounts(test.db);
    expect(counts.get('site-login')).toBe(20);
    expect(counts.get('site-course')).toBe(1);
    expect(counts.has('site-contest')).toBe(false);
  });

  it('counts reads from one address at most once per guide in a window, however many are posted, even at the same moment', async () => {
    const second = await openDatabase(test.url);
    const start = 1_000_000;
    try {
      // 100 reads of one guide from one address, half of them on another connection at the same moment.
      const counted = await Promise.all(Array.from({ length: 100 }, (_, index) => recordReadFrom(index % 2 ? second.db : test.db, 'wechat-group', '203.0.113.7', start)));
      expect(counted.filter(Boolean)).toHaveLength(READS_PER_ADDRESS_AND_GUIDE);
    } finally {
      second.client.close();
    }
    expect((await readCounts(test.db)).get('wechat-group')).toBe(READS_PER_ADDRESS_AND_GUIDE);
    // 100 more from that address spread over three guides: at most one each.
    for (let index = 0; index < 100; index++) await recordReadFrom(test.db, ['wechat-group', 'wechat-photo', 'ride-hailing'][index % 3] ?? '', '203.0.113.7', start + 200 + index);
    let counts = await readCounts(test.db);
    expect([counts.get('wechat-group'), counts.get('wechat-photo'), counts.get('ride-hailing')]).toEqual([1, 1, 1]);
    // Another address counts; the first counts again once its window is over.
    expect(await recordReadFrom(test.db, 'wechat-group', '2001:db8::1', start + 300)).toBe(true);
    expect(await recordReadFrom(test.db, 'wechat-group', '203.0.113.7', start + THROTTLE_WINDOW - 1)).toBe(false);
    expect(await recordReadFrom(test.db, 'wechat-group', '203.0.113.7', start + THROTTLE_WINDOW)).toBe(true);
    counts = await readCounts(test.db);
    expect(counts.get('wechat-group')).toBe(3);
  });

  it('keeps one answer per signed-in person and guide, and every visitor’s answer', async () => {
    await recordFeedback(test.db, { guideId: 'site-contest', userId: reader, helpful: true, comment: '' }, 1000);
    await recordFeedback(test.db, { guideId: 'site-contest', userId: reader, helpful: false, comment: '找不到交卷按钮' }, 2000);
    await recordFeedback(test.db, { guideId: 'site-contest', userId: null, helpful: false, comment: '' }, 3000);
    await recordFeedback(test.db, { guideId: 'site-contest', userId: null, helpful: true, comment: '' }, 4000);
    await recordFeedback(test.db, { guideId: 'site-course', userId: other, helpful: false, comment: '字太小' }, 5000);
    await recordFeedback(test.db, { guideId: 'site-login', userId: other, helpful: true, comment: '' }, 6000);
    const verdicts = await leastHelpful(test.db);
    // site-course: 1 of 1 not helped; site-contest: 2 of 3 (the reader's later answer replaced the first); site-login helped everyone.
    expect(verdicts.map((verdict) => [verdict.guideId, verdict.notHelpful, verdict.helpful])).toEqual([
      ['site-course', 1, 0],
      ['site-contest', 2, 1],
    ]);
    expect(verdicts[1]?.comments).toEqual([{ comment: '找不到交卷按钮', createdAt: 2000 }]);
    // Signed-in readers' and visitors' answers are told apart (visitors can answer again and again).
    expect(verdicts[1]?.signedIn).toEqual({ helpful: 0, notHelpful: 1 });
    expect(verdicts[1]?.visitors).toEqual({ helpful: 1, notHelpful: 1 });
    expect(verdicts[0]?.visitors).toEqual({ helpful: 0, notHelpful: 0 });
  });
});
