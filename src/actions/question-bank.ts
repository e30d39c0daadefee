import { ActionError, defineAction, type ActionAPIContext } from 'astro:actions';
import { confirmQuestionImportSchema, createBankSchema, importQuestionsSchema, retireQuestionsSchema } from '../schemas/question-bank';
import { getDb } from '../lib/server/db';
import type { User } from '../lib/server/users';
import { actionUser } from '../lib/server/action-guards';
import { confirmQuestionImport, createBank, getBank, previewQuestionImport, setRetired } from '../lib/server/question-bank';
import { readSpreadsheet } from '../lib/spreadsheet';

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
        rows = await readSpreadsheet(input.file.name, new Uint8Array(await input.file.arrayBuffer()));
      } catch (error) {
        const message = error instanceof Error && /[\u4e00-\u9fff]/.test(error.message) ? error.message : '文件打不开，请确认是 .xlsx 或 .csv 文件。';
        return { ok: false as const, errors: { file: message } };
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

  retire: defineAction({
    accept: 'form',
    input: retireQuestionsSchema,
    handler: async (input, context) => {
      requireOrganiser(context);
      return setRetired(await getDb(), { bankId: input.bankId, questionIds: input.questionIds, retired: input.change === 'retire' });
    },
  }),
};
