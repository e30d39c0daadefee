import { addQuestionSetSchema, confirmQuestionImportSchema, createBankSchema, importQuestionsSchema, practiceBankSchema, QUESTION_FORM_FIELDS, recheckQuestionImportSchema, retireQuestionsSchema, saveQuestionSchema } from '../schemas/question-bank';
import { getDb } from '../lib/server/db';
import { guardedAction } from '../lib/server/guarded-action';
import { uploadedSheets } from '../lib/server/forms';
import { fail, ok, UserFacingError } from '../lib/result';
import { activeStemKeys, confirmQuestionImport, createBank, getBank, previewQuestionImport, recheckQuestionImport, saveQuestionVersion, setRetired } from '../lib/server/question-bank';
import { QUESTION_TEMPLATE_HEADER, validateQuestionRows } from '../lib/question-import';
import { setPracticeBank } from '../lib/server/practice';
import { drawProblemsAfter } from '../lib/server/contests';
import { addQuestionSet } from '../lib/server/question-sets';

const NO_BANK = (): UserFacingError => new UserFacingError('没有找到这个题库。', { code: 'NOT_FOUND' });

export const questionBank = {
  createBank: guardedAction('bank.edit', {
    input: createBankSchema,
    handler: async (input, _context, actor) => {
      const result = await createBank(await getDb(), input, actor.id);
      return result.ok ? result : fail(result.error.message, 'name');
    },
  }),

  previewImport: guardedAction('bank.edit', {
    input: importQuestionsSchema,
    handler: async (input, _context, actor) => {
      const db = await getDb();
      if (!(await getBank(db, input.bankId))) throw NO_BANK();
      const sheets = await uploadedSheets(input.file);
      if (!sheets.ok) return sheets;
      const outcome = await previewQuestionImport(db, { bankId: input.bankId, actorId: actor.id, fileName: input.file.name, sheets: sheets.value });
      return ok({ ...outcome, fileName: input.file.name });
    },
  }),

  /** The matching step: check the held file again with the columns the organiser chose. */
  recheckImport: guardedAction('bank.edit', {
    input: recheckQuestionImportSchema,
    handler: async (input, _context, actor) => {
      const db = await getDb();
      if (!(await getBank(db, input.bankId))) throw NO_BANK();
      return recheckQuestionImport(db, { bankId: input.bankId, actorId: actor.id, sourceId: input.sourceId, fields: input.fields, save: input.save });
    },
  }),

  confirmImport: guardedAction('bank.edit', {
    input: confirmQuestionImportSchema,
    handler: async (input, _context, actor) =>
      confirmQuestionImport(await getDb(), { bankId: input.bankId, actorId: actor.id, batchId: input.batchId, sourceId: input.sourceId }),
  }),

  /** An edit saves a new version; the form is checked by the import's own row rules. */
  saveQuestion: guardedAction('bank.edit', {
    input: saveQuestionSchema,
    handler: async (input, _context, actor) => {
      const db = await getDb();
      const fields: Record<string, string | number> = input;
      const row = QUESTION_TEMPLATE_HEADER.map((header) => String(fields[QUESTION_FORM_FIELDS[header] ?? ''] ?? ''));
      const checked = validateQuestionRows([[...QUESTION_TEMPLATE_HEADER], row], await activeStemKeys(db, input.bankId, input.questionId));
      const content = checked.valid[0]?.question;
      if (!content) {
        const problems = [...checked.fileErrors, ...(checked.invalid[0]?.problems ?? ['请填写题干和答案。'])];
        return fail(problems.join('；'));
      }
      const blocked = await drawProblemsAfter(db, input.bankId, {
        replace: { questionId: input.questionId, type: content.type, category: content.category, optionCount: content.options.length },
      });
      if (blocked.length > 0) return fail(blocked.join('；'));
      return saveQuestionVersion(db, { questionId: input.questionId, bankId: input.bankId, content, actorId: actor.id });
    },
  }),

  /** Opens or closes a bank for 每日一练 and the 错题本, where answers are shown after answering. */
  setPractice: guardedAction('bank.edit', {
    input: practiceBankSchema,
    handler: async (input) => {
      const db = await getDb();
      if (!(await getBank(db, input.bankId))) throw NO_BANK();
      const changed = await setPracticeBank(db, input.bankId, input.practice === 'on');
      if (!changed.ok) return changed;
      return ok(input.practice === 'on' ? '这个题库已用于日常练习：学员答题后会看到答案和解析。' : '这个题库已不再用于日常练习。');
    },
  }),

  /** 现成的练习题: adds a ready-made set in one step; adding it again adds nothing. */
  addSet: guardedAction('bank.edit', {
    input: addQuestionSetSchema,
    handler: async (input, _context, actor) => addQuestionSet(await getDb(), { bankId: input.bankId, setId: input.set, actorId: actor.id }),
  }),

  retire: guardedAction('bank.edit', {
    input: retireQuestionsSchema,
    handler: async (input) => {
      const db = await getDb();
      if (input.change === 'retire') {
        const blocked = await drawProblemsAfter(db, input.bankId, { retire: input.questionIds });
        if (blocked.length > 0) return fail(`没有停用。${blocked.join('；')}`);
      }
      return setRetired(db, { bankId: input.bankId, questionIds: input.questionIds, retired: input.change === 'retire' });
    },
  }),
};
