import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  acceptsAnswer,
  announcement,
  attemptDeadline,
  awardFor,
  branchStandings,
  canStart,
  drawQuestions,
  GRACE_MS,
  formatDuration,
  maxScore,
  paperSize,
  rankResults,
  remainingSeconds,
  scoreAttempt,
  toOriginalResponse,
  toShownResponse,
  validateDrawRules,
  type Candidate,
  type ContestWindow,
  type DrawnQuestion,
  type DrawRule,
  type PointsRule,
} from '../../src/lib/contest-rules';
import { parseBeijingDateTime, toBeijingDateTimeInput } from '../../src/lib/beijing-time';
import { contestFormSchema, contestFormValues } from '../../src/schemas/contest';
import { QUESTION_TYPES, type QuestionContent, type QuestionResponse, type QuestionType } from '../../src/lib/question-rules';

/** A tiny seeded generator (mulberry32), so every draw in these tests is repeatable. */
function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const OPTION_COUNT: Record<QuestionType, number> = { single: 4, multiple: 5, truefalse: 0, fill: 0 };

/** `n` questions of a type and category, with ids from `firstId` and version ids 1000 higher. */
function bank(type: QuestionType, category: string, n: number, firstId: number): Candidate[] {
  return Array.from({ length: n }, (_, index) => ({
    questionId: firstId + index,
    versionId: firstId + index + 1000,
    type,
    category,
    optionCount: OPTION_COUNT[type],
  }));
}

const CANDIDATES: Candidate[] = [
  ...bank('single', '党史', 10, 1),
  ...bank('single', '常识', 10, 11),
  ...bank('multiple', '党史', 3, 21),
  ...bank('multiple', '健康', 6, 24),
  ...bank('truefalse', '常识', 8, 30),
  ...bank('fill', '诗词', 5, 40),
];
const byId = new Map(CANDIDATES.map((candidate) => [candidate.questionId, candidate]));

function drawn(result: DrawnQuestion[] | string): DrawnQuestion[] {
  if (typeof result === 'string') throw new Error(`draw failed: ${result}`);
  return result;
}
const ids = (questions: DrawnQuestion[]): number[] => questions.map((question) => question.questionId);
const candidateOf = (question: DrawnQuestion): Candidate => byId.get(question.questionId) as Candidate;
const isPermutation = (order: number[], n: number): boolean =>
  order.length === n && [...order].sort((a, b) => a - b).every((value, index) => value === index);

