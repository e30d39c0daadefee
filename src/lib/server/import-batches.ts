import { and, eq, gt, isNull, lte } from 'drizzle-orm';
import { importBatches } from '../../../db/schema';
import type { Db, Tx } from './db';
import { IMPORT_BATCH_LIFETIME } from '../retention';

export { IMPORT_BATCH_LIFETIME };

type Kind = (typeof importBatches.$inferInsert)['kind'] & string;

interface BatchOwner {
  kind: Kind;
  /** The question bank's id for questions; null for learners. */
  targetId: number | null;
  actorId: number;
}

/**
 * Deletes batches older than a day (IMPORT_BATCH_LIFETIME, src/lib/retention.ts). No scheduler is
 * needed: the server's start purges them (src/cluster.mjs) and so does every new preview and
 * confirmation, so an old batch never outlives the next import or the next restart.
 */
export async function purgeImportBatches(db: Pick<Db, 'delete'>, now = Date.now()): Promise<number> {
  const deleted = await db.delete(importBatches).where(lte(importBatches.createdAt, now - IMPORT_BATCH_LIFETIME));
  return deleted.rowsAffected;
}

/** Keeps a preview's valid rows until the uploader confirms; returns the batch id. */
export async function holdImportBatch(
  db: Db,
  batch: BatchOwner & { fileName: string; rows: unknown[]; invalidCount: number },
  now = Date.now(),
): Promise<number | null> {
  await purgeImportBatches(db, now);
  const inserted = await db
    .insert(importBatches)
    .values({
      kind: batch.kind,
      targetId: batch.targetId,
      createdBy: batch.actorId,
      fileName: batch.fileName.slice(0, 200),
      rows: JSON.stringify(batch.rows),
      invalidCount: batch.invalidCount,
      createdAt: now,
    })
    .returning({ id: importBatches.id });
  return inserted[0]?.id ?? null;
}

/** This person's batch for this target, not imported yet and less than a day old. */
function stillHeld(owner: BatchOwner & { batchId: number }, now: number) {
  return and(
    eq(importBatches.id, owner.batchId),
    eq(importBatches.kind, owner.kind),
    owner.targetId === null ? isNull(importBatches.targetId) : eq(importBatches.targetId, owner.targetId),
    eq(importBatches.createdBy, owner.actorId),
    isNull(importBatches.importedAt),
    gt(importBatches.createdAt, now - IMPORT_BATCH_LIFETIME),
  );
}

/**
 * Marks a held batch imported and returns its rows, inside the caller's transaction; null when
 * it was imported already, is more than a day old, or is not this person's batch for this target.
 * Claiming first makes confirming twice (a double click, two tabs) import once.
 */
export async function claimImportBatch<Row>(tx: Tx, owner: BatchOwner & { batchId: number }, now: number): Promise<Row[] | null> {
  await purgeImportBatches(tx, now);
  const claimed = await tx
    .update(importBatches)
    .set({ importedAt: now })
    .where(
      stillHeld(owner, now),
    )
    .returning({ rows: importBatches.rows });
  const batch = claimed[0];
  return batch ? (JSON.parse(batch.rows) as Row[]) : null;
}

/** What a re-check says when the held file is gone. */
export const SOURCE_GONE = '这个文件已经导入过了，或者上传已超过一天（已删除）。请重新上传文件。';

/**
 * A file's rows held while the uploader matches its columns (kind questions-source or
 * learners-source); null when gone, imported, more than a day old, or someone else's.
 */
export async function readImportSource<Source>(db: Db, owner: BatchOwner & { batchId: number }, now = Date.now()): Promise<{ fileName: string; source: Source } | null> {
  const found = await db
    .select({ fileName: importBatches.fileName, rows: importBatches.rows })
    .from(importBatches)
    .where(
      stillHeld(owner, now),
    );
  const batch = found[0];
  return batch ? { fileName: batch.fileName, source: JSON.parse(batch.rows) as Source } : null;
}

/** Deletes a held file once its import is confirmed: it is kept no longer than it is needed. */
export async function dropImportSource(tx: Pick<Db, 'delete'>, owner: BatchOwner & { batchId: number }): Promise<void> {
  await tx
    .delete(importBatches)
    .where(and(eq(importBatches.id, owner.batchId), eq(importBatches.kind, owner.kind), eq(importBatches.createdBy, owner.actorId)));
}
