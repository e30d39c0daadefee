import { previewQuestionDocumentSchema, previewQuestionPasteSchema } from '../schemas/question-text';
import { getDb } from '../lib/server/db';
import { guardedAction } from '../lib/server/guarded-action';
import { fail, ok, shownMessage, UserFacingError } from '../lib/result';
import { getBank } from '../lib/server/question-bank';
import { previewQuestionText, readQuestionDocument } from '../lib/server/question-document';

const NO_BANK = (): UserFacingError => new UserFacingError('没有找到这个题库。', { code: 'NOT_FOUND' });

/** A question bank from a Word document or pasted text: checked into the same preview as a spreadsheet; 确认导入 is questionBank.confirmImport. */
export const questionText = {
  previewDocument: guardedAction('bank.edit', {
    input: previewQuestionDocumentSchema,
    handler: async (input, _context, actor) => {
      const db = await getDb();
      if (!(await getBank(db, input.bankId))) throw NO_BANK();
      let text: string;
      try {
        text = await readQuestionDocument({ name: input.document.name, bytes: new Uint8Array(await input.document.arrayBuffer()) });
      } catch (error) {
        if (!(error instanceof UserFacingError)) console.error('upload: could not read the Word document', error);
        else if (error.cause !== undefined) console.warn('upload refused:', input.document.name, error.cause);
        return fail(shownMessage(error, '这个 Word 文件打不开，请确认是 .docx 文件。'), 'document');
      }
      return ok(await previewQuestionText(db, { bankId: input.bankId, actorId: actor.id, fileName: input.document.name, text }));
    },
  }),

  previewPaste: guardedAction('bank.edit', {
    input: previewQuestionPasteSchema,
    handler: async (input, _context, actor) => {
      const db = await getDb();
      if (!(await getBank(db, input.bankId))) throw NO_BANK();
      return ok(await previewQuestionText(db, { bankId: input.bankId, actorId: actor.id, fileName: '粘贴的文字', text: input.text }));
    },
  }),
};