describe('contest: drawing questions', () => {
  const rules: DrawRule[] = [
    { type: 'single', count: 5 },
    { type: 'multiple', category: '党史', count: 2 },
    { type: 'truefalse', count: 3 },
    { type: 'fill', category: '诗词', count: 1 },
  ];

  it('picks the right number of each type and category, in rule order, without duplicates', () => {
    const paper = drawn(drawQuestions(CANDIDATES, rules, new Set(), mulberry32(1), true));
    expect(paper.map((question) => candidateOf(question).type)).toEqual([
      ...Array<string>(5).fill('single'),
      'multiple',
      'multiple',
      'truefalse',
      'truefalse',
      'truefalse',
      'fill',
    ]);
    expect(paper.slice(5, 7).every((question) => candidateOf(question).category === '党史')).toBe(true);
    expect(new Set(ids(paper)).size).toBe(paper.length);
    for (const question of paper) expect(question.versionId).toBe(question.questionId + 1000);
  });

  it('is repeatable with the same seed and varies with another', () => {
    const first = drawQuestions(CANDIDATES, rules, new Set(), mulberry32(7), true);
    expect(drawQuestions(CANDIDATES, rules, new Set(), mulberry32(7), true)).toEqual(first);
    const others = [8, 9, 10, 11].map((seed) => drawQuestions(CANDIDATES, rules, new Set(), mulberry32(seed), true));
    expect(others.some((other) => JSON.stringify(other) !== JSON.stringify(first))).toBe(true);
  });

  it('shuffles options only when asked, and gives 判断/填空 no option order', () => {
    const paper = drawn(drawQuestions(CANDIDATES, rules, new Set(), mulberry32(3), true));
    for (const question of paper) expect(isPermutation(question.optionOrder, candidateOf(question).optionCount)).toBe(true);
    expect(paper.filter((question) => candidateOf(question).optionCount === 0).every((question) => question.optionOrder.length === 0)).toBe(true);
    const plain = drawn(drawQuestions(CANDIDATES, rules, new Set(), mulberry32(3), false));
    for (const question of plain) {
      expect(question.optionOrder).toEqual(Array.from({ length: candidateOf(question).optionCount }, (_, index) => index));
    }
  });

  it('never gives a question to two rules, even when a general rule and a category rule overlap', () => {
    // 10 单选·党史 in the bank: the category rule needs 8, so the general rule must leave them alone.
    const overlapping: DrawRule[] = [
      { type: 'single', count: 12 },
      { type: 'single', category: '党史', count: 8 },
    ];
    for (let seed = 1; seed <= 20; seed++) {
      const paper = drawn(drawQuestions(CANDIDATES, overlapping, new Set(), mulberry32(seed), false));
      expect(paper).toHaveLength(20);
      expect(new Set(ids(paper)).size).toBe(20);
      expect(paper.slice(12).every((question) => candidateOf(question).category === '党史')).toBe(true);
    }
  });

  it('prefers questions the person has not seen in earlier attempts', () => {
    const seen = new Set([1, 2, 3, 4, 5, 6, 7, 8, 11, 12, 13, 14, 15, 16, 17, 18]);
    for (let seed = 1; seed <= 20; seed++) {
      const paper = drawn(drawQuestions(CANDIDATES, [{ type: 'single', count: 4 }], seen, mulberry32(seed), false));
      expect(ids(paper).sort((a, b) => a - b)).toEqual([9, 10, 19, 20]);
    }
  });

  it('reuses seen questions only as a last resort, after every unseen one', () => {
    const seen = new Set([21, 22]);
    const paper = drawn(drawQuestions(CANDIDATES, [{ type: 'multiple', category: '党史', count: 2 }], seen, mulberry32(5), false));
    expect(ids(paper)).toContain(23);
    expect(ids(paper).filter((id) => seen.has(id))).toHaveLength(1);
  });

  it('draws each question once even when the bank lists two versions of it', () => {
    const twice = [...bank('fill', '诗词', 2, 40), { questionId: 40, versionId: 2040, type: 'fill' as const, category: '诗词', optionCount: 0 }];
    expect(drawQuestions(twice, [{ type: 'fill', count: 3 }], new Set(), mulberry32(1), true)).toBe('题库里的“填空”题只有2道，不够抽3道。');
  });

  it('says which rule cannot be satisfied', () => {
    expect(drawQuestions(CANDIDATES, [{ type: 'multiple', category: '党史', count: 5 }], new Set(), mulberry32(1), true)).toBe(
      '题库里的“多选·党史”题只有3道，不够抽5道。',
    );
    expect(drawQuestions(CANDIDATES, [{ type: 'single', category: '诗词', count: 1 }], new Set(), mulberry32(1), true)).toBe(
      '题库里的“单选·诗词”题只有0道，不够抽1道。',
    );
    expect(
      drawQuestions(
        CANDIDATES,
        [
          { type: 'single', count: 15 },
          { type: 'single', category: '常识', count: 8 },
        ],
        new Set(),
        mulberry32(1),
        true,
      ),
    ).toBe('题库里的“单选”题有20道，其他规则已经抽走8道，剩下的不够抽15道。');
  });

  it('treats a blank category as any category', () => {
    const paper = drawn(drawQuestions(CANDIDATES, [{ type: 'multiple', category: '  ', count: 9 }], new Set(), mulberry32(2), true));
    expect(paper).toHaveLength(9);
  });

  it('property: any successful draw has distinct questions, the right counts and permutations of the options', () => {
    // Mostly kinds the bank holds (so most draws succeed and are checked), plus one it lacks.
    const kinds: Array<[QuestionType, string | undefined]> = [
      ...QUESTION_TYPES.map((type): [QuestionType, undefined] => [type, undefined]),
      ...[...new Set(CANDIDATES.map((candidate) => `${candidate.type}|${candidate.category}`))].map((key): [QuestionType, string] => {
        const [type, category] = key.split('|') as [QuestionType, string];
        return [type, category];
      }),
      ['single', '诗词'],
    ];
    const rule = fc
      .tuple(fc.constantFrom(...kinds), fc.integer({ min: 1, max: 6 }))
      .map(([[type, category], count]): DrawRule => ({ type, category, count }));
    fc.assert(
      fc.property(
        fc.array(rule, { minLength: 1, maxLength: 4 }),
        fc.uniqueArray(fc.integer({ min: 1, max: 45 }), { maxLength: 30 }),
        fc.integer(),
        fc.boolean(),
        (drawRules, seenIds, seed, shuffleOptions) => {
          const result = drawQuestions(CANDIDATES, drawRules, new Set(seenIds), mulberry32(seed), shuffleOptions);
          if (typeof result === 'string') {
            expect(result).toMatch(/^题库里的“.+”题/);
            return;
          }
          expect(result).toHaveLength(drawRules.reduce((sum, item) => sum + item.count, 0));
          expect(new Set(ids(result)).size).toBe(result.length);
          for (const question of result) expect(isPermutation(question.optionOrder, candidateOf(question).optionCount)).toBe(true);
        },
      ),
    );
  });
});

