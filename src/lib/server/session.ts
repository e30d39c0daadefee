import { sha256 } from '@oslojs/crypto/sha2';
import { constantTimeEqual } from '@oslojs/crypto/subtle';
import { encodeBase32LowerCaseNoPadding } from '@oslojs/encoding';
import { and, eq, lt, ne, or, sql } from 'drizzle-orm';
import { branches, sessions, users, type Role } from '../../../db/schema';
import type { Db, Writer } from './db';
import { toUser, userRecord, type User } from './users';
import { isStaff } from '../permissions';

const MINUTE = 60 * 1000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
/** Learners are signed out after 30 days without a visit… */
export const INACTIVITY_TIMEOUT = 30 * DAY;
/** …and after 180 days whatever happens. */
export const ABSOLUTE_LIFETIME = 180 * DAY;
/** Password given, authenticator code not yet: the half-finished sign-in lapses after 10 minutes. */
export const SECOND_STEP_LIFETIME = 10 * MINUTE;

/**
 * How long a session lasts without activity and in all, and how often its activity is written.
 * Writing activity at most once per `renewAfter` keeps reads cheap: a request is a read, not a
 * write, except for one every few minutes (staff) or once a day (learners). A page that keeps
 * refreshing (a door tablet, the hall screen) renews its session each time `renewAfter` has passed.
 */
export interface SessionPolicy {
  idle: number;
  absolute: number;
  renewAfter: number;
}

export const LEARNER_SESSION: SessionPolicy = { idle: INACTIVITY_TIMEOUT, absolute: ABSOLUTE_LIFETIME, renewAfter: DAY };
/** Instructors, organisers and branch liaisons: 12 idle hours (a working day, a contest afternoon). */
export const STAFF_SESSION: SessionPolicy = { idle: 12 * HOUR, absolute: ABSOLUTE_LIFETIME, renewAfter: 15 * MINUTE };
/** Admins: 2 idle hours, 12 hours in all. */
export const ADMIN_SESSION: SessionPolicy = { idle: 2 * HOUR, absolute: 12 * HOUR, renewAfter: 5 * MINUTE };

/** The strictest policy among the roles a person holds (held, whether or not yet usable). */
export function sessionPolicy(roles: readonly Role[]): SessionPolicy {
  if (roles.includes('admin')) return ADMIN_SESSION;
  if (isStaff({ roles })) return STAFF_SESSION;
  return LEARNER_SESSION;
}

export interface Session {
  id: string;
  userId: number;
  createdAt: number;
  lastActiveAt: number;
  device: string;
  /** The person gave their authenticator (or recovery) code in this session. */
  twoFactorVerified: boolean;
}

/** 160 random bits, base32: ids and secrets both. */
function randomString(): string {
  const bytes = new Uint8Array(20);
  crypto.getRandomValues(bytes);
  return encodeBase32LowerCaseNoPadding(bytes);
}

function hashSecret(secret: string): Uint8Array {
  return sha256(new TextEncoder().encode(secret));
}

export function sessionExpiresAt(session: Pick<Session, 'createdAt' | 'lastActiveAt'>, policy: SessionPolicy = LEARNER_SESSION): number {
  return Math.min(session.lastActiveAt + policy.idle, session.createdAt + policy.absolute);
}

export async function createSession(
  db: Writer,
  userId: number,
  device: string,
  now = Date.now(),
): Promise<{ session: Session; token: string }> {
  const id = randomString();
  const secret = randomString();
  const session: Session = { id, userId, createdAt: now, lastActiveAt: now, device: device.slice(0, 120), twoFactorVerified: false };
  await db.insert(sessions).values({ ...session, secretHash: Buffer.from(hashSecret(secret)) });
  return { session, token: `${id}.${secret}` };
}

/** The session's own columns as one JSON column, for the same reason as userRecord. */
const sessionRecord = sql<string>`json_object(
  'id', ${sessions.id},
  'userId', ${sessions.userId},
  'createdAt', ${sessions.createdAt},
  'lastActiveAt', ${sessions.lastActiveAt},
  'device', ${sessions.device},
  'twoFactorVerified', ${sessions.twoFactorVerified}
)`;

function prepareSessionLookup(db: Db) {
  return db
    .select({ secretHash: sessions.secretHash, session: sessionRecord, user: userRecord })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .leftJoin(branches, eq(branches.id, users.branchId))
    .where(eq(sessions.id, sql.placeholder('id')))
    .prepare();
}

const sessionLookups = new WeakMap<Db, ReturnType<typeof prepareSessionLookup>>();

/** Every request runs this query: it is built once per database rather than once per request. */
function sessionLookup(db: Db): ReturnType<typeof prepareSessionLookup> {
  let lookup = sessionLookups.get(db);
  if (!lookup) {
    lookup = prepareSessionLookup(db);
    sessionLookups.set(db, lookup);
  }
  return lookup;
}

/** What a token names, read only (checkSessionToken): what validateSessionToken then writes, if anything. */
export type SessionCheck =
  | { kind: 'none' }
  /** Expired, or a half-finished sign-in that waited too long: the row is to be deleted. */
  | { kind: 'lapsed'; sessionId: string }
  /** Valid; `renew`: its activity time is due to be written (and the cookie sent again). */
  | { kind: 'valid'; session: Session; user: User; renew: boolean; expiresAt: number };

/**
 * The session a token names and its person, in one query, without writing anything: 'none' when
 * the token is malformed, unknown or forged; 'lapsed' when it expired (by the person's roles: see
 * sessionPolicy) or a half-finished sign-in has waited more than 10 minutes for its authenticator
 * code. The progress fast lane (progress-lane.ts) serves only a valid session that needs no write.
 */
