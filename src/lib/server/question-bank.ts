import { and, asc, count, desc, eq, inArray, isNull, or, sql } from 'drizzle-orm';
import { questionBanks, questions, questionVersions } from '../../../db/schema';
import { stemKey, type AnswerKey, type Difficulty, type QuestionContent, type QuestionType } from '../question-rules';
import {
  planQuestionImport,
  previewQuestionSheets,
  QUESTION_FIELDS,
  questionLayoutsRecognised,
  validateQuestionRows,
  type QuestionImportPreview,
  type ValidQuestionRow,
} from '../question-import';
import { applyChosenFields, groupLayouts, type MatchingStep, type SheetRows } from '../column-matching';
import { saveMatching, savedMatchings } from './import-matchings';
import type { Db, Tx } from './db';
import { fail, ok, type Result } from '../result';
import { isUniqueViolation } from './auth';
import { claimImportBatch, dropImportSource, holdImportBatch, readImportSource, SOURCE_GONE } from './import-batches';

export type BankResult = Result<string>;

export interface BankSummary {
  id: number;
  name: string;
  description: string;
  active: number;
  retired: number;
  /** Open for 每日一练 and the 错题本 (and so never for contests). */
  practice: boolean;
}

export async function listBanks(db: Db): Promise<BankSummary[]> {
  const rows = await db
    .select({
      id: questionBanks.id,
      name: questionBanks.name,
      description: questionBanks.description,
      practice: questionBanks.practice,
      active: sql<number>`count(${questions.id}) filter (where ${questions.retiredAt} is null)`,
      retired: sql<number>`count(${questions.id}) filter (where ${questions.retiredAt} is not null)`,
    })
    .from(questionBanks)
    .leftJoin(questions, eq(questions.bankId, questionBanks.id))
    .groupBy(questionBanks.id)
    .orderBy(asc(questionBanks.name));
  return rows.map((row) => ({ ...row, active: Number(row.active), retired: Number(row.retired) }));
}

export interface Bank {
  id: number;
  name: string;
  description: string;
  /** Used for 每日一练 and the 错题本. */
  practice: boolean;
}

export async function getBank(db: Db, id: number): Promise<Bank | undefined> {
  const rows = await db
    .select({ id: questionBanks.id, name: questionBanks.name, description: questionBanks.description, practice: questionBanks.practice })
    .from(questionBanks)
    .where(eq(questionBanks.id, id));
  return rows[0];
}

/** The bank a URL's `[id]` names, or undefined for anything but an existing bank's id. */
export async function bankFromParam(db: Db, param: string | undefined): Promise<Bank | undefined> {
  const id = Number(param);
  return Number.isSafeInteger(id) && id > 0 ? getBank(db, id) : undefined;
}

export async function createBank(db: Db, input: { name: string; description: string }, actorId: number, now = Date.now()): Promise<Result<{ message: string; id: number }>> {
  try {
    const inserted = await db
      .insert(questionBanks)
      .values({ name: input.name, description: input.description, createdBy: actorId, createdAt: now })
      .returning({ id: questionBanks.id });
    return ok({ message: `已建立题库“${input.name}”。`, id: inserted[0]?.id ?? 0 });
  } catch (error) {
    if (isUniqueViolation(error)) return fail(`已经有名为“${input.name}”的题库了，请换一个名称。`);
    throw error;
  }
}

/** A stored version back into the shape the rules work with. */
export function toContent(row: typeof questionVersions.$inferSelect): QuestionContent {
  return {
    type: row.type,
    stem: row.stem,
    options: JSON.parse(row.options) as string[],
    answer: JSON.parse(row.answer) as AnswerKey,
    explanation: row.explanation,
    category: row.category,
    tags: JSON.parse(row.tags) as string[],
    difficulty: row.difficulty as Difficulty,
    source: row.source,
  };
}

function versionValues(questionId: number, version: number, content: QuestionContent, actorId: number, now: number): typeof questionVersions.$inferInsert {
  return {
    questionId,
    version,
    type: content.type,
    stem: content.stem,
    options: JSON.stringify(content.options),
    answer: JSON.stringify(content.answer),
    explanation: content.explanation,
    category: content.category,
    tags: JSON.stringify(content.tags),
    difficulty: content.difficulty,
    source: content.source,
    createdBy: actorId,
    createdAt: now,
  };
}

