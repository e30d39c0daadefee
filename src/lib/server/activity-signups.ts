import { and, asc, desc, eq, gt, isNull, lte, ne, or, sql } from 'drizzle-orm';
import { activities, activitySignups, branches, users, type SignupSource } from '../../../db/schema';
import type { Db, Tx } from './db';
import { getActivity, type Activity, type ActivityWithSeats } from './activities';
import { activitySubject, sendMessage } from './messages';
import { isUniqueViolation } from './auth';
import { groupCommit } from './group-commit';
import { fail, ok, type Result } from '../result';
import { cancelRefusal, checkInRefusal, joinRefusal, signupStatusText, staffJoinRefusal, UNDO_MINUTES, UNDO_MS } from '../activity-rules';
import { activityTimeText, PROMOTED_TEXT, PROMOTED_TITLE, venueText } from '../activity-wording';
import { activityPath } from '../activity-agenda';
import { isValidPhone, normalizePhone } from '../phone';
import { findUserByPhone, getUser } from './users';

/**
 * 报名: the sign-up engine of the activity schedule. Every change is one write transaction (SQLite's
 * BEGIN IMMEDIATE: one writer at a time, across processes) that first settles the activity: seats
 * held for 撤销 longer than UNDO_MINUTES go back, and the waitlist is promoted in order. The seat
 * limit itself is SQLite's (triggers in migration 0009), so no code path can overbook.
 */
type Signup = typeof activitySignups.$inferSelect;

export interface SignupView {
  id: number;
  activityId: number;
  status: Signup['status'];
  seats: number;
  companionName: string | null;
  source: SignupSource;
  /** 1-based place on the waitlist; null unless waitlisted. */
  position: number | null;
  /** Until when 撤销 can restore a cancelled sign-up; null when it cannot. */
  undoUntil: number | null;
  promotedAt: number | null;
  checkedInAt: number | null;
}

const NOT_FOUND = '没有找到这项活动，请回到活动安排重新选择。';
const SEATS_GONE = '座位刚刚被别人报满了，请再试一次。';

/**
 * Releases holds past their 撤销 time, then gives free seats to the waitlist in order. Returns
 * whether anything changed. `counted`: the seats and waitlist as just read in this transaction,
 * with nothing written since, so they need not be counted again when no hold is released.
 */
export async function settleActivity(tx: Tx, activity: Activity, now: number, counted?: Pick<ActivityWithSeats, 'seatsTaken' | 'waitlisted'>): Promise<boolean> {
  const released = await tx
    .update(activitySignups)
    .set({ seatsHeld: 0, releasedAt: now })
    .where(and(eq(activitySignups.activityId, activity.id), eq(activitySignups.status, 'cancelled'), gt(activitySignups.seatsHeld, 0), lte(activitySignups.cancelledAt, now - UNDO_MS)));
  const changed = released.rowsAffected > 0;
  if (activity.status === 'cancelled' || now >= activity.startsAt) return changed;
  const known = changed ? undefined : counted;
  if (known?.waitlisted === 0) return false;
  const held = known
    ? known.seatsTaken
    : ((await tx.select({ n: sql<number>`coalesce(sum(${activitySignups.seatsHeld}), 0)` }).from(activitySignups).where(eq(activitySignups.activityId, activity.id)))[0]?.n ?? 0);
  let free = activity.capacity - held;
  if (free <= 0) return changed;
  const waiting = await tx
    .select({ id: activitySignups.id, seats: activitySignups.seats, userId: activitySignups.userId })
    .from(activitySignups)
    .where(and(eq(activitySignups.activityId, activity.id), eq(activitySignups.status, 'waitlisted')))
    .orderBy(asc(activitySignups.queuedAt), asc(activitySignups.id));
  let promoted = false;
  // In order; a pair that does not fit keeps its place while a single behind it takes one seat.
  for (const signup of waiting) {
    if (free <= 0) break;
    if (signup.seats > free) continue;
    await tx.update(activitySignups).set({ status: 'confirmed', seatsHeld: signup.seats, promotedAt: now }).where(eq(activitySignups.id, signup.id));
    free -= signup.seats;
    promoted = true;
    if (signup.userId === null) continue;
    await sendMessage(tx, { userId: signup.userId, ...promotedMessage(activity, signup.seats), now });
  }
  return changed || promoted;
}

