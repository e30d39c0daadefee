import { and, eq, isNull, sql } from 'drizzle-orm';
import { branches, ROLES, totpCredentials, userRoles, users, type Role } from '../../../db/schema';
import type { Db } from './db';
import { firstUnseenNoticeAt } from './audit';
import { isDemoMode } from './demo';

export interface User {
  id: number;
  phone: string;
  displayName: string;
  branchId: number | null;
  branchName: string | null;
  roles: Role[];
  volunteer: boolean;
  /** May approve studio courses (a flag an admin sets on an instructor). */
  reviewer: boolean;
  disabled: boolean;
  hasPassword: boolean;
  /** Signs in with an authenticator app as a second step. */
  twoFactorEnabled: boolean;
  /** When they agreed to the 个人信息保护说明; null until they have (people created by import). */
  privacyAcceptedAt: number | null;
  /**
   * When someone else first issued them a code (or reset their two-step sign-in) since they last
   * looked; null when nothing is waiting. Shown at the next sign-in after that time.
   */
  unseenNoticeAt: number | null;
  /** 入党日期 (YYYY-MM-DD) if the member recorded it in /account/: their 政治生日. */
  partyJoinedOn: string | null;
}

/**
 * A person as one JSON column: the session lookup on every request joins it in, and SQLite's
 * driver costs about as much per column as per row, so one column is much cheaper than twelve.
 */
export const userRecord = sql<string>`json_object(
  'id', ${users.id},
  'phone', ${users.phone},
  'displayName', ${users.displayName},
  'branchId', ${users.branchId},
  'branchName', ${branches.name},
  'volunteer', ${users.volunteer},
  'reviewer', ${users.reviewer},
  'disabledAt', ${users.disabledAt},
  'hasPassword', ${users.passwordHash} is not null,
  'roles', (select group_concat(${userRoles.role}) from ${userRoles} where ${userRoles.userId} = ${users.id}),
  'twoFactor', exists (select 1 from ${totpCredentials} where ${totpCredentials.userId} = ${users.id}),
  'privacyAcceptedAt', ${users.privacyAcceptedAt},
  'unseenNoticeAt', ${firstUnseenNoticeAt},
  'partyJoinedOn', ${users.partyJoinedOn}
)`;

interface UserRecord {
  id: number;
  phone: string;
  displayName: string;
  branchId: number | null;
  branchName: string | null;
  volunteer: number;
  reviewer: number;
  disabledAt: number | null;
  hasPassword: number;
  roles: string | null;
  twoFactor: number;
  privacyAcceptedAt: number | null;
  unseenNoticeAt: number | null;
  partyJoinedOn: string | null;
}

export function toUser(json: string): User {
  const row = JSON.parse(json) as UserRecord;
  return {
    id: row.id,
    phone: row.phone,
    displayName: row.displayName,
    branchId: row.branchId,
    branchName: row.branchName,
    roles: (row.roles ? row.roles.split(',') : []).filter((role): role is Role => (ROLES as readonly string[]).includes(role)),
    volunteer: Boolean(row.volunteer),
    reviewer: Boolean(row.reviewer),
    disabled: row.disabledAt !== null,
    hasPassword: Boolean(row.hasPassword),
    twoFactorEnabled: Boolean(row.twoFactor),
    privacyAcceptedAt: row.privacyAcceptedAt ?? null,
    unseenNoticeAt: row.unseenNoticeAt ?? null,
    partyJoinedOn: row.partyJoinedOn ?? null,
  };
}

/** One query: the person, their branch's name and their roles. */
export async function getUser(db: Db, id: number): Promise<User | null> {
  const rows = await db.select({ user: userRecord }).from(users).leftJoin(branches, eq(branches.id, users.branchId)).where(eq(users.id, id));
  const row = rows[0];
  return row ? toUser(row.user) : null;
}

export async function findUserByPhone(db: Db, phone: string): Promise<{ id: number; passwordHash: string | null; disabledAt: number | null } | undefined> {
  const rows = await db
    .select({ id: users.id, passwordHash: users.passwordHash, disabledAt: users.disabledAt })
    .from(users)
    .where(eq(users.phone, phone));
  return rows[0];
}

export interface NewUser {
  phone: string;
  displayName: string;
  branchId: number | null;
  passwordHash: string | null;
  roles: Role[];
  volunteer?: boolean;
  /**
   * When the person agreed to the 个人信息保护说明. Leave it out for people who have not seen it
   * (an import, an admin created from the shell): they are shown the notice at their first sign-in.
   */
  privacyAcceptedAt?: number | null;
  /** Made by the demo; by default, whether demo mode is on. */
  demo?: boolean;
}

/**
 * Inside the caller's transaction when given one; the phone's unique index stops duplicates.
 * Every account made while demo mode is on (the seed, registration with the demo invitation) is
 * marked demo: demo mode refuses a database holding any other account.
 */
export async function insertUser(db: Pick<Db, 'insert'>, user: NewUser, now = Date.now()): Promise<number> {
  const inserted = await db
    .insert(users)
    .values({
      phone: user.phone,
      displayName: user.displayName,
      branchId: user.branchId,
      passwordHash: user.passwordHash,
      volunteer: user.volunteer ?? false,
      privacyAcceptedAt: user.privacyAcceptedAt ?? null,
      demo: user.demo ?? isDemoMode(),
      createdAt: now,
    })
    .returning({ id: users.id });
  const id = inserted[0]?.id;
  if (id === undefined) throw new Error('insert user returned no id');
  const roles = user.roles.length > 0 ? user.roles : (['learner'] as Role[]);
  await db.insert(userRoles).values(roles.map((role) => ({ userId: id, role })));
  return id;
}

/** The person read the 个人信息保护说明 and agreed (the first time counts; later clicks change nothing). */
export async function acceptPrivacyNotice(db: Db, userId: number, now = Date.now()): Promise<void> {
  await db.update(users).set({ privacyAcceptedAt: now }).where(and(eq(users.id, userId), isNull(users.privacyAcceptedAt)));
}

/** The member's own 入党日期 (already checked by parseJoinDate), or null to forget it. */
export async function setPartyJoinedOn(db: Db, userId: number, joinedOn: string | null): Promise<void> {
  await db.update(users).set({ partyJoinedOn: joinedOn }).where(eq(users.id, userId));
}