describe('contest: checking the organiser’s draw rules', () => {
  it('accepts rules a paper can be drawn from', () => {
    expect(
      validateDrawRules(
        [
          { type: 'single', count: 20 },
          { type: 'multiple', category: '健康', count: 6 },
        ],
        CANDIDATES,
      ),
    ).toEqual([]);
  });

  it('lists every problem in Chinese', () => {
    expect(validateDrawRules([], CANDIDATES)).toEqual(['请至少添加一条抽题规则。']);
    expect(
      validateDrawRules(
        [
          { type: 'single', count: 0 },
          { type: 'essay' as QuestionType, count: 2 },
          { type: 'multiple', category: '党史', count: 101 },
          { type: 'truefalse', count: 2.5 },
          { type: 'fill', category: '诗词', count: 6 },
        ],
        CANDIDATES,
      ),
    ).toEqual([
      '“单选”要抽的题数必须是1到100之间的整数。',
      '第2条规则的题型不正确，请选择单选、多选、判断或填空。',
      '“多选·党史”要抽的题数必须是1到100之间的整数。',
      '“判断”要抽的题数必须是1到100之间的整数。',
      '题库里的“填空·诗词”题只有5道，不够抽6道。',
    ]);
  });

  it('caps the paper at 200 questions', () => {
    const big = bank('single', '常识', 300, 1000);
    const problems = validateDrawRules(
      [
        { type: 'single', count: 100 },
        { type: 'single', count: 100 },
        { type: 'single', count: 1 },
      ],
      big,
    );
    expect(problems).toEqual(['一套题最多200道，现在一共要抽201道。']);
    expect(drawQuestions(big, [{ type: 'single', count: 100 }, { type: 'single', count: 100 }, { type: 'single', count: 1 }], new Set(), mulberry32(1), true)).toBe(
      '一套题最多200道，现在一共要抽201道。',
    );
  });

  it('agrees with the draw, whatever the random numbers', () => {
    const rules: DrawRule[] = [
      { type: 'single', count: 12 },
      { type: 'single', category: '党史', count: 8 },
      { type: 'single', category: '常识', count: 1 },
    ];
    expect(validateDrawRules(rules, CANDIDATES)).toEqual(['题库里的“单选”题有20道，其他规则已经抽走9道，剩下的不够抽12道。']);
    for (let seed = 1; seed <= 10; seed++) expect(typeof drawQuestions(CANDIDATES, rules, new Set(), mulberry32(seed), true)).toBe('string');
  });
});

