import { and, eq, gt, isNull, lte } from 'drizzle-orm';
import { importBatches } from '../../../db/schema';
import type { Db } from './db';

type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];
type Kind = (typeof importBatches.$inferInsert)['kind'] & string;

interface BatchOwner {
  kind: Kind;
  /** The question bank's id for questions; null for learners. */
  targetId: number | null;
  actorId: number;
}

/**
 * PIPL: a batch holds names and phone numbers of people, so it is kept one day, confirmed or not:
 * long enough to check a file, fix it and confirm, and never as a second copy of the people list.
 */
export const IMPORT_BATCH_LIFETIME = 24 * 60 * 60 * 1000;

/**
 * Deletes batches older than a day. No scheduler is needed: it runs when the server starts and on
 * every new preview and confirmation, so an old batch never outlives the next import by anyone.
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
      and(
        eq(importBatches.id, owner.batchId),
        eq(importBatches.kind, owner.kind),
        owner.targetId === null ? isNull(importBatches.targetId) : eq(importBatches.targetId, owner.targetId),
        eq(importBatches.createdBy, owner.actorId),
        isNull(importBatches.importedAt),
        gt(importBatches.createdAt, now - IMPORT_BATCH_LIFETIME),
      ),
    )
    .returning({ rows: importBatches.rows });
  const batch = claimed[0];
  return batch ? (JSON.parse(batch.rows) as Row[]) : null;
}