/** 我的消息 to a person moved up from the waitlist. */
function promotedMessage(activity: Activity, seats: number): { kind: 'activity.promoted'; subject: string; title: string; body: string; link: string } {
  const pair = seats > 1 ? `${signupStatusText({ status: 'confirmed', seats, position: null })}。` : '';
  return {
    kind: 'activity.promoted',
    subject: activitySubject(activity.id),
    title: `${PROMOTED_TITLE}：${activity.title}`,
    body: `${PROMOTED_TEXT}${pair}时间：${activityTimeText(activity)}，地点：${venueText(activity)}。`,
    link: activityPath(activity.id),
  };
}

/** Settles every activity with a hold past its 撤销 time (cheap when none is due). */
export async function settleDue(db: Db, now = Date.now()): Promise<void> {
  const due = await db
    .selectDistinct({ activityId: activitySignups.activityId })
    .from(activitySignups)
    .where(and(eq(activitySignups.status, 'cancelled'), gt(activitySignups.seatsHeld, 0), lte(activitySignups.cancelledAt, now - UNDO_MS)));
  for (const { activityId } of due) {
    await db.transaction(async (tx) => {
      const activity = await getActivity(tx, activityId);
      if (activity) await settleActivity(tx, activity, now);
    });
  }
}

/** A write refused by the database itself (a race lost), in words; undefined for any other error. */
function refusalOf(error: unknown): Result<never> | undefined {
  if (isUniqueViolation(error)) return fail('已经报过名了，不用再报。');
  if (String((error as { cause?: unknown })?.cause ?? error).includes('activity_overbooked')) return fail(SEATS_GONE);
  return undefined;
}

type Work<T> = (tx: Tx, activity: ActivityWithSeats) => Promise<Result<T>>;

/**
 * Runs `work` on the settled activity inside the caller's write transaction. `work` checks
 * everything before it writes, so a refusal changes nothing (the settling it follows is due anyway).
 */
async function onActivityIn<T>(tx: Tx, activityId: number, now: number, work: Work<T>): Promise<Result<T>> {
  const found = await getActivity(tx, activityId);
  if (!found) return fail(NOT_FOUND);
  const changed = await settleActivity(tx, found, now, found);
  return work(tx, changed ? ((await getActivity(tx, activityId)) as ActivityWithSeats) : found);
}

/** onActivityIn in a write transaction of its own. */
async function onActivity<T>(db: Db, activityId: number, now: number, work: Work<T>): Promise<Result<T>> {
  try {
    return await db.transaction((tx) => onActivityIn(tx, activityId, now, work));
  } catch (error) {
    const refused = refusalOf(error);
    if (refused) return refused;
    throw error;
  }
}

async function liveSignup(tx: Tx | Db, activityId: number, who: { userId: number } | { guestPhone: string }): Promise<Signup | undefined> {
  const person = 'userId' in who ? eq(activitySignups.userId, who.userId) : and(isNull(activitySignups.userId), eq(activitySignups.guestPhone, who.guestPhone));
  const rows = await tx
    .select()
    .from(activitySignups)
    .where(and(eq(activitySignups.activityId, activityId), person, ne(activitySignups.status, 'cancelled')));
  return rows[0];
}

/** Whether 撤销 can still restore this sign-up: cancelled less than UNDO_MINUTES ago, with its seats still held or its place in line. */
function restorable(signup: Signup, now: number): boolean {
  return (
    signup.status === 'cancelled' &&
    signup.cancelledAt !== null &&
    signup.cancelledFrom !== null &&
    signup.cancelledAt > now - UNDO_MS &&
    // A confirmed sign-up whose seats went back to the pool cannot be restored.
    (signup.cancelledFrom === 'waitlisted' || signup.seatsHeld > 0)
  );
}

/** The person's sign-ups for the activity: the live one, and the latest cancelled one 撤销 can still restore. */
async function signupsOf(tx: Tx | Db, activityId: number, userId: number, now: number): Promise<{ live: Signup | undefined; undoable: Signup | undefined }> {
  const rows = await tx
    .select()
    .from(activitySignups)
    .where(and(eq(activitySignups.activityId, activityId), eq(activitySignups.userId, userId)))
    .orderBy(desc(activitySignups.cancelledAt), desc(activitySignups.id));
  return { live: rows.find((row) => row.status !== 'cancelled'), undoable: rows.find((row) => restorable(row, now)) };
}

