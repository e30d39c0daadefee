import type { Client } from '@libsql/client';
import type { Db } from '../../src/lib/server/db';
import { confirmQuestionImport, createBank, previewQuestionImport } from '../../src/lib/server/question-bank';
import { QUESTION_TEMPLATE_HEADER } from '../../src/lib/question-import';
import { stemKey } from '../../src/lib/question-rules';

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

/**
 * A bank of `questions` true/false questions (each answered 对) and a contest open for the next hour
 * drawing all of them, 60 minutes an attempt, one attempt each: `${name}题库`, `${name}竞赛`. Written
 * straight into the tables, for tests that serve the database from server processes of their own.
 * Returns the contest's id.
 */
export async function seedTrueFalseContest(client: Client, name: string, questions: number): Promise<number> {
  const now = Date.now();
  const bank = await client.execute({ sql: "INSERT INTO question_banks (name, description, practice, created_by, created_at) VALUES (?, '', 0, NULL, ?) RETURNING id", args: [`${name}题库`, now] });
  const bankId = Number(bank.rows[0]?.['id']);
  const statements = Array.from({ length: questions }, (_, index) => {
    const stem = `${name}判断题第${index + 1}题：按时参加组织生活。`;
    return [
      { sql: 'INSERT INTO questions (bank_id, stem_key, created_at, updated_at) VALUES (?, ?, ?, ?)', args: [bankId, stemKey(stem), now, now] },
      {
        sql: `INSERT INTO question_versions (question_id, version, type, stem, options, answer, explanation, category, tags, difficulty, source, created_by, created_at)
              SELECT id, 1, 'truefalse', ?, '[]', '{"type":"truefalse","value":true}', '', '测试', '[]', 2, '测试', NULL, ? FROM questions WHERE bank_id = ? AND stem_key = ?`,
        args: [stem, now, bankId, stemKey(stem)],
      },
    ];
  }).flat();
  statements.push({ sql: 'UPDATE questions SET current_version_id = (SELECT id FROM question_versions WHERE question_id = questions.id) WHERE bank_id = ?', args: [bankId] });
  statements.push({
    sql: `INSERT INTO contests (title, description, bank_id, opens_at, closes_at, time_limit_minutes, attempts_allowed, draw_rules, shuffle_options, points, eligibility, answers_visible, awards, created_by, created_at)
          VALUES (?, '', ?, ?, ?, 60, 1, ?, 0, ?, 'all', 'after_submit', '[]', NULL, ?) RETURNING id`,
    args: [`${name}竞赛`, bankId, now - 60_000, now + 3_600_000, JSON.stringify([{ type: 'truefalse', count: questions }]), JSON.stringify({ single: 2, multiple: 4, truefalse: 1, fill: 3, partial: 'half' }), now],
  });
  const written = await client.batch(statements, 'write');
  return Number(written.at(-1)?.rows[0]?.['id']);
}
