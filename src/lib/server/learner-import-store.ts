import { eq } from 'drizzle-orm';
import { branches, users } from '../../../db/schema';
import { claimImportBatch, dropImportSource, holdImportBatch, readImportSource, SOURCE_GONE } from './import-batches';
import { applyChosenFields, groupLayouts, type MatchingStep } from '../column-matching';
import { saveMatching, savedMatchings } from './import-matchings';
import {
  LEARNER_FIELDS,
  learnerLayoutRecognised,
  planLearnerImport,
  previewLearnerRows,
  validateLearnerRows,
  withoutIgnoredColumns,
  type ImportPreview,
  type ValidLearnerRow,
} from '../learner-import';
import type { Db } from './db';
import { fail, ok, type Result } from '../result';
import { formatOneTimeCode } from '../one-time-code';
import { SIGNIN_CODE_LIFETIME, storeNewCode } from './reset-codes';
import { insertUser } from './users';

async function importContext(db: Db): Promise<{ existingPhones: Set<string>; branches: Map<string, number> }> {
  const [phones, branchRows] = await Promise.all([
    db.select({ phone: users.phone }).from(users),
    db.select({ id: branches.id, name: branches.name }).from(branches),
  ]);
  return { existingPhones: new Set(phones.map((p) => p.phone)), branches: new Map(branchRows.map((b) => [b.name, b.id])) };
}

export interface LearnerImportOutcome {
  batchId: number | null;
  preview: ImportPreview;
  /** Null when every column was recognised (our template, or a roster's known names). */
  matching: MatchingStep | null;
}

/**
 * Validates the rows and keeps the valid ones for confirmation. Nothing is imported yet. A roster
 * whose columns are not all recognised is held too (24 h at most, with the personal columns the
 * import never uses emptied first) so the admin can change the matching and check again.
 */
export async function previewImport(db: Db, actorId: number, fileName: string, rows: string[][], now = Date.now()): Promise<LearnerImportOutcome> {
  const context = await importContext(db);
  const layout = planLearnerImport(rows, await savedMatchings(db, 'learners'));
  if (layout === undefined) return { batchId: null, preview: validateLearnerRows(rows, context), matching: null };
  const preview = previewLearnerRows(rows, layout, context);
  if (learnerLayoutRecognised(layout)) return { ...(await holdValidLearners(db, actorId, fileName, preview, now)), matching: null };
  const sourceId = await holdImportBatch(
    db,
    { kind: 'learners-source', targetId: null, actorId, fileName, rows: withoutIgnoredColumns(rows, layout), invalidCount: 0 },
    now,
  );
  const checked = await holdValidLearners(db, actorId, fileName, preview, now);
  return { ...checked, matching: sourceId === null ? null : { sourceId, groups: groupLayouts([layout]) } };
}

/** The matching step: checks the held roster again with the admin's choice for each column. */
export async function recheckImport(
  db: Db,
  input: { actorId: number; sourceId: number; fields: string[]; save: boolean },
  now = Date.now(),
): Promise<Result<LearnerImportOutcome & { fileName: string }>> {
  const held = await readImportSource<string[][]>(db, { kind: 'learners-source', targetId: null, actorId: input.actorId, batchId: input.sourceId }, now);
  if (!held) return fail(SOURCE_GONE);
  const planned = planLearnerImport(held.source);
  const layouts = planned === undefined ? SOURCE_GONE : applyChosenFields([planned], input.fields, LEARNER_FIELDS);
  if (typeof layouts === 'string') return fail(layouts);
  const groups = groupLayouts(layouts);
  if (input.save) for (const group of groups) await saveMatching(db, 'learners', group.signature, group.columns.map((column) => column.field), now);
  const layout = layouts[0];
  const preview = layout === undefined ? validateLearnerRows([], await importContext(db)) : previewLearnerRows(held.source, layout, await importContext(db));
  const checked = await holdValidLearners(db, input.actorId, held.fileName, preview, now);
  return ok({ ...checked, fileName: held.fileName, matching: { sourceId: input.sourceId, groups } });
}