interface NewSignup {
  activity: ActivityWithSeats;
  seats: number;
  companionName: string | null;
  userId: number | null;
  guestName: string | null;
  guestPhone: string | null;
  source: SignupSource;
  by: number | null;
  now: number;
}

/** A seat when `seats` fit, otherwise the end of the waitlist; a walk-in is also checked in. */
async function insertSignup(tx: Tx, input: NewSignup): Promise<SignedUp> {
  const fits = input.activity.seatsFree >= input.seats;
  const walkIn = input.source === 'walk-in';
  // A walk-in is there already: with no seat left, they are recorded as attending without taking one.
  const status = fits || walkIn ? 'confirmed' : 'waitlisted';
  // The waitlist runs in the order the database accepts sign-ups. `now` is read before the write
  // lock is won, and another server process may have committed a later request first, so the
  // place is never before the latest one already given (ties go by id, the commit order).
  const queuedAt = sql<number>`max(${input.now}, (select coalesce(max(s.queued_at), 0) from activity_signups s where s.activity_id = ${input.activity.id}))`;
  const inserted = await tx
    .insert(activitySignups)
    .values({
      activityId: input.activity.id,
      userId: input.userId,
      guestName: input.guestName,
      guestPhone: input.guestPhone,
      seats: input.seats,
      companionName: input.companionName,
      status,
      seatsHeld: fits ? input.seats : 0,
      source: input.source,
      queuedAt,
      createdAt: input.now,
      createdBy: input.by,
      checkedInAt: walkIn ? input.now : null,
      checkedInBy: walkIn ? input.by : null,
    })
    .returning({ id: activitySignups.id });
  const signupId = (inserted[0] as { id: number }).id;
  return walkIn ? { signupId, status, door: { already: false, seated: fits, was: 'new' } } : { signupId, status };
}

/** What happened at the door to someone ticked or added there. */
export interface DoorOutcome {
  /** Had been ticked already (another tablet, or a second tap): the first time stays. */
  already: boolean;
  /** Holds a seat; false when it was full and they are recorded as attending without one. */
  seated: boolean;
  /** Where they were on the list before: not on it (a walk-in), coming, or on the waitlist. */
  was: 'new' | 'confirmed' | 'waitlisted';
}

/**
 * Someone already on the list is at the door: ticked as present. Someone still on the waitlist
 * becomes a confirmed sign-up there and then, with their seats when that many are free, otherwise
 * recorded as attending without a seat (like a walk-in when full): the seat limit always holds.
 * Inside the caller's write transaction, on the settled activity.
 */
async function presentAtDoor(tx: Tx, activity: ActivityWithSeats, signup: Signup, by: number, now: number): Promise<DoorOutcome> {
  if (signup.status === 'waitlisted') {
    const seated = activity.seatsFree >= signup.seats;
    await tx
      .update(activitySignups)
      .set({ status: 'confirmed', seatsHeld: seated ? signup.seats : 0, checkedInAt: now, checkedInBy: by })
      .where(eq(activitySignups.id, signup.id));
    return { already: false, seated, was: 'waitlisted' };
  }
  if (signup.checkedInAt === null) await tx.update(activitySignups).set({ checkedInAt: now, checkedInBy: by }).where(eq(activitySignups.id, signup.id));
  return { already: signup.checkedInAt !== null, seated: signup.seatsHeld > 0, was: 'confirmed' };
}

/** An organiser signing up someone already on the list, in the organiser's words (`who`: 这位, or the guest). */
async function alreadyOnList(tx: Tx, who: string, signup: Signup): Promise<string> {
  if (signup.status === 'waitlisted') return `${who}已经在候补名单上了（第${await positionOf(tx, signup)}位），有座位空出来时会按顺序转为正式报名，不用再报。`;
  return `${who}已经报过名了，不用再报。人到了以后，在门口签到的名单上为他打勾就行。`;
}