describe('contest: shown and original option positions', () => {
  const order = [2, 0, 3, 1];

  it('maps shown positions back to the question’s own indexes, and back again', () => {
    expect(toOriginalResponse({ type: 'single', option: 0 }, order)).toEqual({ type: 'single', option: 2 });
    expect(toOriginalResponse({ type: 'multiple', options: [0, 3] }, order)).toEqual({ type: 'multiple', options: [1, 2] });
    expect(toShownResponse({ type: 'single', option: 2 }, order)).toEqual({ type: 'single', option: 0 });
    expect(toShownResponse({ type: 'multiple', options: [1, 2] }, order)).toEqual({ type: 'multiple', options: [0, 3] });
  });

  it('leaves 判断/填空 and unshuffled questions alone', () => {
    expect(toOriginalResponse({ type: 'truefalse', value: true }, [])).toEqual({ type: 'truefalse', value: true });
    expect(toOriginalResponse({ type: 'fill', text: '论语' }, [])).toEqual({ type: 'fill', text: '论语' });
    expect(toOriginalResponse({ type: 'multiple', options: [1, 3] }, [])).toEqual({ type: 'multiple', options: [1, 3] });
    expect(toShownResponse({ type: 'single', option: 3 }, [])).toEqual({ type: 'single', option: 3 });
  });

  it('rejects positions that are not on screen (tampered)', () => {
    expect(toOriginalResponse({ type: 'single', option: 4 }, order)).toBeNull();
    expect(toOriginalResponse({ type: 'single', option: -1 }, order)).toBeNull();
    expect(toOriginalResponse({ type: 'single', option: 1.5 }, order)).toBeNull();
    expect(toOriginalResponse({ type: 'multiple', options: [0, 9] }, order)).toBeNull();
    expect(toOriginalResponse({ type: 'multiple', options: 'all' } as unknown as QuestionResponse, order)).toBeNull();
    expect(toOriginalResponse({ type: 'single', option: '1' } as unknown as QuestionResponse, order)).toBeNull();
    expect(toOriginalResponse({ type: 'single', option: -1 }, [])).toBeNull();
    expect(toShownResponse({ type: 'single', option: 4 }, order)).toBeNull();
  });

  it('property: toOriginalResponse ∘ toShownResponse is the identity; out-of-range positions are rejected', () => {
    const permutation = fc.integer({ min: 2, max: 8 }).chain((n) => fc.shuffledSubarray([...Array(n).keys()], { minLength: n, maxLength: n }));
    fc.assert(
      fc.property(permutation, fc.integer({ min: 0, max: 7 }), fc.uniqueArray(fc.integer({ min: 0, max: 7 }), { maxLength: 8 }), (optionOrder, pick, picks) => {
        const n = optionOrder.length;
        const single: QuestionResponse = { type: 'single', option: pick % n };
        const multiple: QuestionResponse = { type: 'multiple', options: [...new Set(picks.map((index) => index % n))].sort((a, b) => a - b) };
        for (const response of [single, multiple]) {
          const shown = toShownResponse(response, optionOrder);
          expect(shown).not.toBeNull();
          expect(toOriginalResponse(shown as QuestionResponse, optionOrder)).toEqual(response);
        }
        expect(toOriginalResponse({ type: 'single', option: n + pick }, optionOrder)).toBeNull();
        expect(toOriginalResponse({ type: 'multiple', options: [0, n + pick] }, optionOrder)).toBeNull();
      }),
    );
  });
});

