import { and, asc, count, desc, eq, ne, sql, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/sqlite-core';
import { branches, helpRequestEvents, helpRequests, users, type HelpEventKind, type HelpStatus, type HelpWay } from '../../../db/schema';
import { fail, ok, type Result } from '../result';
import {
  answerProblem,
  formatMinutes,
  handBackNoteProblem,
  HELP_WAY_LABELS,
  helpRequestPath,
  HOURS_MESSAGE,
  MAX_HELP_MINUTES,
  MAX_OPEN_CLAIMS,
  MAX_OPEN_REQUESTS,
  OPEN_CLAIMS_MESSAGE,
  preferredTimeProblem,
  problemProblem,
  problemText,
} from '../help-requests';
import type { HelpRequestRow } from '../help-requests';
import type { Db, Writer } from './db';
import { sendMessage } from './messages';
import { recordRequestHours } from './volunteer-hours';

/**
 * 智慧助老 help requests: asked by anyone signed in, claimed, handed back and closed by volunteers
 * (银发数字辅导员) and admins. Every change is one write transaction; a claim is one conditional
 * UPDATE, so of two volunteers claiming at once exactly one wins and the other is told why.
 */

/** Who is acting: admins may open, hand back and close any request. */
export interface Actor {
  id: number;
  admin: boolean;
}

export interface NewRequest {
  requesterId: number;
  /** The account the form says the request is for, when it says one: only oneself is allowed. */
  forUserId?: number | undefined;
  topic: string | null;
  problem: string;
  way: HelpWay;
  preferredTime: string;
  now?: number;
}

function subjectOf(id: number): string {
  return `help:${id}`;
}

async function addEvent(w: Writer, requestId: number, actorId: number, kind: HelpEventKind, now: number, note = ''): Promise<void> {
  await w.insert(helpRequestEvents).values({ requestId, actorId, kind, note, createdAt: now });
}

/** A new request in the queue, always the requester's own. */
export async function createRequest(db: Db, input: NewRequest): Promise<Result<{ id: number }>> {
  const now = input.now ?? Date.now();
  if (input.forUserId !== undefined && input.forUserId !== input.requesterId) {
    return fail('只能为自己提出求助。想帮家人求助，请让家人用自己的账号登录后提出。');
  }
  const problem = problemProblem(input.topic, input.problem);
  if (problem) return fail(problem.message, problem.field);
  const preferredTime = input.preferredTime.trim();
  const timeProblem = preferredTimeProblem(preferredTime);
  if (timeProblem) return fail(timeProblem, 'preferredTime');
  return db.transaction(async (tx) => {
    const open = (
      await tx
        .select({ n: count() })
        .from(helpRequests)
        .where(and(eq(helpRequests.requesterId, input.requesterId), ne(helpRequests.status, 'closed')))
    )[0]?.n ?? 0;
    if (open >= MAX_OPEN_REQUESTS) return fail(`您已经有${open}条求助还没有解决，请等志愿者处理以后再提新的。`);
    const inserted = await tx
      .insert(helpRequests)
      .values({
        requesterId: input.requesterId,
        topic: input.topic,
        problem: problemText(input.topic, input.problem),
        way: input.way,
        preferredTime,
        createdAt: now,
        updatedAt: now,
      })
      .returning({ id: helpRequests.id });
    const id = (inserted[0] as { id: number }).id;
    await addEvent(tx, id, input.requesterId, 'created', now);
    return ok({ id });
  });
}

const requester = alias(users, 'requester');
const volunteer = alias(users, 'volunteer');

const requestColumns = {
  id: helpRequests.id,
  requesterId: helpRequests.requesterId,
  topic: helpRequests.topic,
  problem: helpRequests.problem,
  way: helpRequests.way,
  preferredTime: helpRequests.preferredTime,
  status: helpRequests.status,
  claimedBy: helpRequests.claimedBy,
  claimedAt: helpRequests.claimedAt,
  answer: helpRequests.answer,
  minutes: helpRequests.minutes,
  closedAt: helpRequests.closedAt,
  createdAt: helpRequests.createdAt,
  volunteerName: volunteer.displayName,
};


function requestRows(db: Db, where: SQL | undefined) {
  return db.select(requestColumns).from(helpRequests).leftJoin(volunteer, eq(volunteer.id, helpRequests.claimedBy)).where(where);
}

/** The person's own requests, newest first, with status and the volunteer's answer. */
export async function myRequests(db: Db, userId: number): Promise<HelpRequestRow[]> {
  return requestRows(db, eq(helpRequests.requesterId, userId)).orderBy(desc(helpRequests.createdAt), desc(helpRequests.id)).limit(100);
}

/**
 * The queue: waiting requests, the longest-waiting first. Volunteers see the problem, the way and
 * the time, never who asked or their phone: those only once they have claimed it.
 */
export async function waitingQueue(db: Db): Promise<HelpRequestRow[]> {
  // The volunteer who handed it back may have left a note for the next one (never shown to the requester).
  const lastNote = sql<string | null>`(select e.note from help_request_events as e where e.request_id = ${helpRequests.id} and e.kind = 'handed-back' order by e.created_at desc, e.id desc limit 1)`;
  const rows = await db
    .select({ ...requestColumns, handBackNote: lastNote })
    .from(helpRequests)
    .leftJoin(volunteer, eq(volunteer.id, helpRequests.claimedBy))
    .where(eq(helpRequests.status, 'waiting'))
    .orderBy(asc(helpRequests.createdAt), asc(helpRequests.id))
    .limit(200);
  return rows.map(({ handBackNote, ...row }) => ({ ...row, handBackNote: handBackNote ?? undefined }));
}

/** The requests this volunteer has claimed and not yet closed. */
export async function myClaimed(db: Db, volunteerId: number): Promise<HelpRequestRow[]> {
  return requestRows(db, and(eq(helpRequests.status, 'claimed'), eq(helpRequests.claimedBy, volunteerId))).orderBy(asc(helpRequests.claimedAt));
}

/** Requests volunteers are handling now, the longest-held first (admins follow them up). */
export async function claimedRequests(db: Db): Promise<HelpRequestRow[]> {
  return requestRows(db, eq(helpRequests.status, 'claimed')).orderBy(asc(helpRequests.claimedAt)).limit(200);
}

/** How to reach the person who asked: only for the volunteer holding the request, and admins. */
export interface RequesterContact {
  name: string;
  phone: string;
  branch: string | null;
}

export interface HelpRequestDetail extends HelpRequestRow {
  /** Null unless the viewer may call the person now (see `mayContact`). */
  contact: RequesterContact | null;
  events: Array<{ kind: HelpEventKind; note: string; createdAt: number; actorName: string | null }>;
}

/** Who is looking at a request: `volunteer` is whether they hold the volunteer flag now. */
export interface Viewer extends Actor {
  volunteer: boolean;
}

type Access = Pick<HelpRequestRow, 'requesterId' | 'claimedBy' | 'status'>;

/**
 * The requester's name and phone: admins, and the volunteer who holds the request now (claimed by
 * them, not yet closed or handed back) while they still have the volunteer flag. Once the request
 * is closed or handed back, or an admin takes the flag away, the number is gone from their view.
 */
export function mayContact(request: Access, viewer: Viewer): boolean {
  if (request.requesterId === viewer.id) return false;
  return viewer.admin || (viewer.volunteer && request.status === 'claimed' && request.claimedBy === viewer.id);
}

/**
 * Whether this person may open the request: its requester, admins, and a volunteer (still flagged)
 * who holds it or closed it. After closing they see what was asked and what they answered, never
 * who asked (`mayContact`).
 */
export function maySee(request: Access, viewer: Viewer): boolean {
  if (viewer.admin || request.requesterId === viewer.id) return true;
  return viewer.volunteer && request.claimedBy === viewer.id && request.status !== 'waiting';
}

/**
 * One request for its page, or undefined when it does not exist or this person may not see it:
 * both answer the same, so request numbers cannot be probed. Hand-back notes are for volunteers
 * and admins; the requester sees that it was handed back, not why.
 */
export async function requestView(db: Db, id: number, viewer: Viewer): Promise<HelpRequestDetail | undefined> {
  const row = (
    await db
      .select({ ...requestColumns, requesterName: requester.displayName, requesterPhone: requester.phone, requesterBranch: branches.name })
      .from(helpRequests)
      .innerJoin(requester, eq(requester.id, helpRequests.requesterId))
      .leftJoin(branches, eq(branches.id, requester.branchId))
      .leftJoin(volunteer, eq(volunteer.id, helpRequests.claimedBy))
      .where(eq(helpRequests.id, id))
  )[0];
  if (!row || !maySee(row, viewer)) return undefined;
  const { requesterName, requesterPhone, requesterBranch, ...request } = row;
  const contact = mayContact(row, viewer) ? { name: requesterName, phone: requesterPhone, branch: requesterBranch } : null;
  const requesterViews = row.requesterId === viewer.id && !viewer.admin;
  const events = (
    await db
      .select({ kind: helpRequestEvents.kind, note: helpRequestEvents.note, createdAt: helpRequestEvents.createdAt, actorId: helpRequestEvents.actorId, actorName: users.displayName })
      .from(helpRequestEvents)
      .leftJoin(users, eq(users.id, helpRequestEvents.actorId))
      .where(eq(helpRequestEvents.requestId, id))
      .orderBy(asc(helpRequestEvents.createdAt), asc(helpRequestEvents.id))
  ).map(({ actorId, ...event }) => ({
    ...event,
    note: requesterViews && event.kind === 'handed-back' ? '' : event.note,
    // Who asked is part of the contact: without it, the history says 求助的人.
    actorName: actorId === row.requesterId && !contact && !requesterViews ? '求助的人' : event.actorName,
  }));
  return { ...request, contact, events };
}

type Current = { requesterId: number; status: HelpStatus; claimedBy: number | null } | undefined;

async function current(w: Writer, id: number): Promise<Current> {
  return (
    await w
      .select({ requesterId: helpRequests.requesterId, status: helpRequests.status, claimedBy: helpRequests.claimedBy })
      .from(helpRequests)
      .where(eq(helpRequests.id, id))
  )[0];
}

const MISSING = '没有找到这条求助，请回到志愿服务页面刷新再看。';
const CLOSED = '这条求助已经解决了，不需要再处理。';

/** How many requests this volunteer holds now (claimed, not closed or handed back). */
function openClaims(volunteerId: number): SQL {
  return sql`(select count(*) from help_requests as held where held.claimed_by = ${volunteerId} and held.status = 'claimed')`;
}

/** Why a claim changed nothing, read after the conditional UPDATE found no row to claim. */
async function claimRefusal(w: Writer, id: number, volunteerId: number): Promise<string> {
  const row = await current(w, id);
  if (!row) return MISSING;
  if (row.requesterId === volunteerId) return '不能接自己提出的求助，请等其他志愿者来接。';
  if (row.status === 'closed') return CLOSED;
  if (row.claimedBy === volunteerId) return '这条求助您已经接下了，请在“我接下的求助”里处理。';
  if (row.status === 'claimed') return '这条求助刚刚被其他志愿者接下了，请选另一条。';
  return OPEN_CLAIMS_MESSAGE;
}

/** Why a hand-back or close changed nothing. */
function holderRefusal(row: Current, verb: '交回' | '关闭'): string {
  if (!row) return MISSING;
  if (row.status === 'closed') return CLOSED;
  if (row.status === 'waiting') return `这条求助还没有人接，不能${verb}。请先接单。`;
  return `这条求助是其他志愿者接的，只有接单的志愿者才能${verb}。`;
}

/** The one condition for changing a claimed request: the actor holds it, or is an admin. */
function heldBy(id: number, actor: Actor): SQL | undefined {
  return and(eq(helpRequests.id, id), eq(helpRequests.status, 'claimed'), actor.admin ? undefined : eq(helpRequests.claimedBy, actor.id));
}

/**
 * Claims a waiting request: one conditional UPDATE, so of two at once exactly one wins, and a
 * volunteer already holding MAX_OPEN_CLAIMS requests is refused in the same statement.
 */
export async function claimRequest(db: Db, input: { id: number; volunteerId: number; volunteerName: string; now?: number }): Promise<Result<{ id: number }>> {
  const now = input.now ?? Date.now();
  return db.transaction(async (tx) => {
    const claimed = await tx
      .update(helpRequests)
      .set({ status: 'claimed', claimedBy: input.volunteerId, claimedAt: now, updatedAt: now })
      .where(
        and(
          eq(helpRequests.id, input.id),
          eq(helpRequests.status, 'waiting'),
          ne(helpRequests.requesterId, input.volunteerId),
          sql`${openClaims(input.volunteerId)} < ${MAX_OPEN_CLAIMS}`,
        ),
      )
      .returning({ requesterId: helpRequests.requesterId, way: helpRequests.way });
    const row = claimed[0];
    if (!row) return fail(await claimRefusal(tx, input.id, input.volunteerId));
    await addEvent(tx, input.id, input.volunteerId, 'claimed', now);
    await sendMessage(tx, {
      userId: row.requesterId,
      kind: 'help.claimed',
      subject: subjectOf(input.id),
      title: `志愿者${input.volunteerName}接下了您的求助`,
      body: `会按您选的方式（${HELP_WAY_LABELS[row.way]}）和您联系，请留意。`,
      link: helpRequestPath(input.id),
      now,
    });
    return ok({ id: input.id });
  });
}

/** Puts a claimed request back in the queue (the volunteer cannot help after all). */
export async function handBack(db: Db, input: { id: number; actor: Actor; note: string; now?: number }): Promise<Result<undefined>> {
  const now = input.now ?? Date.now();
  const note = input.note.trim();
  const problem = handBackNoteProblem(note);
  if (problem) return fail(problem, 'note');
  return db.transaction(async (tx) => {
    const back = await tx
      .update(helpRequests)
      .set({ status: 'waiting', claimedBy: null, claimedAt: null, updatedAt: now })
      .where(heldBy(input.id, input.actor))
      .returning({ id: helpRequests.id });
    if (back.length === 0) return fail(holderRefusal(await current(tx, input.id), '交回'));
    await addEvent(tx, input.id, input.actor.id, 'handed-back', now, note);
    return ok();
  });
}

/**
 * Puts every request this person holds back in the queue, inside the caller's transaction: when an
 * admin takes their volunteer flag away or disables their account (src/lib/server/admin.ts). Each
 * gets a handed-back event by the admin with `note`.
 */
export async function handBackAllHeldBy(w: Writer, input: { volunteerId: number; actorId: number; note: string; now: number }): Promise<number[]> {
  const back = await w
    .update(helpRequests)
    .set({ status: 'waiting', claimedBy: null, claimedAt: null, updatedAt: input.now })
    .where(and(eq(helpRequests.status, 'claimed'), eq(helpRequests.claimedBy, input.volunteerId)))
    .returning({ id: helpRequests.id });
  for (const { id } of back) await addEvent(w, id, input.actorId, 'handed-back', input.now, input.note);
  return back.map((row) => row.id);
}

export interface CloseInput {
  id: number;
  actor: Actor;
  answer: string;
  minutes: number;
  now?: number;
}

/**
 * Closes a claimed request with the volunteer's answer and time: the request, its hours in the
 * 霞光时间银行 and the requester's 我的消息 are written together or not at all.
 */
export async function closeRequest(db: Db, input: CloseInput): Promise<Result<undefined>> {
  const now = input.now ?? Date.now();
  const answer = input.answer.replace(/\r\n?/g, '\n').trim();
  const problem = answerProblem(answer);
  if (problem) return fail(problem, 'answer');
  if (!Number.isInteger(input.minutes) || input.minutes < 0 || input.minutes > MAX_HELP_MINUTES) return fail(HOURS_MESSAGE, 'hours');
  return db.transaction(async (tx) => {
    const closed = await tx
      .update(helpRequests)
      .set({ status: 'closed', answer, minutes: input.minutes, closedAt: now, closedBy: input.actor.id, updatedAt: now })
      .where(heldBy(input.id, input.actor))
      .returning({ requesterId: helpRequests.requesterId, claimedBy: helpRequests.claimedBy, problem: helpRequests.problem });
    const row = closed[0];
    if (!row) return fail(holderRefusal(await current(tx, input.id), '关闭'));
    await recordRequestHours(tx, {
      volunteerId: row.claimedBy ?? input.actor.id,
      requestId: input.id,
      minutes: input.minutes,
      servedAt: now,
      note: row.problem.slice(0, 60),
      recordedBy: input.actor.id,
      now,
    });
    await addEvent(tx, input.id, input.actor.id, 'closed', now, formatMinutes(input.minutes));
    await sendMessage(tx, {
      userId: row.requesterId,
      kind: 'help.answered',
      subject: subjectOf(input.id),
      title: '您的求助已经解决',
      body: `志愿者的回复：${answer}`,
      link: helpRequestPath(input.id),
      now,
    });
    return ok();
  });
}

/** Requests by status, for the admins' overview: how many wait, are being handled, are done. */
export async function requestCounts(db: Db): Promise<Record<HelpStatus, number>> {
  const rows = await db
    .select({ status: helpRequests.status, n: count() })
    .from(helpRequests)
    .groupBy(helpRequests.status);
  const counts: Record<HelpStatus, number> = { waiting: 0, claimed: 0, closed: 0 };
  for (const row of rows) counts[row.status] = row.n;
  return counts;
}