function cleanName(name: string | undefined): string | null {
  const trimmed = (name ?? '').trim().replace(/\s+/g, ' ');
  return trimmed === '' ? null : trimmed.slice(0, 40);
}

export interface SignUpInput {
  activityId: number;
  userId: number;
  companion: boolean;
  companionName?: string | undefined;
  /** An organiser signing the person up (no cut-off); absent when the person signs up. */
  by?: number | undefined;
  /** With `by`: added at the door, so recorded as attending (with a seat or without, like a guest walk-in). */
  walkIn?: boolean | undefined;
  now?: number;
}

export type SignedUp = {
  signupId: number;
  status: 'confirmed' | 'waitlisted';
  /** Walk-ins only: how they were recorded at the door. */
  door?: DoorOutcome;
};

/** The sign-up itself, on the settled activity inside a write transaction. */
async function signUpIn(tx: Tx, activity: ActivityWithSeats, input: SignUpInput & { now: number }): Promise<Result<SignedUp>> {
  const { now } = input;
  const seats = input.companion ? 2 : 1;
  const { live: existing, undoable: restorable } = await signupsOf(tx, activity.id, input.userId, now);
  const staff = input.by !== undefined;
  const walkIn = staff && input.walkIn === true;
  if (walkIn) {
    const early = checkInRefusal(activity, now);
    if (early) return fail(early);
  }
  if (existing) {
    // At the door someone already on the list (coming or waitlisted) is simply checked in.
    if (walkIn) return ok({ signupId: existing.id, status: 'confirmed', door: await presentAtDoor(tx, activity, existing, input.by as number, now) });
    if (staff) return fail(await alreadyOnList(tx, '这位', existing));
    return fail(existing.status === 'confirmed' ? '您已经报过名了，不用再报。' : '您已经在候补名单上了，有座位时会通知您。');
  }
  const refusal = staff ? staffJoinRefusal(activity, now, activity.seatsFree, seats, walkIn) : joinRefusal(activity, now, activity.seatsFree, seats);
  if (refusal) return fail(refusal);
  // Cancelled a moment ago: signing up again is 撤销, which keeps the seat or the place in line.
  if (restorable && restorable.seats === seats && !walkIn) return ok({ signupId: restorable.id, status: await restore(tx, activity, restorable, now) });
  const source: SignupSource = walkIn ? 'walk-in' : staff ? 'organiser' : 'self';
  const fields = { seats, companionName: input.companion ? cleanName(input.companionName) : null, userId: input.userId, guestName: null, guestPhone: null, source, by: input.by ?? null, now };
  if (!restorable || restorable.seatsHeld === 0) return ok(await insertSignup(tx, { activity, ...fields }));
  // With another number of seats it is a new sign-up: the seats still held for 撤销 go back
  // first (this sign-up may take them), and what is left over goes to the waitlist in order.
  await tx.update(activitySignups).set({ seatsHeld: 0, releasedAt: now }).where(eq(activitySignups.id, restorable.id));
  const freed = { ...activity, seatsTaken: activity.seatsTaken - restorable.seatsHeld, seatsFree: activity.seatsFree + restorable.seatsHeld };
  const signed = await insertSignup(tx, { activity: freed, ...fields });
  await settleActivity(tx, activity, now);
  return ok(signed);
}

/**
 * Sign-ups arriving together in this process share one write transaction (group commit), each in
 * arrival order exactly as if alone: when a notice goes out and hundreds tap 报名 at once, the
 * server processes take SQLite's write lock a few times a second instead of hundreds (a wait for
 * that lock blocks a whole process). If the shared transaction fails, each is retried alone.
 */
const signUpTogether = groupCommit<SignUpInput & { now: number }, Result<SignedUp>>(
  async (tx, jobs) => {
    const results: Array<Result<SignedUp>> = [];
    for (const job of jobs) results.push(await onActivityIn(tx, job.activityId, job.now, (inner, activity) => signUpIn(inner, activity, job)));
    return results;
  },
  // A sign-up reads and writes a few statements (a few milliseconds under load): sixteen at a
  // time answer the first people of a rush sooner and hold the write lock briefly.
  { maxBatch: 16 },
);