export async function checkSessionToken(db: Db, token: string, now = Date.now()): Promise<SessionCheck> {
  const parts = token.split('.');
  if (parts.length !== 2) return { kind: 'none' };
  const [id = '', secret = ''] = parts;
  if (!/^[a-z2-7]{32}$/.test(id) || !/^[a-z2-7]{32}$/.test(secret)) return { kind: 'none' };
  const row = (await sessionLookup(db).all({ id }))[0];
  if (!row) return { kind: 'none' };
  if (!constantTimeEqual(hashSecret(secret), new Uint8Array(row.secretHash))) return { kind: 'none' };
  const stored = JSON.parse(row.session) as Omit<Session, 'twoFactorVerified'> & { twoFactorVerified: number };
  const session: Session = { ...stored, twoFactorVerified: Boolean(stored.twoFactorVerified) };
  const user = toUser(row.user);
  const policy = sessionPolicy(user.roles);
  const halfFinished = user.twoFactorEnabled && !session.twoFactorVerified && now - session.createdAt >= SECOND_STEP_LIFETIME;
  if (halfFinished || now >= sessionExpiresAt(session, policy)) return { kind: 'lapsed', sessionId: id };
  if (now - session.lastActiveAt < policy.renewAfter) return { kind: 'valid', session, user, renew: false, expiresAt: sessionExpiresAt(session, policy) };
  const renewed = { ...session, lastActiveAt: now };
  return { kind: 'valid', session: renewed, user, renew: true, expiresAt: sessionExpiresAt(renewed, policy) };
}

/**
 * The session a token names and its person (checkSessionToken), with its writes: a lapsed session
 * is deleted (null), and a valid session's activity time slides forward, written at most once per
 * the policy's `renewAfter`.
 */
export async function validateSessionToken(
  db: Db,
  token: string,
  now = Date.now(),
): Promise<{ session: Session; user: User; renewed: boolean; expiresAt: number } | null> {
  const check = await checkSessionToken(db, token, now);
  if (check.kind === 'none') return null;
  if (check.kind === 'lapsed') {
    await db.delete(sessions).where(eq(sessions.id, check.sessionId));
    return null;
  }
  const { session, user, renew, expiresAt } = check;
  if (renew) await db.update(sessions).set({ lastActiveAt: now }).where(eq(sessions.id, session.id));
  return { session, user, renewed: renew, expiresAt };
}

/**
 * After the second step of signing in: a new token replaces the half-finished session's (session
 * fixation: a token someone saw or planted before the code was given is worthless afterwards).
 */
export async function rotateVerifiedSession(
  db: Db,
  old: Pick<Session, 'id' | 'userId' | 'device' | 'createdAt'>,
  now = Date.now(),
): Promise<{ session: Session; token: string }> {
  const id = randomString();
  const secret = randomString();
  // The new token keeps the sign-in's start: rotating (after the second step, or when an admin moves
  // the authenticator to a new phone) never restarts the absolute lifetime.
  const session: Session = { id, userId: old.userId, createdAt: old.createdAt, lastActiveAt: now, device: old.device, twoFactorVerified: true };
  await db.transaction(async (tx) => {
    await tx.delete(sessions).where(eq(sessions.id, old.id));
    await tx.insert(sessions).values({ ...session, secretHash: Buffer.from(hashSecret(secret)) });
  });
  return { session, token: `${id}.${secret}` };
}

/** Signs the person out everywhere but here (after a password change). */
export async function invalidateOtherSessions(db: Pick<Db, 'delete'>, userId: number, keepSessionId: string): Promise<void> {
  await db.delete(sessions).where(and(eq(sessions.userId, userId), ne(sessions.id, keepSessionId)));
}

/** After the second step of signing in (in the caller's transaction when given one). */
export async function markSessionTwoFactorVerified(db: Pick<Db, 'update'>, sessionId: string): Promise<void> {
  await db.update(sessions).set({ twoFactorVerified: true }).where(eq(sessions.id, sessionId));
}

export async function invalidateSession(db: Db, sessionId: string): Promise<void> {
  await db.delete(sessions).where(eq(sessions.id, sessionId));
}

/** 退出所有设备. */
/** 退出所有设备 (in the caller's transaction when given one). */
export async function invalidateUserSessions(db: Pick<Db, 'delete'>, userId: number): Promise<void> {
  await db.delete(sessions).where(eq(sessions.userId, userId));
}

export async function listUserSessions(db: Db, userId: number): Promise<Session[]> {
  const rows = await db.query.sessions.findMany({ where: eq(sessions.userId, userId) });
  return rows
    .map(({ secretHash: _secretHash, ...session }) => session)
    .sort((a, b) => b.lastActiveAt - a.lastActiveAt);
}

export async function deleteExpiredSessions(db: Db, now = Date.now()): Promise<void> {
  await db
    .delete(sessions)
    .where(or(lt(sessions.lastActiveAt, now - INACTIVITY_TIMEOUT), lt(sessions.createdAt, now - ABSOLUTE_LIFETIME)));
}

/** Whether a user owns a session (for signing out one device from the device list). */
export async function deleteOwnSession(db: Db, userId: number, sessionId: string): Promise<boolean> {
  const result = await db.delete(sessions).where(and(eq(sessions.id, sessionId), eq(sessions.userId, userId)));
  return result.rowsAffected > 0;
}
