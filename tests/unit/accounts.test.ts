import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { isValidPhone, maskPhone, normalizePhone } from '../../src/lib/phone';
import { passwordProblem } from '../../src/lib/server/password';
import { autoCompleteRule, autoCompletes, creditSeconds, formatStudyTime, MAX_CREDIT_SECONDS, percentComplete } from '../../src/lib/progress-rules';
import { beijingDay } from '../../src/lib/beijing-time';
import { lessonToContinue, nothingToContinue, summarizeCourses, weekOfStudy } from '../../src/lib/progress-summary';
import { describeDevice } from '../../src/lib/device';
import { loginSchema } from '../../src/schemas/auth';

describe('phone numbers', () => {
  it('accepts mainland mobiles in the forms people type them', () => {
    for (const typed of ['13812345678', '138 1234 5678', '138-1234-5678', '+86 13812345678', '１３８１２３４５６７８']) {
      expect(isValidPhone(normalizePhone(typed))).toBe(true);
    }
  });
  // The oracle builds numbers digit by digit from the rule (1, then 3–9, then nine digits), never
  // from the implementation's own pattern.
  const digit = fc.integer({ min: 0, max: 9 }).map(String);
  const digits = (count: number): fc.Arbitrary<string> => fc.array(digit, { minLength: count, maxLength: count }).map((list) => list.join(''));
  const validPhone = fc.tuple(fc.integer({ min: 3, max: 9 }), digits(9)).map(([second, rest]) => `1${second}${rest}`);

  it('accepts every 11-digit number starting 13–19, however it is typed', () => {
    const fullWidth = (text: string): string => text.replace(/\d/g, (d) => String.fromCharCode(0xff10 + Number(d)));
    fc.assert(
      fc.property(validPhone, fc.constantFrom('', '+86', '86', '+86 '), fc.boolean(), fc.boolean(), (phone, prefix, spaced, wide) => {
        expect(isValidPhone(phone)).toBe(true);
        const grouped = spaced ? `${phone.slice(0, 3)} ${phone.slice(3, 7)}-${phone.slice(7)}` : phone;
        expect(normalizePhone(prefix + (wide ? fullWidth(grouped) : grouped))).toBe(phone);
      }),
    );
  });

  it('rejects numbers of another length, another start, or with anything but digits', () => {
    const wrongLength = fc.tuple(validPhone, fc.integer({ min: 0, max: 15 }).filter((n) => n !== 11)).map(([phone, length]) => (phone + phone).slice(0, length));
    const wrongSecond = fc.tuple(fc.integer({ min: 0, max: 2 }), digits(9)).map(([second, rest]) => `1${second}${rest}`);
    const wrongFirst = fc.tuple(fc.integer({ min: 0, max: 9 }).filter((n) => n !== 1), validPhone).map(([first, phone]) => `${first}${phone.slice(1)}`);
    const notDigit = fc.tuple(validPhone, fc.integer({ min: 0, max: 10 }), fc.constantFrom('a', 'O', 'l', '-', ' ', '.', '一', '１')).map(
      ([phone, at, other]) => phone.slice(0, at) + other + phone.slice(at + 1),
    );
    fc.assert(
      fc.property(fc.oneof(wrongLength, wrongSecond, wrongFirst, notDigit), (bad) => {
        expect(isValidPhone(bad), bad).toBe(false);
      }),
    );
    for (const bad of ['', '12812345678', '10812345678', '1381234567', '138123456789', '23812345678', 'abcdefghijk', '1381234567８', '+8613812345678', '138 1234 5678'])
      expect(isValidPhone(bad), bad).toBe(false);
    for (const good of ['13000000000', '19999999999', '15012345678', '17700001111']) expect(isValidPhone(good), good).toBe(true);
  });
  it('masks the middle four digits', () => {
    expect(maskPhone('13812345678')).toBe('138****5678');
  });
  it('gives Chinese messages for a bad sign-in form and defaults the return page', () => {
    const result = loginSchema.safeParse({ phone: '123', password: '', next: null });
    expect(result.success).toBe(false);
    const messages = result.error?.issues.map((issue) => issue.message).join('');
    expect(messages).toMatch(/手机号应是11位数字/);
    expect(messages).toMatch(/请填写密码/);
    expect(loginSchema.parse({ phone: '13812345678', password: 'x', next: '//evil.example' }).next).toBeNull();
  });
});

describe('password rules', () => {
  it('asks only for length, and refuses common passwords and the phone number', () => {
    expect(passwordProblem('short')).toMatch(/至少要8个字符/);
    expect(passwordProblem('12345678')).toMatch(/太常见/);
    expect(passwordProblem('password')).toMatch(/太常见/);
    expect(passwordProblem('woaini1314')).toMatch(/太常见/);
    expect(passwordProblem('88888888')).toMatch(/太常见/);
    expect(passwordProblem('x13812345678', '13812345678')).toMatch(/手机号/);
    expect(passwordProblem('我家门前有棵枣树')).toBeUndefined();
    expect(passwordProblem('all lowercase words')).toBeUndefined();
  });
});

