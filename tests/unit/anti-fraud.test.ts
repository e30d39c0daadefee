import { describe, expect, it } from 'vitest';
import { questionsToTemplate, validateQuestionRows } from '../../src/lib/question-import';
import { ANTI_FRAUD_QUESTIONS } from '../../src/lib/anti-fraud-questions';
import { QUESTION_SETS } from '../../src/lib/question-sets';
import { FRAUD_QUIZ_TAG } from '../../src/lib/anti-fraud';
import { stemKey } from '../../src/lib/question-rules';

describe('ready-made question sets', () => {
  it('hold only questions the bank import itself would accept, with no two alike', () => {
    for (const set of QUESTION_SETS) {
      const preview = validateQuestionRows(questionsToTemplate([...set.questions]), new Set());
      expect(preview.invalid, set.name).toEqual([]);
      expect(preview.valid).toHaveLength(set.questions.length);
      expect(new Set(set.questions.map((question) => stemKey(question.stem))).size).toBe(set.questions.length);
    }
  });

  it('tag every anti-fraud question 防诈骗, so the corner quiz finds it, and explain every answer', () => {
    expect(ANTI_FRAUD_QUESTIONS.length).toBeGreaterThanOrEqual(10);
    for (const question of ANTI_FRAUD_QUESTIONS) {
      expect(question.tags, question.stem).toContain(FRAUD_QUIZ_TAG);
      expect(question.explanation.length, question.stem).toBeGreaterThan(10);
    }
  });
});