/** The person signs up (or an organiser signs them up): a seat, or the waitlist when full. */
export async function signUp(db: Db, input: SignUpInput): Promise<Result<SignedUp>> {
  try {
    return await signUpTogether(db, { ...input, now: input.now ?? Date.now() });
  } catch (error) {
    const refused = refusalOf(error);
    if (refused) return refused;
    throw error;
  }
}

export interface GuestInput {
  activityId: number;
  name: string;
  phone: string;
  companion: boolean;
  companionName?: string | undefined;
  /** The organiser. */
  by: number;
  source: 'organiser' | 'walk-in';
  now?: number;
}

/** Someone without an account, signed up by an organiser in advance or added at the door. */
export async function signUpGuest(db: Db, input: GuestInput): Promise<Result<SignedUp>> {
  const now = input.now ?? Date.now();
  const name = cleanName(input.name);
  if (!name) return fail('请填写参加人的姓名。', 'name');
  const phone = normalizePhone(input.phone);
  if (!isValidPhone(phone)) return fail('请填写11位手机号码，例如 13812345678。', 'phone');
  const seats = input.companion ? 2 : 1;
  const walkIn = input.source === 'walk-in';
  return onActivity(db, input.activityId, now, async (tx, activity) => {
    if (walkIn) {
      const early = checkInRefusal(activity, now);
      if (early) return fail(early);
    }
    const existing = await liveSignup(tx, activity.id, { guestPhone: phone });
    if (existing && walkIn) return ok({ signupId: existing.id, status: 'confirmed', door: await presentAtDoor(tx, activity, existing, input.by, now) });
    if (existing) return fail(await alreadyOnList(tx, `${existing.guestName ?? ''}（手机号 ${phone}）`, existing), 'phone');
    const refusal = staffJoinRefusal(activity, now, activity.seatsFree, seats, walkIn);
    if (refusal) return fail(refusal);
    const companionName = input.companion ? cleanName(input.companionName) : null;
    return ok(await insertSignup(tx, { activity, seats, companionName, userId: null, guestName: name, guestPhone: phone, source: input.source, by: input.by, now }));
  });
}

/**
 * Signing someone up by name and phone: the account if the number has one (its own name is used),
 * otherwise a guest. In advance ('organiser'), or at the door ('walk-in': recorded as attending).
 */
export type ByPhoneInput = GuestInput;

/**
 * An organiser adds someone by name and phone, in advance or at the door: the account holder with
 * that number (so it counts in their own record), otherwise a guest. Every seat rule is the engine's.
 */
export async function signUpByPhone(db: Db, input: ByPhoneInput): Promise<Result<SignedUp & { account: boolean; name: string }>> {
  const now = input.now ?? Date.now();
  const phone = normalizePhone(input.phone);
  const account = isValidPhone(phone) ? await findUserByPhone(db, phone) : undefined;
  if (!account) {
    const added = await signUpGuest(db, { ...input, phone, now });
    return added.ok ? ok({ ...added.value, account: false, name: cleanName(input.name) ?? '' }) : added;
  }
  const { activityId, companion, companionName, by } = input;
  const added = await signUp(db, { activityId, userId: account.id, companion, companionName, by, walkIn: input.source === 'walk-in', now });
  if (!added.ok) return added;
  return ok({ ...added.value, account: true, name: (await getUser(db, account.id))?.displayName ?? '' });
}

/** 签到: someone on the list ticked as present at the door (presentAtDoor). Safe when two tablets tick the same person at once. */
export async function checkInAtDoor(
  db: Db,
  input: { activityId: number; signupId: number; by: number; now?: number },
): Promise<Result<DoorOutcome & { userId: number | null; guestName: string | null }>> {
  const now = input.now ?? Date.now();
  return onActivity(db, input.activityId, now, async (tx, activity) => {
    const refusal = checkInRefusal(activity, now);
    if (refusal) return fail(refusal);
    const signup = (await tx.select().from(activitySignups).where(and(eq(activitySignups.id, input.signupId), eq(activitySignups.activityId, activity.id))))[0];
    if (!signup) return fail('没有找到这条报名，请刷新页面再试。');
    if (signup.status === 'cancelled') return fail('这位已经取消了报名。如果人来了，请用下面的“现场报名”为他登记。');
    return ok({ ...(await presentAtDoor(tx, activity, signup, input.by, now)), userId: signup.userId, guestName: signup.guestName });
  });
}

