import { eq } from 'drizzle-orm';
import { branches, users } from '../../../db/schema';
import { claimImportBatch, holdImportBatch } from './import-batches';
import { validateLearnerRows, type ImportPreview, type ValidLearnerRow } from '../learner-import';
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

/** Validates the rows and keeps the valid ones for confirmation. Nothing is imported yet. */
export async function previewImport(
  db: Db,
  actorId: number,
  fileName: string,
  rows: string[][],
  now = Date.now(),
): Promise<{ batchId: number | null; preview: ImportPreview }> {
  const preview = validateLearnerRows(rows, await importContext(db));
  if (preview.fileErrors.length > 0 || preview.valid.length === 0) return { batchId: null, preview };
  const batchId = await holdImportBatch(
    db,
    { kind: 'learners', targetId: null, actorId, fileName, rows: preview.valid, invalidCount: preview.invalid.length },
    now,
  );
  return { batchId, preview };
}

export interface ImportedPerson {
  name: string;
  phone: string;
  branchName: string;
  code: string;
}

export type ConfirmResult = Result<{ imported: ImportedPerson[]; skipped: Array<{ row: number; name: string; reason: string }>; expiresAt: number }>;

/**
 * Imports a previewed batch in one write transaction: every valid row becomes a learner's account
 * with a 30-day first sign-in code, or none does. Rows whose phone was registered since the preview are
 * skipped and listed. A batch is imported once.
 */
export async function confirmImport(db: Db, actorId: number, batchId: number, now = Date.now()): Promise<ConfirmResult> {
  const expiresAt = now + SIGNIN_CODE_LIFETIME;
  return db.transaction(async (tx) => {
    const rows = await claimImportBatch<ValidLearnerRow>(tx, { kind: 'learners', targetId: null, actorId, batchId }, now);
    if (!rows) return fail('这批名单已经导入过，或者检查结果已超过一天（为保护个人信息已删除），或者不是您上传的。请重新上传文件。');
    const branchNames = new Map((await tx.select().from(branches)).map((b) => [b.id, b.name]));
    const imported: ImportedPerson[] = [];
    const skipped: Array<{ row: number; name: string; reason: string }> = [];
    for (const row of rows) {
      const taken = await tx.select({ id: users.id }).from(users).where(eq(users.phone, row.phone));
      if (taken.length > 0) {
        skipped.push({ row: row.row, name: row.name, reason: '预览之后这个手机号已经注册了' });
        continue;
      }
      if (!branchNames.has(row.branchId)) {
        skipped.push({ row: row.row, name: row.name, reason: '预览之后这个党支部被删除了' });
        continue;
      }
      // Learners only, whatever an older batch says: a printed code never opens a staff account.
      const userId = await insertUser(tx, { phone: row.phone, displayName: row.name, branchId: row.branchId, passwordHash: null, roles: ['learner'] }, now);
      const { code } = await storeNewCode(tx, { userId, purpose: 'signin', createdBy: actorId }, now);
      imported.push({ name: row.name, phone: row.phone, branchName: branchNames.get(row.branchId) ?? '', code: formatOneTimeCode(code) });
    }
    return ok({ imported, skipped, expiresAt });
  });
}
