import type { Db } from '../../src/lib/server/db';
import { confirmQuestionImport, createBank, previewQuestionImport } from '../../src/lib/server/question-bank';
import { QUESTION_TEMPLATE_HEADER } from '../../src/lib/question-import';

/** One template row from the columns given (题型, 题干, 选项A …); the rest stay empty. */
export const templateRow = (cells: Record<string, string>): string[] => QUESTION_TEMPLATE_HEADER.map((name) => cells[name] ?? '');

/** A bank holding `rows`, imported the way organisers import them (preview, then confirm). */
export async function importedBank(db: Db, organiser: number, name: string, rows: string[][]): Promise<number> {
  const bank = await createBank(db, { name, description: '' }, organiser);
  const bankId = bank.ok ? bank.value.id : 0;
  const { batchId } = await previewQuestionImport(db, { bankId, actorId: organiser, fileName: `${name}.csv`, rows: [[...QUESTION_TEMPLATE_HEADER], ...rows] });
  await confirmQuestionImport(db, { bankId, actorId: organiser, batchId: batchId ?? 0 });
  return bankId;
}