/**
 * Back to what it was before cancelling: its seats (still held) or its place on the waitlist. A
 * place on the waitlist is settled at once: seats may have come free while it was cancelled, and
 * it takes them if it is the first in line that fits.
 */
async function restore(tx: Tx, activity: Activity, signup: Signup, now: number): Promise<'confirmed' | 'waitlisted'> {
  const status = signup.cancelledFrom === 'confirmed' ? 'confirmed' : 'waitlisted';
  await tx.update(activitySignups).set({ status, cancelledAt: null, cancelledFrom: null }).where(eq(activitySignups.id, signup.id));
  if (status === 'confirmed') return status;
  await settleActivity(tx, activity, now);
  const rows = await tx.select({ status: activitySignups.status }).from(activitySignups).where(eq(activitySignups.id, signup.id));
  return rows[0]?.status === 'confirmed' ? 'confirmed' : 'waitlisted';
}

async function cancelRow(tx: Tx, signup: Signup, now: number): Promise<{ undoUntil: number }> {
  // A confirmed sign-up keeps holding its seats for UNDO_MINUTES (seatsHeld unchanged), then settles.
  await tx
    .update(activitySignups)
    .set({ status: 'cancelled', cancelledAt: now, cancelledFrom: signup.status === 'confirmed' ? 'confirmed' : 'waitlisted' })
    .where(eq(activitySignups.id, signup.id));
  return { undoUntil: now + UNDO_MS };
}

/** 取消报名, until the cut-off; 撤销 restores it for UNDO_MINUTES. */
export async function cancelSignup(db: Db, input: { activityId: number; userId: number; now?: number }): Promise<Result<{ undoUntil: number }>> {
  const now = input.now ?? Date.now();
  return onActivity(db, input.activityId, now, async (tx, activity) => {
    const signup = await liveSignup(tx, activity.id, { userId: input.userId });
    if (!signup) return fail('您没有报名这项活动，不用取消。');
    const refusal = cancelRefusal(activity, now);
    if (refusal) return fail(refusal);
    return ok(await cancelRow(tx, signup, now));
  });
}

/** An organiser cancels any sign-up of the activity (a guest who rang, a mistake), until it ends. */
export async function cancelSignupAsOrganiser(db: Db, input: { activityId: number; signupId: number; now?: number }): Promise<Result<{ undoUntil: number }>> {
  const now = input.now ?? Date.now();
  return onActivity(db, input.activityId, now, async (tx, activity) => {
    const rows = await tx.select().from(activitySignups).where(and(eq(activitySignups.id, input.signupId), eq(activitySignups.activityId, activity.id), ne(activitySignups.status, 'cancelled')));
    const signup = rows[0];
    if (!signup) return fail('没有找到这条报名，可能已经取消了。');
    if (now >= activity.endsAt) return fail('活动已经结束，不能再取消报名。');
    return ok(await cancelRow(tx, signup, now));
  });
}

/** 撤销 a cancellation within UNDO_MINUTES. */
export async function undoCancel(db: Db, input: { activityId: number; userId: number; now?: number }): Promise<Result<{ status: 'confirmed' | 'waitlisted' }>> {
  const now = input.now ?? Date.now();
  return onActivity(db, input.activityId, now, async (tx, activity) => {
    if (activity.status === 'cancelled') return fail('这项活动已经取消了。');
    const { live, undoable: signup } = await signupsOf(tx, activity.id, input.userId, now);
    if (live) return fail('您已经重新报名了，不用撤销。');
    if (!signup) return fail(`撤销的时间（${UNDO_MINUTES}分钟）已经过了，座位已经让给别人。如果还想参加，请重新报名。`);
    return ok({ status: await restore(tx, activity, signup, now) });
  });
}

async function positionOf(db: Db | Tx, signup: Signup): Promise<number | null> {
  if (signup.status !== 'waitlisted') return null;
  const ahead = await db
    .select({ n: sql<number>`count(*)` })
    .from(activitySignups)
    .where(
      and(
        eq(activitySignups.activityId, signup.activityId),
        eq(activitySignups.status, 'waitlisted'),
        or(sql`${activitySignups.queuedAt} < ${signup.queuedAt}`, and(eq(activitySignups.queuedAt, signup.queuedAt), sql`${activitySignups.id} < ${signup.id}`)),
      ),
    );
  return (ahead[0]?.n ?? 0) + 1;
}