describe('contest: scoring an attempt', () => {
  const FOUR = ['北京', '上海', '广州', '深圳'];
  const single: Pick<QuestionContent, 'type' | 'answer' | 'options'> = { type: 'single', options: FOUR, answer: { type: 'single', option: 1 } };
  const multiple: Pick<QuestionContent, 'type' | 'answer' | 'options'> = { type: 'multiple', options: FOUR, answer: { type: 'multiple', options: [0, 2, 3] } };
  const trueFalse: Pick<QuestionContent, 'type' | 'answer' | 'options'> = { type: 'truefalse', options: [], answer: { type: 'truefalse', value: true } };
  const fill: Pick<QuestionContent, 'type' | 'answer' | 'options'> = { type: 'fill', options: [], answer: { type: 'fill', accepted: ['论语'] } };
  const points = (partial: PointsRule['partial']): PointsRule => ({ single: 2, multiple: 3, truefalse: 1, fill: 2.5, partial });

  it('adds points by type, counting only fully right answers as correct', () => {
    const items = [
      { content: single, response: { type: 'single', option: 1 } as QuestionResponse },
      { content: multiple, response: { type: 'multiple', options: [0, 2] } as QuestionResponse },
      { content: trueFalse, response: { type: 'truefalse', value: false } as QuestionResponse },
      { content: fill, response: { type: 'fill', text: '《论语》' } as QuestionResponse },
      { content: single, response: null },
    ];
    expect(scoreAttempt(items, points('half'))).toEqual({ score: 6, correct: 2, perItem: [2, 1.5, 0, 2.5, 0] });
    expect(scoreAttempt(items, points('none'))).toEqual({ score: 4.5, correct: 2, perItem: [2, 0, 0, 2.5, 0] });
    expect(scoreAttempt(items, points('proportional'))).toEqual({ score: 6.5, correct: 2, perItem: [2, 2, 0, 2.5, 0] });
  });

  it('rounds the total to 2 decimals', () => {
    const tenth: PointsRule = { single: 0.1, multiple: 0.2, truefalse: 0.1, fill: 0.1, partial: 'none' };
    const items = [
      { content: single, response: { type: 'single', option: 1 } as QuestionResponse },
      { content: multiple, response: { type: 'multiple', options: [0, 2, 3] } as QuestionResponse },
    ];
    expect(scoreAttempt(items, tenth).score).toBe(0.3);
    const third: PointsRule = { ...tenth, multiple: 10, partial: 'proportional' };
    expect(scoreAttempt([{ content: multiple, response: { type: 'multiple', options: [3] } }], third).score).toBe(3.33);
  });

  it('scores an empty paper 0 and gives full marks by type', () => {
    expect(scoreAttempt([], points('half'))).toEqual({ score: 0, correct: 0, perItem: [] });
    expect(maxScore(['single', 'single', 'multiple', 'truefalse', 'fill'], points('half'))).toBe(10.5);
    expect(maxScore([], points('half'))).toBe(0);
    expect(maxScore(['single', 'fill', 'fill'], { single: 0.1, multiple: 0, truefalse: 0, fill: 0.1, partial: 'none' })).toBe(0.3);
  });
});

