import { z } from './zod';
import { matchingFields, spreadsheetFileField } from './admin';
import { DIFFICULTIES, QUESTION_TYPES } from '../lib/question-rules';
import { QUESTION_SET_IDS } from '../lib/question-sets';

const idField = (message: string) => z.coerce.number({ error: message }).int(message).positive(message);

export const createBankSchema = z.object({
  /** Shown to organisers when they set up contests and quizzes. */
  name: z.string({ error: '请填写题库名称。' }).trim().min(2, '题库名称至少两个字。').max(40, '题库名称不超过40个字。'),
  /** Optional: an empty form field arrives as null. */
  description: z.string().trim().max(200, '说明不超过200个字。').nullish().transform((value) => value ?? ''),
});

export const importQuestionsSchema = z.object({
  bankId: idField('题库编号不正确。'),
  file: spreadsheetFileField('文件太大了（超过5MB）。一次最多导入2000道题，请分成几个文件。'),
});

/** sourceId: the held file, when its columns were matched; deleted once the import is confirmed. */
export const confirmQuestionImportSchema = z.object({ bankId: idField('题库编号不正确。'), batchId: idField('导入批次不正确。'), sourceId: idField('导入批次不正确。').optional() });

export const recheckQuestionImportSchema = z.object({ bankId: idField('题库编号不正确。'), ...matchingFields });

/** Checkboxes arrive as repeated fields: a plain array, see roleList in admin.ts. */
const idList = z.array(idField('题目编号不正确。')).max(500, '一次最多选500道题。');

export const retireQuestionsSchema = z.object({
  bankId: idField('题库编号不正确。'),
  questionIds: idList,
  /** retire: stop drawing them; restore: use them again. */
  change: z.enum(['retire', 'restore'], { error: '请选择停用或恢复。' }),
});

/** The bank page's search form (query string). */
export const questionFilterSchema = z.object({
  q: z.string().trim().max(40).optional().catch(undefined),
  type: z.enum(QUESTION_TYPES).optional().catch(undefined),
  category: z.string().trim().max(40).optional().catch(undefined),
  difficulty: z.coerce.number().pipe(z.union(DIFFICULTIES.map((d) => z.literal(d)) as [z.ZodLiteral<1>, z.ZodLiteral<2>, z.ZodLiteral<3>])).optional().catch(undefined),
  retired: z.preprocess((v) => v === '1', z.boolean()).optional().catch(undefined),
  page: z.coerce.number().int().min(1).max(1000).catch(1).default(1),
});

/**
 * The question form's fields, one per column of the import template (same words, same rules:
 * the form is checked by the import's own row validator).
 */
export const QUESTION_FORM_FIELDS: Readonly<Record<string, string>> = {
  题型: 'type',
  题干: 'stem',
  选项A: 'optionA',
  选项B: 'optionB',
  选项C: 'optionC',
  选项D: 'optionD',
  选项E: 'optionE',
  选项F: 'optionF',
  选项G: 'optionG',
  选项H: 'optionH',
  答案: 'answer',
  解析: 'explanation',
  分类: 'category',
  标签: 'tags',
  难度: 'difficulty',
  来源: 'source',
};

const formText = z.string().max(2000, '内容太长了。').nullish().transform((value) => value ?? '');

export const saveQuestionSchema = z.object({
  bankId: idField('题库编号不正确。'),
  questionId: idField('题目编号不正确。'),
  type: formText,
  stem: formText,
  optionA: formText,
  optionB: formText,
  optionC: formText,
  optionD: formText,
  optionE: formText,
  optionF: formText,
  optionG: formText,
  optionH: formText,
  answer: formText,
  explanation: formText,
  category: formText,
  tags: formText,
  difficulty: formText,
  source: formText,
});

/** 现成的练习题: add a ready-made set (src/lib/question-sets.ts) to a bank. */
export const addQuestionSetSchema = z.object({
  bankId: idField('题库编号不正确。'),
  set: z.enum(QUESTION_SET_IDS, { error: '请选择一套题。' }),
});

export const practiceBankSchema = z.object({
  bankId: idField('题库编号不正确。'),
  /** on: learners practise with this bank (answers shown after answering). */
  practice: z.enum(['on', 'off'], { error: '请选择开或关。' }),
});