async function holdValidLearners(db: Db, actorId: number, fileName: string, preview: ImportPreview, now: number): Promise<{ batchId: number | null; preview: ImportPreview }> {
  if (preview.fileErrors.length > 0 || preview.valid.length === 0) return { batchId: null, preview };
  const batchId = await holdImportBatch(db, { kind: 'learners', targetId: null, actorId, fileName, rows: preview.valid, invalidCount: preview.invalid.length }, now);
  return { batchId, preview };
}

export interface ImportedPerson {
  name: string;
  phone: string;
  branchName: string;
  code: string;
}

export type ConfirmResult = Result<{ imported: ImportedPerson[]; skipped: Array<{ row: number; name: string; reason: string }>; expiresAt: number; createdBranches: string[] }>;

/**
 * Imports a previewed batch in one write transaction: every valid row becomes a learner's account
 * with a 30-day first sign-in code, or none does. A row whose 党支部 is new is imported only when the
 * admin ticked that branch (`newBranches`), which is then created (or found, if someone created it
 * since the preview). Rows whose phone was registered since the preview are skipped and listed. A
 * batch is imported once; the held file, if any, is deleted.
 */
export async function confirmImport(
  db: Db,
  actorId: number,
  batchId: number,
  options: { newBranches?: readonly string[]; sourceId?: number | undefined } = {},
  now = Date.now(),
): Promise<ConfirmResult> {
  const expiresAt = now + SIGNIN_CODE_LIFETIME;
  const confirmed = new Set(options.newBranches ?? []);
  return db.transaction(async (tx) => {
    const rows = await claimImportBatch<ValidLearnerRow>(tx, { kind: 'learners', targetId: null, actorId, batchId }, now);
    if (!rows) return fail('这批名单已经导入过，或者检查结果已超过一天（为保护个人信息已删除），或者不是您上传的。请重新上传文件。');
    if (options.sourceId !== undefined) await dropImportSource(tx, { kind: 'learners-source', targetId: null, actorId, batchId: options.sourceId });
    const branchNames = new Map((await tx.select().from(branches)).map((b) => [b.id, b.name]));
    const branchIds = new Map([...branchNames].map(([id, name]) => [name, id]));
    const created: string[] = [];
    const imported: ImportedPerson[] = [];
    const skipped: Array<{ row: number; name: string; reason: string }> = [];
    for (const row of rows) {
      let branchId = row.branchId;
      if (row.newBranch !== undefined) {
        if (!confirmed.has(row.newBranch)) {
          skipped.push({ row: row.row, name: row.name, reason: `没有勾选新建党支部“${row.newBranch}”` });
          continue;
        }
        branchId = branchIds.get(row.newBranch) ?? null;
        if (branchId === null) {
          const inserted = await tx.insert(branches).values({ name: row.newBranch, createdAt: now }).returning({ id: branches.id });
          branchId = inserted[0]?.id ?? null;
          if (branchId === null) continue;
          branchIds.set(row.newBranch, branchId);
          branchNames.set(branchId, row.newBranch);
          created.push(row.newBranch);
        }
      }
      const taken = await tx.select({ id: users.id }).from(users).where(eq(users.phone, row.phone));
      if (taken.length > 0) {
        skipped.push({ row: row.row, name: row.name, reason: '预览之后这个手机号已经注册了' });
        continue;
      }
      if (branchId === null || !branchNames.has(branchId)) {
        skipped.push({ row: row.row, name: row.name, reason: '预览之后这个党支部被删除了' });
        continue;
      }
      // Learners only, whatever an older batch says: a printed code never opens a staff account.
      const userId = await insertUser(tx, { phone: row.phone, displayName: row.name, branchId, passwordHash: null, roles: ['learner'] }, now);
      const { code } = await storeNewCode(tx, { userId, purpose: 'signin', createdBy: actorId }, now);
      imported.push({ name: row.name, phone: row.phone, branchName: branchNames.get(branchId) ?? '', code: formatOneTimeCode(code) });
    }
    return ok({ imported, skipped, expiresAt, createdBranches: created });
  });
}