/** Adds new questions (version 1 each) inside the caller's transaction. */
export async function insertQuestions(tx: Tx, bankId: number, contents: QuestionContent[], actorId: number, now: number): Promise<void> {
  for (const content of contents) {
    const created = await tx
      .insert(questions)
      .values({ bankId, stemKey: stemKey(content.stem), createdAt: now, updatedAt: now })
      .returning({ id: questions.id });
    const questionId = created[0]?.id as number;
    const version = await tx.insert(questionVersions).values(versionValues(questionId, 1, content, actorId, now)).returning({ id: questionVersions.id });
    await tx.update(questions).set({ currentVersionId: version[0]?.id ?? null }).where(eq(questions.id, questionId));
  }
}

export interface QuestionRow {
  id: number;
  version: number;
  retired: boolean;
  updatedAt: number;
  content: QuestionContent;
}

function toQuestionRow(row: { questions: typeof questions.$inferSelect; question_versions: typeof questionVersions.$inferSelect }): QuestionRow {
  return {
    id: row.questions.id,
    version: row.question_versions.version,
    retired: row.questions.retiredAt !== null,
    updatedAt: row.questions.updatedAt,
    content: toContent(row.question_versions),
  };
}

export interface QuestionFilter {
  q?: string | undefined;
  type?: QuestionType | undefined;
  category?: string | undefined;
  difficulty?: Difficulty | undefined;
  retired?: boolean | undefined;
}

/** Up to `limit` questions of a bank matching the filter, most recently changed first, and the total. */
export async function searchQuestions(db: Db, bankId: number, filter: QuestionFilter, limit = 50, offset = 0): Promise<{ rows: QuestionRow[]; total: number }> {
  const pattern = filter.q ? `%${filter.q.replace(/[%_\\]/g, (c) => `\\${c}`)}%` : null;
  const where = and(
    eq(questions.bankId, bankId),
    filter.retired ? sql`${questions.retiredAt} is not null` : isNull(questions.retiredAt),
    pattern ? or(sql`${questionVersions.stem} like ${pattern} escape '\\'`, sql`${questionVersions.tags} like ${pattern} escape '\\'`) : undefined,
    filter.type ? eq(questionVersions.type, filter.type) : undefined,
    filter.category ? eq(questionVersions.category, filter.category) : undefined,
    filter.difficulty ? eq(questionVersions.difficulty, filter.difficulty) : undefined,
  );
  const base = db.select().from(questions).innerJoin(questionVersions, eq(questionVersions.id, questions.currentVersionId));
  const [rows, totals] = await Promise.all([
    base.where(where).orderBy(desc(questions.updatedAt), desc(questions.id)).limit(limit).offset(offset),
    db.select({ total: count() }).from(questions).innerJoin(questionVersions, eq(questionVersions.id, questions.currentVersionId)).where(where),
  ]);
  return {
    rows: rows.map(toQuestionRow),
    total: Number(totals[0]?.total ?? 0),
  };
}

export async function bankCategories(db: Db, bankId: number): Promise<string[]> {
  const rows = await db
    .selectDistinct({ category: questionVersions.category })
    .from(questions)
    .innerJoin(questionVersions, eq(questionVersions.id, questions.currentVersionId))
    .where(and(eq(questions.bankId, bankId), isNull(questions.retiredAt)))
    .orderBy(asc(questionVersions.category));
  return rows.map((row) => row.category).filter(Boolean);
}

/** A category of a bank and how many active questions it holds. */
export interface CategoryCount {
  name: string;
  count: number;
}

/** Each bank's categories (with their active questions counted), for the contest form's 分类 choice. */
export async function categoriesByBank(db: Db, bankIds: readonly number[]): Promise<Record<number, CategoryCount[]>> {
  const byBank: Record<number, CategoryCount[]> = Object.fromEntries(bankIds.map((id) => [id, []]));
  if (bankIds.length === 0) return byBank;
  const rows = await db
    .select({ bankId: questions.bankId, category: questionVersions.category, count: count() })
    .from(questions)
    .innerJoin(questionVersions, eq(questionVersions.id, questions.currentVersionId))
    .where(and(inArray(questions.bankId, [...bankIds]), isNull(questions.retiredAt)))
    .groupBy(questions.bankId, questionVersions.category)
    .orderBy(asc(questionVersions.category));
  for (const row of rows) if (row.category !== '') byBank[row.bankId]?.push({ name: row.category, count: Number(row.count) });
  return byBank;
}