describe('contest: time', () => {
  const opensAt = Date.UTC(2026, 10, 26, 6, 0); // 11月26日 14:00 in Beijing
  const closesAt = Date.UTC(2026, 10, 30, 10, 0); // 11月30日 18:00 in Beijing
  const limited: ContestWindow = { opensAt, closesAt, timeLimitMinutes: 30 };
  const open: ContestWindow = { opensAt, closesAt, timeLimitMinutes: null };
  const MINUTE = 60_000;

  it('ends an attempt at the time limit, plus any extra time, never after the close', () => {
    const start = opensAt + 60 * MINUTE;
    expect(attemptDeadline(limited, start, 0)).toBe(start + 30 * MINUTE);
    expect(attemptDeadline(limited, start, 15)).toBe(start + 45 * MINUTE);
    expect(attemptDeadline(limited, start, -10)).toBe(start + 30 * MINUTE);
    expect(attemptDeadline(limited, start, 'unlimited')).toBe(closesAt);
    expect(attemptDeadline(open, start, 0)).toBe(closesAt);
    expect(attemptDeadline(open, start, 15)).toBe(closesAt);
    expect(attemptDeadline(limited, closesAt - 10 * MINUTE, 0)).toBe(closesAt);
    expect(attemptDeadline(limited, closesAt - 40 * MINUTE, 15)).toBe(closesAt);
  });

  it('says why an attempt cannot start', () => {
    expect(canStart(limited, opensAt - 1, 0, 1)).toBe('竞赛还没有开始（11月26日 14:00开始）。');
    expect(canStart(limited, closesAt, 0, 1)).toBe('竞赛已经结束了（11月30日 18:00结束）。');
    expect(canStart(limited, closesAt + 1, 0, 1)).toBe('竞赛已经结束了（11月30日 18:00结束）。');
    expect(canStart(limited, opensAt, 2, 2)).toBe('您已经答过 2 次，本竞赛每人最多 2 次。');
    expect(canStart(limited, opensAt, 0, 1)).toBe(true);
    expect(canStart(limited, closesAt - 1, 1, 2)).toBe(true);
    expect(canStart(limited, opensAt, 50, null)).toBe(true);
  });

  it('accepts answers up to the grace period after the deadline', () => {
    const deadline = opensAt + 30 * MINUTE;
    expect(acceptsAnswer(deadline, deadline - 1)).toBe(true);
    expect(acceptsAnswer(deadline, deadline)).toBe(true);
    expect(acceptsAnswer(deadline, deadline + GRACE_MS)).toBe(true);
    expect(acceptsAnswer(deadline, deadline + GRACE_MS + 1)).toBe(false);
  });

  it('counts whole seconds left, rounding up and never below 0', () => {
    const deadline = opensAt + 30 * MINUTE;
    expect(remainingSeconds(deadline, deadline - 30 * MINUTE)).toBe(1800);
    expect(remainingSeconds(deadline, deadline - 1500)).toBe(2);
    expect(remainingSeconds(deadline, deadline - 1)).toBe(1);
    expect(remainingSeconds(deadline, deadline)).toBe(0);
    expect(remainingSeconds(deadline, deadline + 5000)).toBe(0);
  });

  it('announces 5 minutes, 1 minute and 10 seconds once each, as the countdown crosses them', () => {
    expect(announcement(300, 301)).toBe('还剩5分钟');
    expect(announcement(298, 302)).toBe('还剩5分钟');
    expect(announcement(60, 61)).toBe('还剩1分钟');
    expect(announcement(10, 11)).toBe('还剩10秒');
    expect(announcement(9, 12)).toBe('还剩10秒');
    // Already said: the same mark is not repeated.
    expect(announcement(299, 300)).toBeNull();
    expect(announcement(300, 300)).toBeNull();
    expect(announcement(59, 60)).toBeNull();
    expect(announcement(9, 10)).toBeNull();
    // No mark crossed, or the clock went back.
    expect(announcement(500, 501)).toBeNull();
    expect(announcement(0, 1)).toBeNull();
    expect(announcement(301, 299)).toBeNull();
    // A sleeping tab that jumps past several marks hears only the latest.
    expect(announcement(50, 400)).toBe('还剩1分钟');
    expect(announcement(3, 400)).toBe('还剩10秒');
  });

  it('announces each mark exactly once over a whole countdown, whatever the tick', () => {
    for (const step of [1, 2, 7]) {
      const said: string[] = [];
      for (let left = 600; left > 0; left -= step) {
        const text = announcement(Math.max(0, left - step), left);
        if (text !== null) said.push(text);
      }
      expect(said, `step ${step}`).toEqual(['还剩5分钟', '还剩1分钟', '还剩10秒']);
    }
  });
});

