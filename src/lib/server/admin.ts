import { and, asc, count, countDistinct, eq, gte, like, or, sql } from 'drizzle-orm';
import { branches, invitations, ROLES, studyDays, userRoles, users, type Role } from '../../../db/schema';
import { toUser, userRecord, type User } from './users';
import { beijingDay } from '../beijing-time';
import type { Db } from './db';
import { invalidateUserSessions } from './session';
import { voidCodes } from './reset-codes';
import { isUniqueViolation } from './auth';
import { recordAudit } from './audit';
import { handBackAllHeldBy } from './help-requests';
import { ACCOUNT_DISABLED_NOTE, FLAG_REVOKED_NOTE } from '../help-requests';
import { fail, ok, type Result } from '../result';
import { encodeBase32UpperCaseNoPadding } from '@oslojs/encoding';

/** A person as the admin's list shows them: the same record as everywhere, plus their last sign-in. */
export type AdminUserRow = User & { lastSeenAt: number | null };

/** Up to 50 people whose name or phone contains `query` (all when empty), newest first, in one query. */
export async function searchUsers(db: Db, query: string): Promise<AdminUserRow[]> {
  const pattern = `%${query.replace(/[%_\\]/g, (c) => `\\${c}`)}%`;
  const rows = await db
    .select({ user: userRecord, lastSeenAt: users.lastSeenAt })
    .from(users)
    .leftJoin(branches, eq(branches.id, users.branchId))
    .where(query ? or(sql`${users.displayName} like ${pattern} escape '\\'`, like(users.phone, pattern)) : undefined)
    .orderBy(sql`${users.id} desc`)
    .limit(50);
  return rows.map((row) => ({ ...toUser(row.user), lastSeenAt: row.lastSeenAt }));
}

/**
 * Roles, branch and disabled state of one person, in one transaction. An admin cannot take their
 * own admin role away or disable themselves (the site must keep an admin who can sign in).
 */
export async function updateUser(
  db: Db,
  actorId: number,
  input: { userId: number; roles: Role[]; branchId: number | null; disabled: boolean; volunteer?: boolean; reviewer?: boolean },
  now = Date.now(),
): Promise<Result<string>> {
  if (input.userId === actorId && (!input.roles.includes('admin') || input.disabled)) {
    return fail('不能取消自己的管理员角色，也不能停用自己的账号。');
  }
  const roles = input.roles.filter((role) => ROLES.includes(role));
  const result = await db.transaction(async (tx) => {
    const target = (await tx.select({ id: users.id, disabledAt: users.disabledAt, volunteer: users.volunteer, reviewer: users.reviewer }).from(users).where(eq(users.id, input.userId)))[0];
    if (!target) return fail('没有找到这位同志的账号。');
    const before = (await tx.select({ role: userRoles.role }).from(userRoles).where(eq(userRoles.userId, input.userId))).map((row) => row.role);
    if (input.branchId !== null) {
      const branch = await tx.select({ id: branches.id }).from(branches).where(eq(branches.id, input.branchId));
      if (branch.length === 0) return fail('没有这个党支部，请刷新页面后重选。');
    }
    await tx
      .update(users)
      .set({
        branchId: input.branchId,
        disabledAt: input.disabled ? (target.disabledAt ?? now) : null,
        ...(input.volunteer === undefined ? {} : { volunteer: input.volunteer }),
        ...(input.reviewer === undefined ? {} : { reviewer: input.reviewer }),
      })
      .where(eq(users.id, input.userId));
    await tx.delete(userRoles).where(eq(userRoles.userId, input.userId));
    const after = roles.length ? roles : (['learner'] as Role[]);
    await tx.insert(userRoles).values(after.map((role) => ({ userId: input.userId, role })));
    // A new staff account is never opened by a code printed earlier (an import's first sign-in code).
    if (after.some((role) => role !== 'learner' && !before.includes(role))) await voidCodes(tx, input.userId, now);
    const sorted = (list: readonly Role[]): string => [...list].sort().join(',');
    if (sorted(before) !== sorted(after)) await recordAudit(tx, { kind: 'roles.change', actorId, subjectId: input.userId, detail: { before, after } }, now);
    // The flag shows requesters' phone numbers once a request is claimed: granting it is a security event.
    if (input.volunteer !== undefined && input.volunteer !== target.volunteer) {
      await recordAudit(tx, { kind: input.volunteer ? 'volunteer.grant' : 'volunteer.revoke', actorId, subjectId: input.userId }, now);
    }
    // The reviewer flag decides what learners are taught: granting and taking it away are recorded the same way.
    if (input.reviewer !== undefined && input.reviewer !== target.reviewer) {
      await recordAudit(tx, { kind: input.reviewer ? 'reviewer.grant' : 'reviewer.revoke', actorId, subjectId: input.userId }, now);
    }
    // Without the flag, or signed out for good, they can no longer help: what they held goes back
    // to the queue now, in this transaction, rather than staying 志愿者正在处理 until someone notices.
    const revoked = input.volunteer === false && target.volunteer;
    if (revoked || (input.disabled && target.disabledAt === null)) {
      await handBackAllHeldBy(tx, { volunteerId: input.userId, actorId, note: revoked ? FLAG_REVOKED_NOTE : ACCOUNT_DISABLED_NOTE, now });
    }
    if (input.disabled && target.disabledAt === null) await recordAudit(tx, { kind: 'account.disable', actorId, subjectId: input.userId }, now);
    // Signed out in the same transaction: a disabled account never keeps a session open.
    if (input.disabled) await invalidateUserSessions(tx, input.userId);
    if (!input.disabled && target.disabledAt !== null) await recordAudit(tx, { kind: 'account.enable', actorId, subjectId: input.userId }, now);
    return ok('已保存。');
  });
  return result;
}