/** Every active question of a bank, oldest first, for the export file. */
export async function exportQuestions(db: Db, bankId: number): Promise<QuestionContent[]> {
  const rows = await db
    .select()
    .from(questions)
    .innerJoin(questionVersions, eq(questionVersions.id, questions.currentVersionId))
    .where(and(eq(questions.bankId, bankId), isNull(questions.retiredAt)))
    .orderBy(asc(questions.id));
  return rows.map((row) => toContent(row.question_versions));
}

/** Stems of the bank's questions in use, leaving out one question (the one being edited). */
export async function activeStemKeys(db: Db | Tx, bankId: number, exceptQuestionId?: number): Promise<Set<string>> {
  const rows = await db
    .select({ id: questions.id, key: questions.stemKey })
    .from(questions)
    .where(and(eq(questions.bankId, bankId), isNull(questions.retiredAt)));
  return new Set(rows.filter((row) => row.id !== exceptQuestionId).map((row) => row.key));
}

/** One question of a bank with its current version. */
export async function getQuestion(db: Db, bankId: number, questionId: number): Promise<QuestionRow | undefined> {
  const rows = await db
    .select()
    .from(questions)
    .innerJoin(questionVersions, eq(questionVersions.id, questions.currentVersionId))
    .where(and(eq(questions.bankId, bankId), eq(questions.id, questionId)));
  return rows[0] ? toQuestionRow(rows[0]) : undefined;
}

/** Checks every row and keeps the valid ones for confirmation. Nothing is imported yet. */
export interface QuestionImportOutcome {
  batchId: number | null;
  preview: QuestionImportPreview;
  /** Null when every column was recognised (our template, or known names throughout). */
  matching: MatchingStep | null;
}

/**
 * Checks an uploaded file and keeps its valid questions for confirmation; nothing is imported yet.
 * A file whose columns are not all recognised is held too (24 h at most, like every batch), so the
 * organiser can change the matching and check again (recheckQuestionImport).
 */
export async function previewQuestionImport(
  db: Db,
  input: { bankId: number; actorId: number; fileName: string } & ({ rows: string[][] } | { sheets: SheetRows[] }),
  now = Date.now(),
): Promise<QuestionImportOutcome> {
  const sheets = 'sheets' in input ? input.sheets : [{ name: '', rows: input.rows }];
  const existing = await activeStemKeys(db, input.bankId);
  const layouts = planQuestionImport(sheets, await savedMatchings(db, 'questions'));
  if (layouts.length === 0) return { batchId: null, preview: validateQuestionRows([], existing), matching: null };
  const owner = { targetId: input.bankId, actorId: input.actorId };
  if (questionLayoutsRecognised(layouts)) {
    return { ...(await holdValidQuestions(db, { ...owner, fileName: input.fileName }, previewQuestionSheets(sheets, layouts, existing), now)), matching: null };
  }
  const held = sheets.filter((sheet) => layouts.some((layout) => layout.sheet === sheet.name));
  const sourceId = await holdImportBatch(db, { kind: 'questions-source', ...owner, fileName: input.fileName, rows: held, invalidCount: 0 }, now);
  const checked = await holdValidQuestions(db, { ...owner, fileName: input.fileName }, previewQuestionSheets(sheets, layouts, existing), now);
  return { ...checked, matching: sourceId === null ? null : { sourceId, groups: groupLayouts(layouts) } };
}

/**
 * Checks a held file again under the organiser's matching (one field per column, as the matching
 * form lists them), saving the matching for files with the same columns when asked.
 */
export async function recheckQuestionImport(
  db: Db,
  input: { bankId: number; actorId: number; sourceId: number; fields: string[]; save: boolean },
  now = Date.now(),
): Promise<Result<QuestionImportOutcome & { fileName: string }>> {
  const owner = { targetId: input.bankId, actorId: input.actorId };
  const held = await readImportSource<SheetRows[]>(db, { kind: 'questions-source', ...owner, batchId: input.sourceId }, now);
  if (!held) return fail(SOURCE_GONE);
  const layouts = applyChosenFields(planQuestionImport(held.source), input.fields, QUESTION_FIELDS);
  if (typeof layouts === 'string') return fail(layouts);
  const groups = groupLayouts(layouts);
  if (input.save) for (const group of groups) await saveMatching(db, 'questions', group.signature, group.columns.map((column) => column.field), now);
  const preview = previewQuestionSheets(held.source, layouts, await activeStemKeys(db, input.bankId));
  const checked = await holdValidQuestions(db, { ...owner, fileName: held.fileName }, preview, now);
  return ok({ ...checked, fileName: held.fileName, matching: { sourceId: input.sourceId, groups } });
}