describe('progress rules', () => {
  it('credits the time since the last credit, capped, never negative', () => {
    expect(creditSeconds(undefined, 1000)).toBe(0);
    expect(creditSeconds(0, 15_000)).toBe(15);
    expect(creditSeconds(0, 3_600_000)).toBe(MAX_CREDIT_SECONDS);
    expect(creditSeconds(20_000, 10_000)).toBe(0);
  });
  it('completes automatically only at the end after a sensible time', () => {
    expect(autoCompletes({ reachedEnd: true, seconds: 240, estimatedMinutes: 12 })).toBe(true);
    expect(autoCompletes({ reachedEnd: true, seconds: 200, estimatedMinutes: 12 })).toBe(false);
    expect(autoCompletes({ reachedEnd: false, seconds: 9999, estimatedMinutes: 12 })).toBe(false);
    expect(autoCompletes({ reachedEnd: true, seconds: 59, estimatedMinutes: 1 })).toBe(false);
  });
  it('states the automatic completion in words with the same numbers the rule uses', () => {
    for (const estimatedMinutes of [1, 5, 7, 12, 30]) {
      const minutes = Number(/读满 (\d+) 分钟/.exec(autoCompleteRule(estimatedMinutes))?.[1]);
      expect(autoCompletes({ reachedEnd: true, seconds: minutes * 60, estimatedMinutes })).toBe(true);
      expect(autoCompletes({ reachedEnd: true, seconds: minutes * 60 - 60, estimatedMinutes })).toBe(false);
    }
  });
  it('reports percentages, days and durations for people', () => {
    expect(percentComplete(2, 6)).toBe(33);
    expect(percentComplete(0, 0)).toBe(0);
    expect(beijingDay(Date.UTC(2026, 10, 25, 16, 30))).toBe('2026-11-26');
    expect(formatStudyTime(1500)).toBe('25 分钟');
    expect(formatStudyTime(5400)).toBe('1.5 小时');
    expect(formatStudyTime(7200)).toBe('2 小时');
  });
  it('summarises courses, most recent first, with the exact lesson to resume', () => {
    const catalog = [
      { id: 'a', title: '甲', lessons: [{ id: 'a/1', title: '一' }, { id: 'a/2', title: '二' }] },
      { id: 'b', title: '乙', lessons: [{ id: 'b/1', title: '一' }] },
      { id: 'c', title: '丙', lessons: [{ id: 'c/1', title: '一' }] },
    ];
    const row = (lessonId: string, courseId: string, lastSeenAt: number, completedAt: number | null) => ({
      lessonId, courseId, openedAt: 1, lastSeenAt, completedAt, seconds: 60,
    });
    const summary = summarizeCourses(catalog, [row('a/1', 'a', 10, 5), row('a/2', 'a', 20, null), row('b/1', 'b', 30, 30)]);
    expect(summary.map((s) => s.id)).toEqual(['b', 'a']);
    expect(summary[1]).toMatchObject({ completed: 1, total: 2, percent: 50, lastLesson: { id: 'a/2' } });
    expect(weekOfStudy([{ day: '2026-11-26', seconds: 60 }], Date.UTC(2026, 10, 26, 4))).toHaveLength(7);
    expect(weekOfStudy([{ day: '2026-11-26', seconds: 60 }], Date.UTC(2026, 10, 26, 4)).at(-1)).toEqual({ day: '2026-11-26', seconds: 60 });
  });
  it('继续学习 opens the next unfinished lesson, never the one just finished', () => {
    const catalog = [
      { id: 'a', title: '甲', lessons: ['a/1', 'a/2', 'a/3'].map((id) => ({ id, title: id })) },
      { id: 'b', title: '乙', lessons: ['b/1', 'b/2'].map((id) => ({ id, title: id })) },
    ];
    const row = (lessonId: string, lastSeenAt: number, completedAt: number | null) => ({
      lessonId, courseId: lessonId.slice(0, 1), openedAt: 1, lastSeenAt, completedAt, seconds: 60,
    });
    const next = (...rows: ReturnType<typeof row>[]) => lessonToContinue(summarizeCourses(catalog, rows))?.id;
    // Just finished a/1: go on with a/2.
    expect(next(row('a/1', 10, 10))).toBe('a/2');
    // Left a/2 half read: back to a/2.
    expect(next(row('a/1', 5, 5), row('a/2', 10, null))).toBe('a/2');
    // Finished the last lesson while an earlier one is unfinished: that one.
    expect(next(row('a/1', 5, null), row('a/2', 6, 6), row('a/3', 10, 10))).toBe('a/1');
    // Finished the whole course studied last: the next course begun and not finished.
    expect(next(row('b/1', 1, null), row('a/1', 5, 5), row('a/2', 6, 6), row('a/3', 10, 10))).toBe('b/1');
    // Everything begun is finished: nothing to continue.
    expect(next(row('b/1', 1, 1), row('b/2', 2, 2))).toBeUndefined();
  });
  it('with nothing to continue, says whether nothing was begun or everything begun is finished', () => {
    const catalog = [{ id: 'b', title: '乙', lessons: ['b/1', 'b/2'].map((id) => ({ id, title: id })) }];
    const finished = summarizeCourses(catalog, ['b/1', 'b/2'].map((lessonId, i) => ({ lessonId, courseId: 'b', openedAt: 1, lastSeenAt: i, completedAt: i, seconds: 60 })));
    expect(lessonToContinue(finished)).toBeUndefined();
    expect(nothingToContinue(finished.length)).toMatch(/^您学过的课程都学完了。/);
    expect(nothingToContinue(summarizeCourses(catalog, []).length)).toMatch(/^您还没有开始学习。/);
  });
  it('describes devices in plain Chinese', () => {
    expect(describeDevice('Mozilla/5.0 (Linux; Android 13) MicroMessenger/8.0')).toBe('安卓手机（微信里打开）');
    expect(describeDevice(null)).toBe('其他设备（浏览器）');
  });
});