export async function listBranches(db: Db): Promise<Array<{ id: number; name: string; members: number }>> {
  return db
    .select({ id: branches.id, name: branches.name, members: count(users.id) })
    .from(branches)
    .leftJoin(users, eq(users.branchId, branches.id))
    .groupBy(branches.id)
    .orderBy(asc(branches.name));
}

export async function createBranch(db: Db, name: string, now = Date.now()): Promise<Result<string>> {
  try {
    await db.insert(branches).values({ name, createdAt: now });
    return ok(`已添加“${name}”。`);
  } catch (error) {
    if (isUniqueViolation(error)) return fail('已经有同名的党支部了。');
    throw error;
  }
}

export async function renameBranch(db: Db, id: number, name: string): Promise<Result<string>> {
  try {
    const updated = await db.update(branches).set({ name }).where(eq(branches.id, id)).returning({ id: branches.id });
    return updated.length ? ok('已改名。') : fail('没有找到这个党支部。');
  } catch (error) {
    if (isUniqueViolation(error)) return fail('已经有同名的党支部了。');
    throw error;
  }
}

/** Eight readable characters, no 0/O or 1/I confusion (base32 has neither 0, 1 nor 8, 9). */
function invitationCode(): string {
  const bytes = new Uint8Array(5);
  crypto.getRandomValues(bytes);
  return encodeBase32UpperCaseNoPadding(bytes);
}

export async function createInvitation(
  db: Db,
  input: { branchId: number | null; maxUses: number; days: number; createdBy: number },
  now = Date.now(),
): Promise<string> {
  const code = invitationCode();
  await db.transaction(async (tx) => {
    await tx.insert(invitations).values({
      code,
      branchId: input.branchId,
      maxUses: input.maxUses,
      expiresAt: now + input.days * 86_400_000,
      createdBy: input.createdBy,
      createdAt: now,
    });
    const branchName = input.branchId === null ? null : ((await tx.select({ name: branches.name }).from(branches).where(eq(branches.id, input.branchId)))[0]?.name ?? null);
    await recordAudit(tx, { kind: 'invitation.issue', actorId: input.createdBy, detail: { branchName, maxUses: input.maxUses } }, now);
  });
  return code;
}

/** The newest 100 invitation codes; only one branch's when `branchId` is given (a 支部联络员's page). */
export async function listInvitations(db: Db, branchId?: number): Promise<Array<typeof invitations.$inferSelect & { branchName: string | null }>> {
  const rows = await db
    .select({ invitation: invitations, branchName: branches.name })
    .from(invitations)
    .leftJoin(branches, eq(branches.id, invitations.branchId))
    .where(branchId === undefined ? undefined : eq(invitations.branchId, branchId))
    .orderBy(sql`${invitations.createdAt} desc`)
    .limit(100);
  return rows.map((row) => ({ ...row.invitation, branchName: row.branchName }));
}

/** Learners who studied on at least one day of each of the last `weeks` Beijing weeks (7-day windows). */
export async function weeklyActiveLearners(db: Db, weeks: number, now = Date.now()): Promise<Array<{ from: string; to: string; learners: number }>> {
  const result = [];
  for (let week = weeks - 1; week >= 0; week -= 1) {
    const end = now - week * 7 * 86_400_000;
    const from = beijingDay(end - 6 * 86_400_000);
    const to = beijingDay(end);
    const rows = await db
      .select({ learners: countDistinct(studyDays.userId) })
      .from(studyDays)
      .where(and(gte(studyDays.day, from), sql`${studyDays.day} <= ${to}`, sql`${studyDays.seconds} > 0`));
    result.push({ from, to, learners: Number(rows[0]?.learners ?? 0) });
  }
  return result;
}

export async function siteTotals(db: Db): Promise<{ users: number; branches: number }> {
  const [u] = await db.select({ n: count() }).from(users);
  const [b] = await db.select({ n: count() }).from(branches);
  return { users: Number(u?.n ?? 0), branches: Number(b?.n ?? 0) };
}