async function holdValidQuestions(
  db: Db,
  owner: { targetId: number; actorId: number; fileName: string },
  preview: QuestionImportPreview,
  now: number,
): Promise<{ batchId: number | null; preview: QuestionImportPreview }> {
  if (preview.fileErrors.length > 0 || preview.valid.length === 0) return { batchId: null, preview };
  const batchId = await holdImportBatch(db, { kind: 'questions', ...owner, rows: preview.valid, invalidCount: preview.invalid.length }, now);
  return { batchId, preview };
}

/**
 * Imports a previewed batch in one transaction: all of its questions or none, and only once.
 */
export async function confirmQuestionImport(
  db: Db,
  input: { bankId: number; actorId: number; batchId: number; sourceId?: number | undefined },
  now = Date.now(),
): Promise<Result<{ message: string; count: number }>> {
  try {
    return await db.transaction(async (tx) => {
      const valid = await claimImportBatch<ValidQuestionRow>(tx, { kind: 'questions', targetId: input.bankId, actorId: input.actorId, batchId: input.batchId }, now);
      if (!valid) return fail('这批题目已经导入过了，或者检查结果已超过一天失效了。请重新上传文件。');
      if (input.sourceId !== undefined) await dropImportSource(tx, { kind: 'questions-source', targetId: input.bankId, actorId: input.actorId, batchId: input.sourceId });
      await insertQuestions(tx, input.bankId, valid.map((row) => row.question), input.actorId, now);
      return ok({ message: `已导入 ${valid.length} 道题。`, count: valid.length });
    });
  } catch (error) {
    if (isUniqueViolation(error)) return fail('预览之后，题库里又添加了相同题干的题目，这批题目没有导入。请重新上传文件检查。');
    throw error;
  }
}

/**
 * An edit: the question gets a new version and shows it from now on; attempts keep the version
 * they were shown.
 */
export async function saveQuestionVersion(db: Db, input: { questionId: number; bankId: number; content: QuestionContent; actorId: number }, now = Date.now()): Promise<BankResult> {
  try {
    return await db.transaction(async (tx) => {
      const latest = await tx
        .select({ version: sql<number>`max(${questionVersions.version})` })
        .from(questionVersions)
        .innerJoin(questions, eq(questions.id, questionVersions.questionId))
        .where(and(eq(questionVersions.questionId, input.questionId), eq(questions.bankId, input.bankId)));
      const current = Number(latest[0]?.version ?? 0);
      if (current === 0) return fail('没有找到这道题。');
      const added = await tx
        .insert(questionVersions)
        .values(versionValues(input.questionId, current + 1, input.content, input.actorId, now))
        .returning({ id: questionVersions.id });
      await tx
        .update(questions)
        .set({ currentVersionId: added[0]?.id ?? null, stemKey: stemKey(input.content.stem), updatedAt: now })
        .where(eq(questions.id, input.questionId));
      return ok(`已保存，这是第 ${current + 1} 版。`);
    });
  } catch (error) {
    if (isUniqueViolation(error)) return fail('题库里已有相同题干的题目，没有保存。');
    throw error;
  }
}

/** Retire (never drawn again, kept for past attempts) or bring back questions of one bank. */
export async function setRetired(db: Db, input: { bankId: number; questionIds: number[]; retired: boolean }, now = Date.now()): Promise<BankResult> {
  if (input.questionIds.length === 0) return fail('请先选择题目。');
  try {
    const changed = await db
      .update(questions)
      .set({ retiredAt: input.retired ? now : null, updatedAt: now })
      .where(and(eq(questions.bankId, input.bankId), inArray(questions.id, input.questionIds)))
      .returning({ id: questions.id });
    return ok(input.retired ? `已停用 ${changed.length} 道题。` : `已恢复 ${changed.length} 道题。`);
  } catch (error) {
    if (isUniqueViolation(error)) return fail('题库里已有相同题干的题目在用，不能恢复这道题。');
    throw error;
  }
}

/** For the bank page's duplicate check as organisers type a stem. */
export async function findSameStem(db: Db, bankId: number, stem: string): Promise<number | undefined> {
  const rows = await db
    .select({ id: questions.id })
    .from(questions)
    .where(and(eq(questions.bankId, bankId), eq(questions.stemKey, stemKey(stem)), isNull(questions.retiredAt)));
  return rows[0]?.id;
}

