import { and, count, desc, eq, gt, inArray, lte, ne, or, isNull, sql } from 'drizzle-orm';
import { auditLog, users } from '../../../db/schema';
import type { Db, Writer } from './db';
import { NOTICE_KINDS, type AuditDetail, type AuditEntry, type AuditKind } from '../audit-text';

/** Security events are kept a year, then deleted (PIPL: no longer than needed to look into misuse). */
export const AUDIT_RETENTION = 365 * 24 * 60 * 60 * 1000;

export interface AuditEvent {
  kind: AuditKind;
  /** Who did it: null from the server's shell. */
  actorId: number | null;
  /** Whose account it concerns, when it concerns one. */
  subjectId?: number | null;
  detail?: AuditDetail;
}


/**
 * Writes one security event, in the caller's transaction when given one (so the event and the
 * change it records commit together). Names are copied now, so the entry still reads after an
 * account is closed. Entries past their year go at the same time: no scheduled job is needed.
 */
export async function recordAudit(db: Writer, event: AuditEvent, now = Date.now()): Promise<void> {
  const ids = [event.actorId, event.subjectId].filter((id): id is number => typeof id === 'number');
  const names = new Map(
    ids.length > 0 ? (await db.select({ id: users.id, name: users.displayName }).from(users).where(inArray(users.id, ids))).map((row) => [row.id, row.name] as const) : [],
  );
  await db.insert(auditLog).values({
    at: now,
    kind: event.kind,
    actorId: event.actorId,
    actorName: event.actorId === null ? '' : (names.get(event.actorId) ?? ''),
    subjectId: event.subjectId ?? null,
    subjectName: event.subjectId ? (names.get(event.subjectId) ?? '') : '',
    detail: JSON.stringify(event.detail ?? {}),
  });
  await db.delete(auditLog).where(lte(auditLog.at, now - AUDIT_RETENTION));
}

function toEntry(row: typeof auditLog.$inferSelect): AuditEntry & { id: number } {
  let detail: AuditDetail = {};
  try {
    detail = JSON.parse(row.detail) as AuditDetail;
  } catch {
    detail = {};
  }
  return { id: row.id, at: row.at, kind: row.kind, actorId: row.actorId, actorName: row.actorName, subjectName: row.subjectName, detail };
}

export const AUDIT_PAGE_SIZE = 50;

/** One page of the log, newest first, and how many pages there are. */
export async function listAudit(db: Db, page: number): Promise<{ entries: Array<AuditEntry & { id: number }>; pages: number }> {
  const [total] = await db.select({ n: count() }).from(auditLog);
  const pages = Math.max(1, Math.ceil(Number(total?.n ?? 0) / AUDIT_PAGE_SIZE));
  const rows = await db
    .select()
    .from(auditLog)
    .orderBy(desc(auditLog.at), desc(auditLog.id))
    .limit(AUDIT_PAGE_SIZE)
    .offset((Math.min(Math.max(page, 1), pages) - 1) * AUDIT_PAGE_SIZE);
  return { entries: rows.map(toEntry), pages };
}

/**
 * When someone else first issued a code for the person (or reset their two-step sign-in) since they
 * last looked, or null: a sign-in after that time shows the notice first.
 */
export const firstUnseenNoticeAt = sql<number | null>`(select min(${auditLog.at}) from ${auditLog} where ${auditLog.subjectId} = ${users.id}
  and ${auditLog.kind} in (${sql.join(NOTICE_KINDS.map((kind) => sql`${kind}`), sql`, `)})
  and ${auditLog.at} > coalesce(${users.noticesSeenAt}, 0)
  and (${auditLog.actorId} is null or ${auditLog.actorId} <> ${users.id}))`;

/** The notices not yet shown to the person, oldest first; marks them shown. */
export async function takeNotices(db: Db, userId: number, now = Date.now()): Promise<AuditEntry[]> {
  const seen = (await db.select({ at: users.noticesSeenAt }).from(users).where(eq(users.id, userId)))[0]?.at ?? 0;
  const rows = await db
    .select()
    .from(auditLog)
    .where(
      and(
        eq(auditLog.subjectId, userId),
        inArray(auditLog.kind, [...NOTICE_KINDS]),
        gt(auditLog.at, seen),
        lte(auditLog.at, now),
        or(isNull(auditLog.actorId), ne(auditLog.actorId, userId)),
      ),
    )
    .orderBy(auditLog.at);
  await db.update(users).set({ noticesSeenAt: now }).where(eq(users.id, userId));
  return rows.map(toEntry);
}
