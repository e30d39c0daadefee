import type { QuestionContent } from './question-rules';
import { ANTI_FRAUD_QUESTIONS } from './anti-fraud-questions';

/**
 * Ready-made question sets an organiser can add to any bank in one step (the bank page's
 * 现成的练习题). Add a set by adding a row; src/lib/server/question-sets.ts adds it.
 */
export const QUESTION_SETS = [
  {
    id: 'anti-fraud',
    name: '防诈骗练习题',
    description: '六种常见骗局和求助电话，答案出自本站防诈骗专区。',
    questions: ANTI_FRAUD_QUESTIONS,
  },
] as const satisfies ReadonlyArray<{ id: string; name: string; description: string; questions: readonly QuestionContent[] }>;

export type QuestionSet = (typeof QUESTION_SETS)[number];
export type QuestionSetId = QuestionSet['id'];
export const QUESTION_SET_IDS = QUESTION_SETS.map((set) => set.id) as [QuestionSetId, ...QuestionSetId[]];

export function questionSetById(id: string): QuestionSet | undefined {
  return QUESTION_SETS.find((set) => set.id === id);
}
