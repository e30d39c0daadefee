import { describe, expect, it } from 'vitest';
import {
  HELP_TOPICS,
  answerProblem,
  beijingMonth,
  formatMinutes,
  hoursByMonth,
  monthLabel,
  parseHours,
  problemProblem,
  problemText,
  PROBLEM_MAX_CHARS,
  waitingText,
} from '../../src/lib/help-requests';
import { askHelpSchema, closeHelpSchema } from '../../src/schemas/help-request';

describe('hours as a volunteer types them', () => {
  it('reads whole and half hours, full-width digits and a trailing 小时', () => {
    expect(parseHours('1')).toEqual({ ok: true, minutes: 60 });
    expect(parseHours('1.5')).toEqual({ ok: true, minutes: 90 });
    expect(parseHours('０.５')).toEqual({ ok: true, minutes: 30 });
    expect(parseHours('2小时')).toEqual({ ok: true, minutes: 120 });
    expect(parseHours('0')).toEqual({ ok: true, minutes: 0 });
    expect(parseHours('8')).toEqual({ ok: true, minutes: 480 });
  });

  it('refuses anything outside 0–8 or not a number, saying what to type', () => {
    for (const typed of ['8.1', '9', '-1', '', '一个半', '1,5', '100']) {
      const parsed = parseHours(typed);
      expect(parsed.ok).toBe(false);
      expect(!parsed.ok && parsed.message).toContain('0到8小时');
    }
  });

  it('shows minutes under an hour as minutes, the rest as hours', () => {
    expect(formatMinutes(20)).toBe('20分钟');
    expect(formatMinutes(90)).toBe('1.5小时');
    expect(formatMinutes(480)).toBe('8小时');
  });
});

describe('what a request says', () => {
  it('joins the picked problem and the person’s own words', () => {
    const topic = HELP_TOPICS[0];
    expect(problemText(topic.id, '')).toBe(topic.label);
    expect(problemText(topic.id, ' 设置里找不到 ')).toBe(`${topic.label}。设置里找不到`);
    expect(problemText(null, '不会发语音')).toBe('不会发语音');
  });

  it('needs a picked problem or words, and at most the limit', () => {
    expect(problemProblem(null, '  ')?.field).toBe('problem');
    expect(problemProblem('font', '')).toBeNull();
    expect(problemProblem('nope', '有问题')?.field).toBe('topic');
    expect(problemProblem(null, '字'.repeat(PROBLEM_MAX_CHARS))).toBeNull();
    expect(problemProblem(null, '字'.repeat(PROBLEM_MAX_CHARS + 1))?.message).toContain(`现在是${PROBLEM_MAX_CHARS + 1}个字`);
    expect(answerProblem('')).toContain('请写下');
  });
});

describe('time words', () => {
  const now = Date.UTC(2026, 10, 30, 4, 0);
  it('says how long a request has waited', () => {
    expect(waitingText(now - 30_000, now)).toBe('刚刚');
    expect(waitingText(now - 25 * 60_000, now)).toBe('25分钟');
    expect(waitingText(now - 3 * 3_600_000, now)).toBe('3小时');
    expect(waitingText(now - 50 * 3_600_000, now)).toBe('2天');
  });

  it('counts hours in the Beijing month (midnight on the 1st Beijing time is still UTC’s last day)', () => {
    const firstOfDecemberBeijing = Date.UTC(2026, 10, 30, 16, 30);
    expect(beijingMonth(firstOfDecemberBeijing)).toBe('2026-12');
    expect(monthLabel('2026-12')).toBe('2026年12月');
    expect(
      hoursByMonth([
        { minutes: 60, servedAt: firstOfDecemberBeijing },
        { minutes: 30, servedAt: now },
        { minutes: 45, servedAt: now - 86_400_000 },
      ]),
    ).toEqual([
      { month: '2026-12', minutes: 60 },
      { month: '2026-11', minutes: 75 },
    ]);
  });
});

describe('the forms’ shapes', () => {
  it('asks for a way to be helped in words', () => {
    const parsed = askHelpSchema.safeParse({ problem: '不会视频', way: 'fax' });
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues[0]?.message).toContain('电话回访');
  });

  it('reads a missing requester as none and a forged one as someone else', () => {
    expect(askHelpSchema.parse({ problem: '不会视频', way: 'phone' }).requesterId).toBeUndefined();
    // Astro hands a form's missing field over as null.
    expect(askHelpSchema.parse({ problem: '不会视频', way: 'phone', requesterId: null }).requesterId).toBeUndefined();
    expect(askHelpSchema.parse({ problem: '不会视频', way: 'phone', requesterId: '7' }).requesterId).toBe(7);
    expect(askHelpSchema.parse({ problem: '不会视频', way: 'phone', requesterId: 'abc' }).requesterId).toBe(-1);
  });

  it('refuses a close without a request', () => {
    expect(closeHelpSchema.safeParse({ answer: '好了', hours: '1' }).success).toBe(false);
  });
});