describe('contest: ranking and awards', () => {
  it('ranks by score, then time, sharing ranks on ties (1, 1, 3)', () => {
    const ranked = rankResults([
      { userId: 4, score: 80, secondsUsed: 300 },
      { userId: 1, score: 90, secondsUsed: 500 },
      { userId: 3, score: 90, secondsUsed: 400 },
      { userId: 2, score: 90, secondsUsed: 400 },
      { userId: 5, score: 80, secondsUsed: 300 },
      { userId: 6, score: 70.5, secondsUsed: 100 },
    ]);
    expect(ranked.map((result) => [result.userId, result.rank])).toEqual([
      [2, 1],
      [3, 1],
      [1, 3],
      [4, 4],
      [5, 4],
      [6, 6],
    ]);
    expect(rankResults([])).toEqual([]);
  });

  it('keeps extra fields of the results', () => {
    expect(rankResults([{ userId: 1, score: 10, secondsUsed: 60, name: '王阿姨' }])).toEqual([{ userId: 1, score: 10, secondsUsed: 60, name: '王阿姨', rank: 1 }]);
  });

  it('gives the first award whose rank limit fits, whatever order the awards are listed in', () => {
    const awards = [
      { name: '三等奖', upToRank: 20 },
      { name: '一等奖', upToRank: 3 },
      { name: '二等奖', upToRank: 10 },
    ];
    expect(awardFor(1, awards)).toBe('一等奖');
    expect(awardFor(3, awards)).toBe('一等奖');
    expect(awardFor(4, awards)).toBe('二等奖');
    expect(awardFor(10, awards)).toBe('二等奖');
    expect(awardFor(20, awards)).toBe('三等奖');
    expect(awardFor(21, awards)).toBeNull();
    expect(awardFor(1, [])).toBeNull();
  });
});

describe('contest: branch leaderboard', () => {
  const members = [
    { branchId: 1, branchName: '第一党支部', userId: 1 },
    { branchId: 1, branchName: '第一党支部', userId: 2 },
    { branchId: 1, branchName: '第一党支部', userId: 3 },
    { branchId: 2, branchName: '第二党支部', userId: 4 },
    { branchId: 2, branchName: '第二党支部', userId: 5 },
    { branchId: 3, branchName: '老年大学', userId: 6 },
    { branchId: 4, branchName: '书画社', userId: 7 },
    { branchId: 4, branchName: '书画社', userId: 8 },
  ];

  it('averages the best score of each participant and ranks by average, then participation', () => {
    const results = [
      { userId: 1, score: 80 },
      { userId: 1, score: 95 },
      { userId: 2, score: 70 },
      { userId: 4, score: 82.5 },
      { userId: 7, score: 82.5 },
      { userId: 8, score: 82.5 },
      { userId: 99, score: 100 },
    ];
    expect(branchStandings(members, results)).toEqual([
      { branchId: 4, branchName: '书画社', members: 2, participants: 2, participationRate: 1, averageScore: 82.5 },
      { branchId: 1, branchName: '第一党支部', members: 3, participants: 2, participationRate: 0.67, averageScore: 82.5 },
      { branchId: 2, branchName: '第二党支部', members: 2, participants: 1, participationRate: 0.5, averageScore: 82.5 },
      { branchId: 3, branchName: '老年大学', members: 1, participants: 0, participationRate: 0, averageScore: 0 },
    ]);
  });

  it('rounds the average to 2 decimals and counts a member listed twice once', () => {
    const standings = branchStandings(
      [...members.slice(0, 3), { branchId: 1, branchName: '第一党支部', userId: 3 }],
      [
        { userId: 1, score: 10 },
        { userId: 2, score: 10 },
        { userId: 3, score: 11 },
      ],
    );
    expect(standings).toEqual([{ branchId: 1, branchName: '第一党支部', members: 3, participants: 3, participationRate: 1, averageScore: 10.33 }]);
    expect(branchStandings([], [{ userId: 1, score: 5 }])).toEqual([]);
  });
});

