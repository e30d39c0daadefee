import { describe, expect, it } from 'vitest';
import { questionsToTemplate, validateQuestionRows } from '../../src/lib/question-import';
import { ANTI_FRAUD_QUESTIONS } from '../../src/lib/anti-fraud-questions';
import { QUESTION_SETS } from '../../src/lib/question-sets';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { ANTI_FRAUD_HOTLINE, FRAUD_QUIZ_TAG, POLICE_NUMBER } from '../../src/lib/anti-fraud';
import { fraudScamSchema } from '../../src/schemas/fraud-scam';
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

describe('the anti-fraud corner content', () => {
  const dir = 'content/help/fraud';
  const scams = readdirSync(dir)
    .filter((file) => file.endsWith('.yaml'))
    .map((file) => ({ file, text: readFileSync(join(dir, file), 'utf8') }))
    .map(({ file, text }) => ({ file, text, data: fraudScamSchema.parse(parse(text)) }));

  it('covers the six scams the issue names, each with how it sounds, its signs, what to do and sources', () => {
    expect(scams.map((scam) => scam.data.title).sort()).toEqual(['中奖与退税链接', '保健品与养生讲座', '养老投资与以房养老', '冒充公检法', '冒充子女借钱', '冒充客服退款'].sort());
    expect(new Set(scams.map((scam) => scam.data.order)).size).toBe(scams.length);
  });

  it('gives only the checked numbers: 96110 for advice, 110 to report, 12315 for shoddy goods', () => {
    for (const { file, data } of scams) {
      const words = [data.summary, ...data.sounds, ...data.signs, ...data.actions, data.truth].join('\n');
      const numbers = [...words.matchAll(/\d{3,}/g)].map(([number]) => number);
      expect(numbers.filter((number) => ![ANTI_FRAUD_HOTLINE.number, POLICE_NUMBER, '12315'].includes(number)), file).toEqual([]);
    }
  });
});