export async function toView(db: Db | Tx, signup: Signup, now: number): Promise<SignupView> {
  const canUndo = restorable(signup, now);
  return {
    id: signup.id,
    activityId: signup.activityId,
    status: signup.status,
    seats: signup.seats,
    companionName: signup.companionName,
    source: signup.source,
    position: await positionOf(db, signup),
    undoUntil: canUndo ? (signup.cancelledAt as number) + UNDO_MS : null,
    promotedAt: signup.promotedAt,
    checkedInAt: signup.checkedInAt,
  };
}

/** The person's sign-up for an activity: the live one, else the latest cancelled one; undefined if none. */
export async function mySignup(db: Db, activityId: number, userId: number, now = Date.now()): Promise<SignupView | undefined> {
  const rows = await db
    .select()
    .from(activitySignups)
    .where(and(eq(activitySignups.activityId, activityId), eq(activitySignups.userId, userId)))
    .orderBy(sql`${activitySignups.status} = 'cancelled'`, desc(activitySignups.id))
    .limit(1);
  return rows[0] ? toView(db, rows[0], now) : undefined;
}

/**
 * The person's sign-ups, soonest activity first: live ones (coming, waitlisted, attended) and
 * cancelled ones 撤销 can still restore.
 */
export async function mySignups(db: Db, userId: number, now = Date.now()): Promise<Array<SignupView & { activity: Activity }>> {
  const rows = await db
    .select({ signup: activitySignups, activity: activities })
    .from(activitySignups)
    .innerJoin(activities, eq(activities.id, activitySignups.activityId))
    .where(and(eq(activitySignups.userId, userId), or(ne(activitySignups.status, 'cancelled'), gt(activitySignups.cancelledAt, now - UNDO_MS))))
    .orderBy(asc(activities.startsAt), asc(activitySignups.id));
  const views = await Promise.all(rows.map(async (row) => ({ ...(await toView(db, row.signup, now)), activity: row.activity })));
  // A cancelled row is listed only while it can still be restored (and not beside a new sign-up).
  const live = new Set(views.filter((view) => view.status !== 'cancelled').map((view) => view.activityId));
  return views.filter((view) => view.status !== 'cancelled' || (view.undoUntil !== null && !live.has(view.activityId)));
}

export interface RosterRow {
  signupId: number;
  /** null for a guest without an account. */
  userId: number | null;
  name: string;
  phone: string;
  branchName: string | null;
  seats: number;
  companionName: string | null;
  status: 'confirmed' | 'waitlisted';
  source: SignupSource;
  /** 1-based place on the waitlist; null when confirmed. */
  position: number | null;
  checkedInAt: number | null;
  createdAt: number;
}

/** Who is coming (in the order they signed up), then the waitlist in order: for organisers only. */
export async function roster(db: Db, activityId: number): Promise<RosterRow[]> {
  const rows = await db
    .select({ signup: activitySignups, displayName: users.displayName, userPhone: users.phone, branchName: branches.name })
    .from(activitySignups)
    .leftJoin(users, eq(users.id, activitySignups.userId))
    .leftJoin(branches, eq(branches.id, users.branchId))
    .where(and(eq(activitySignups.activityId, activityId), ne(activitySignups.status, 'cancelled')))
    .orderBy(sql`${activitySignups.status} = 'waitlisted'`, asc(activitySignups.queuedAt), asc(activitySignups.id));
  let place = 0;
  return rows.map(({ signup, displayName, userPhone, branchName }) => ({
    signupId: signup.id,
    userId: signup.userId,
    name: displayName ?? signup.guestName ?? '',
    phone: userPhone ?? signup.guestPhone ?? '',
    branchName,
    seats: signup.seats,
    companionName: signup.companionName,
    status: signup.status as 'confirmed' | 'waitlisted',
    source: signup.source,
    position: signup.status === 'waitlisted' ? ++place : null,
    checkedInAt: signup.checkedInAt,
    createdAt: signup.createdAt,
  }));
}
