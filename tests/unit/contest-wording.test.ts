import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { ANSWERS_CHOICES, HALL_REFRESH_SECONDS, SAVE_RULE, hallRefreshText, answersChoice, answersNotYet, answersRule, saveHint, shortStem, timeLeftText, type AnswerRuleSettings } from '../../src/lib/contest-rules';
import { showsAnswers } from '../../src/lib/server/contests';
import { GRACE_MS } from '../../src/lib/contest-time';

const HOUR = 3_600_000;
const T0 = Date.UTC(2026, 5, 1, 2, 0);
const window = { opensAt: T0 - HOUR, closesAt: T0 + HOUR };

describe('the answer rule, said once', () => {
  const settings: AnswerRuleSettings[] = (['after_submit', 'after_close', 'never'] as const).flatMap((answersVisible) => [1, 3].map((attemptsAllowed) => ({ answersVisible, attemptsAllowed })));

  it('says what showsAnswers does: 交卷后立即公布 only when the first hand-in already shows the answers', () => {
    for (const contest of settings) {
      const rule = answersRule(contest);
      const afterFirstHandIn = showsAnswers({ ...contest, ...window }, true, T0, contest.attemptsAllowed - 1);
      const afterLastHandIn = showsAnswers({ ...contest, ...window }, true, T0, 0);
      const afterClose = showsAnswers({ ...contest, ...window }, true, window.closesAt + GRACE_MS, contest.attemptsAllowed - 1);
      expect(rule.startsWith('答案和解析：'), rule).toBe(true);
      expect(rule.includes('交卷后立即公布'), rule).toBe(afterFirstHandIn);
      expect(rule.includes(`答完全部 ${contest.attemptsAllowed} 次后立即公布`), rule).toBe(afterLastHandIn && !afterFirstHandIn);
      expect(rule.includes('竞赛结束后公布'), rule).toBe(afterClose && !afterFirstHandIn);
      expect(rule.includes('不公布'), rule).toBe(!afterClose);
    }
  });

  it("offers the organiser each choice in the rule's own words, for one attempt and for several", () => {
    for (const answersVisible of ANSWERS_CHOICES) {
      const choice = answersChoice(answersVisible);
      for (const attemptsAllowed of [1, 3]) {
        // What contestants will read, less its lead and full stop; the number of attempts is not chosen yet.
        const told = answersRule({ answersVisible, attemptsAllowed }).replace(/^答案和解析：/, '').replace(/。$/, '').replace(` ${attemptsAllowed} 次`, '次数');
        expect(choice, `${answersVisible}, ${attemptsAllowed} 次`).toContain(told);
      }
    }
    // 交卷后立即公布 is promised only where one attempt is allowed.
    expect(answersChoice('after_submit')).toMatch(/^只能答一次的，交卷后立即公布；能答多次的，答完全部次数后立即公布/);
    expect(new Set(ANSWERS_CHOICES.map(answersChoice)).size).toBe(ANSWERS_CHOICES.length);
  });

  it('says why the answers are not shown yet and when they will be, and nothing more when they never will', () => {
    expect(answersNotYet({ answersVisible: 'after_submit', attemptsAllowed: 3, closesAt: window.closesAt }, 2)).toMatch(/^您还可以再答 2 次/);
    expect(answersNotYet({ answersVisible: 'after_close', attemptsAllowed: 1, closesAt: window.closesAt }, 0)).toMatch(/结束，到时请回到这一页查看/);
    expect(answersNotYet({ answersVisible: 'never', attemptsAllowed: 1, closesAt: window.closesAt }, 0)).toBeNull();
  });
});

describe('an attempt under way', () => {
  it('shows 还剩 N 分钟, rounded up so it never reads 0 while time is left', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 120 * 60_000 }), (left) => {
        expect(timeLeftText(T0 + left, T0)).toBe(`还剩 ${Math.ceil(left / 60_000)} 分钟`);
      }),
    );
    expect(timeLeftText(T0, T0)).toBe('时间已到');
    expect(timeLeftText(T0 - 5000, T0)).toBe('时间已到');
    // No time limit: the attempt runs to the contest's close, days away.
    expect(timeLeftText(T0 + 10 * 24 * HOUR, T0)).toMatch(/前交卷即可$/);
  });

  it('asks for a 填空 to be filled, not chosen', () => {
    expect(saveHint('fill')).toBe('填好后会自动保存。');
    for (const type of ['single', 'multiple', 'truefalse'] as const) expect(saveHint(type)).toBe('选好后会自动保存。');
    // The contest page's rule covers 填空 too, in saveHint's words.
    expect(SAVE_RULE).toContain('选好或填好后都会自动保存');
  });

  it('shortens a stem for the overview without cutting a character in half', () => {
    expect(shortStem('党龄从何时算起？')).toBe('党龄从何时算起？');
    const long = '中国共产党以马克思列宁主义、毛泽东思想、邓小平理论、“三个代表”重要思想作为自己的行动指南。';
    expect(shortStem(long, 10)).toBe('中国共产党以马克思列……');
    expect(Array.from(shortStem('𠀀'.repeat(40), 5))).toHaveLength(7);
    expect(shortStem('  一 \n 二  ')).toBe('一 二');
  });
});

describe("the hall board's refresh", () => {
  it('is said from the interval it runs at', () => {
    expect(HALL_REFRESH_SECONDS).toBe(30);
    expect(hallRefreshText()).toBe('每半分钟自动更新');
    expect(hallRefreshText(60)).toBe('每 1 分钟自动更新');
    expect(hallRefreshText(20)).toBe('每 20 秒自动更新');
  });
});