describe('contest set-up form and times', () => {
  const form = (overrides: Record<string, unknown> = {}): Record<string, unknown> => ({
    title: '学习党章知识竞赛',
    bankId: '3',
    opensAt: '2026-12-01T09:00',
    closesAt: '2026-12-01T17:30',
    timeLimit: '30',
    attempts: '2',
    shuffle: 'on',
    points_single: '2',
    points_multiple: '3.5',
    points_truefalse: '1',
    points_fill: '2',
    partial: 'half',
    answersVisible: 'after_close',
    branchIds: ['4', '4', '5'],
    rule0_type: 'single',
    rule0_count: '１０',
    rule1_type: 'multiple',
    rule1_category: '党史',
    rule1_count: '5',
    award0_name: '二等奖',
    award0_rank: '10',
    award1_name: '一等奖',
    award1_rank: '3',
    ...overrides,
  });
  const problems = (input: Record<string, unknown>): Record<string, string> => {
    const parsed = contestFormSchema.safeParse(input);
    return parsed.success ? {} : Object.fromEntries(parsed.error.issues.map((issue) => [String(issue.path[0] ?? ''), issue.message]));
  };

  it('reads the form into contest settings, in Beijing time, with full-width digits and sorted awards', () => {
    const parsed = contestFormSchema.parse(form());
    expect(parsed).toMatchObject({
      contestId: null,
      opensAt: Date.UTC(2026, 11, 1, 1, 0),
      closesAt: Date.UTC(2026, 11, 1, 9, 30),
      timeLimitMinutes: 30,
      attemptsAllowed: 2,
      shuffleOptions: true,
      drawRules: [
        { type: 'single', count: 10 },
        { type: 'multiple', category: '党史', count: 5 },
      ],
      points: { single: 2, multiple: 3.5, truefalse: 1, fill: 2, partial: 'half' },
      branchIds: [4, 5],
      awards: [
        { name: '一等奖', upToRank: 3 },
        { name: '二等奖', upToRank: 10 },
      ],
    });
    expect(contestFormSchema.parse(form({ timeLimit: '', shuffle: undefined })).timeLimitMinutes).toBeNull();
  });

  it('names the field of every problem in Chinese', () => {
    expect(problems(form({ closesAt: '2026-12-01T08:00' }))).toHaveProperty('closesAt', '结束时间要晚于开始时间。');
    expect(problems(form({ opensAt: '2026-02-30T09:00' }))['opensAt']).toContain('年-月-日');
    expect(problems(form({ rule0_count: '1000' }))['rule0_count']).toContain('1到100');
    expect(problems(form({ rule0_type: '', rule0_count: '', rule1_type: '', rule1_count: '' }))['rule0_type']).toContain('至少');
    expect(problems(form({ rule2_count: '3' }))['rule2_type']).toContain('请选择题型');
    expect(problems(form({ timeLimit: '0' }))['timeLimit']).toContain('不限时请留空');
    expect(problems(form({ points_single: '-1' }))['points_single']).toContain('负数');
    expect(problems(form({ award1_rank: '10' }))['award1_rank']).toContain('同一名次');
    expect(problems(form({ award2_rank: '5' }))['award2_name']).toContain('名称');
    expect(problems(form({ title: '' }))['title']).toBeDefined();
    for (const message of Object.values(problems(form({ attempts: 'abc', partial: 'all', answersVisible: 'x' })))) expect(message).toMatch(/[\u4e00-\u9fff]/);
  });

  it('round-trips Beijing times through the form field, whatever the server zone', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 4_000_000_000 }), (minutes) => {
        const time = minutes * 60_000;
        expect(parseBeijingDateTime(toBeijingDateTimeInput(time))).toBe(time);
      }),
    );
    expect(parseBeijingDateTime('2026-12-01 09:00')).toBeNull();
    expect(parseBeijingDateTime('2026-13-01T09:00')).toBeNull();
    expect(parseBeijingDateTime('2026-12-01T24:00')).toBeNull();
  });

  it('gives the form back the settings it saved', () => {
    const parsed = contestFormSchema.parse(form());
    const { contestId: _contestId, ...settings } = parsed;
    const again = contestFormSchema.parse({ ...contestFormValues({ ...settings, answersVisible: 'after_close' }), branchIds: ['4', '5'] });
    expect(again).toEqual(parsed);
  });

  it('reads time used and paper size for people', () => {
    expect(formatDuration(65)).toBe('1分05秒');
    expect(formatDuration(3725)).toBe('1小时2分');
    expect(formatDuration(-3)).toBe('0分00秒');
    expect(paperSize([{ type: 'single', count: 10 }, { type: 'multiple', count: 5 }], { single: 2, multiple: 3.5, truefalse: 1, fill: 2, partial: 'half' })).toEqual({ questions: 15, fullMarks: 37.5 });
  });
});
