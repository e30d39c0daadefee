import { and, asc, count, desc, eq, ne, type SQL } from 'drizzle-orm';
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
  MAX_OPEN_REQUESTS,
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
  return requestRows(db, eq(helpRequests.status, 'waiting')).orderBy(asc(helpRequests.createdAt), asc(helpRequests.id)).limit(200);
}

/** The requests this volunteer has claimed and not yet closed. */
export async function myClaimed(db: Db, volunteerId: number): Promise<HelpRequestRow[]> {
  return requestRows(db, and(eq(helpRequests.status, 'claimed'), eq(helpRequests.claimedBy, volunteerId))).orderBy(asc(helpRequests.claimedAt));
}

/** Requests volunteers are handling now, the longest-held first (admins follow them up). */
export async function claimedRequests(db: Db): Promise<HelpRequestRow[]> {
  return requestRows(db, eq(helpRequests.status, 'claimed')).orderBy(asc(helpRequests.claimedAt)).limit(200);
}

export interface HelpRequestDetail extends HelpRequestRow {
  requesterName: string;
  requesterPhone: string;
  requesterBranch: string | null;
  events: Array<{ kind: HelpEventKind; note: string; createdAt: number; actorName: string | null }>;
}

export type RequestView = { found: false } | { found: true; allowed: false } | { found: true; allowed: true; request: HelpRequestDetail };

/** Whether this person may see the request (and its requester's phone). */
export function maySee(request: Pick<HelpRequestRow, 'requesterId' | 'claimedBy'>, actor: Actor): boolean {
  return actor.admin || request.requesterId === actor.id || (request.claimedBy !== null && request.claimedBy === actor.id);
}

/** One request for its page: only its requester, the volunteer who claimed it and admins see it. */
export async function requestView(db: Db, id: number, actor: Actor): Promise<RequestView> {
  const row = (
    await db
      .select({ ...requestColumns, requesterName: requester.displayName, requesterPhone: requester.phone, requesterBranch: branches.name })
      .from(helpRequests)
      .innerJoin(requester, eq(requester.id, helpRequests.requesterId))
      .leftJoin(branches, eq(branches.id, requester.branchId))
      .leftJoin(volunteer, eq(volunteer.id, helpRequests.claimedBy))
      .where(eq(helpRequests.id, id))
  )[0];
  if (!row) return { found: false };
  if (!maySee(row, actor)) return { found: true, allowed: false };
  const events = await db
    .select({ kind: helpRequestEvents.kind, note: helpRequestEvents.note, createdAt: helpRequestEvents.createdAt, actorName: users.displayName })
    .from(helpRequestEvents)
    .leftJoin(users, eq(users.id, helpRequestEvents.actorId))
    .where(eq(helpRequestEvents.requestId, id))
    .orderBy(asc(helpRequestEvents.createdAt), asc(helpRequestEvents.id));
  return { found: true, allowed: true, request: { ...row, events } };
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

/** Why a claim changed nothing, read after the conditional UPDATE found no waiting row. */
function claimRefusal(row: Current, volunteerId: number): string {
  if (!row) return MISSING;
  if (row.requesterId === volunteerId) return '不能接自己提出的求助，请等其他志愿者来接。';
  if (row.status === 'closed') return CLOSED;
  if (row.claimedBy === volunteerId) return '这条求助您已经接下了，请在“我接下的求助”里处理。';
  return '这条求助刚刚被其他志愿者接下了，请选另一条。';
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

/** Claims a waiting request: one conditional UPDATE, so of two at once exactly one wins. */
export async function claimRequest(db: Db, input: { id: number; volunteerId: number; volunteerName: string; now?: number }): Promise<Result<{ id: number }>> {
  const now = input.now ?? Date.now();
  return db.transaction(async (tx) => {
    const claimed = await tx
      .update(helpRequests)
      .set({ status: 'claimed', claimedBy: input.volunteerId, claimedAt: now, updatedAt: now })
      .where(and(eq(helpRequests.id, input.id), eq(helpRequests.status, 'waiting'), ne(helpRequests.requesterId, input.volunteerId)))
      .returning({ requesterId: helpRequests.requesterId, way: helpRequests.way });
    const row = claimed[0];
    if (!row) return fail(claimRefusal(await current(tx, input.id), input.volunteerId));
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

