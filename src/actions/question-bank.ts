import { ActionError, defineAction, type ActionAPIContext } from 'astro:actions';
import { confirmQuestionImportSchema, createBankSchema, importQuestionsSchema, practiceBankSchema, QUESTION_FORM_FIELDS, retireQuestionsSchema, saveQuestionSchema } from '../schemas/question-bank';
import { getDb } from '../lib/server/db';
import type { User } from '../lib/server/users';
import { actionUser } from '../lib/server/action-guards';
import { activeStemKeys, confirmQuestionImport, createBank, getBank, previewQuestionImport, saveQuestionVersion, setRetired } from '../lib/server/question-bank';
import { QUESTION_TEMPLATE_HEADER, validateQuestionRows } from '../lib/question-import';
import { setPracticeBank } from '../lib/server/practice';
import { readUploadedSpreadsheet, UploadRefused } from '../lib/server/upload-guard';
import { drawProblemsAfter } from '../lib/server/contests';

/** Question banks belong to contest organisers; admins may step in. */
const requireOrganiser = (context: ActionAPIContext): User =>
  actionUser(context, ['organiser', 'admin'], '只有竞赛组织者和管理员可以管理题库。');

export const questionBank = {
  createBank: defineAction({
    accept: 'form',
    input: createBankSchema,
    handler: async (input, context) => {
      const actor = requireOrganiser(context);
      const result = await createBank(await getDb(), input, actor.id);
      return result.ok ? result : { ok: false as const, errors: { name: result.message } };
    },
  }),

  previewImport: defineAction({
    accept: 'form',
    input: importQuestionsSchema,
    handler: async (input, context) => {
      const actor = requireOrganiser(context);
      const db = await getDb();
      if (!(await getBank(db, input.bankId))) throw new ActionError({ code: 'NOT_FOUND', message: '没有找到这个题库。' });
      let rows: string[][];
      try {
        rows = await readUploadedSpreadsheet(input.file);
      } catch (error) {
        if (!(error instanceof UploadRefused)) throw error;
        console.warn('upload refused:', input.file.name, error.cause);
        return { ok: false as const, errors: { file: error.message } };
      }
      const { batchId, preview } = await previewQuestionImport(db, { bankId: input.bankId, actorId: actor.id, fileName: input.file.name, rows });
      return { ok: true as const, batchId, fileName: input.file.name, preview };
    },
  }),

  confirmImport: defineAction({
    accept: 'form',
    input: confirmQuestionImportSchema,
    handler: async (input, context) => {
      const actor = requireOrganiser(context);
      const result = await confirmQuestionImport(await getDb(), { bankId: input.bankId, actorId: actor.id, batchId: input.batchId });
      return result.ok ? result : { ok: false as const, errors: { '': result.message } };
    },
  }),

  /** An edit saves a new version; the form is checked by the import's own row rules. */
  saveQuestion: defineAction({
    accept: 'form',
    input: saveQuestionSchema,
    handler: async (input, context) => {
      const actor = requireOrganiser(context);
      const db = await getDb();
      const fields: Record<string, string | number> = input;
      const row = QUESTION_TEMPLATE_HEADER.map((header) => String(fields[QUESTION_FORM_FIELDS[header] ?? ''] ?? ''));
      const checked = validateQuestionRows([[...QUESTION_TEMPLATE_HEADER], row], await activeStemKeys(db, input.bankId, input.questionId));
      const content = checked.valid[0]?.question;
      if (!content) {
        const problems = [...checked.fileErrors, ...(checked.invalid[0]?.problems ?? ['请填写题干和答案。'])];
        return { ok: false as const, errors: { '': problems.join('；') } };
      }
      const blocked = await drawProblemsAfter(db, input.bankId, {
        replace: { questionId: input.questionId, type: content.type, category: content.category, optionCount: content.options.length },
      });
      if (blocked.length > 0) return { ok: false as const, errors: { '': blocked.join('；') } };
      const saved = await saveQuestionVersion(db, { questionId: input.questionId, bankId: input.bankId, content, actorId: actor.id });
      return saved.ok ? saved : { ok: false as const, errors: { '': saved.message } };
    },
  }),

  /** Opens or closes a bank for 每日一练 and the 错题本, where answers are shown after answering. */
  setPractice: defineAction({
    accept: 'form',
    input: practiceBankSchema,
    handler: async (input, context) => {
      requireOrganiser(context);
      const db = await getDb();
      if (!(await getBank(db, input.bankId))) throw new ActionError({ code: 'NOT_FOUND', message: '没有找到这个题库。' });
      const changed = await setPracticeBank(db, input.bankId, input.practice === 'on');
      if (!changed.ok) return changed;
      return {
        ok: true as const,
        message: input.practice === 'on' ? '这个题库已用于日常练习：学员答题后会看到答案和解析。' : '这个题库已不再用于日常练习。',
      };
    },
  }),

  retire: defineAction({
    accept: 'form',
    input: retireQuestionsSchema,
    handler: async (input, context) => {
      requireOrganiser(context);
      const db = await getDb();
      if (input.change === 'retire') {
        const blocked = await drawProblemsAfter(db, input.bankId, { retire: input.questionIds });
        if (blocked.length > 0) return { ok: false as const, message: `没有停用。${blocked.join('；')}` };
      }
      return setRetired(db, { bankId: input.bankId, questionIds: input.questionIds, retired: input.change === 'retire' });
    },
  }),
};
