/**
 * 智慧助老 help requests and volunteer hours (霞光时间银行): the rules, stated once (pure). The
 * common problems a person may pick, the ways to be helped, the preferred times, the status words,
 * how long a request and an answer may be, and how many hours one request may count (0–8).
 */
import type { HelpEventKind, HelpStatus, HelpWay } from '../../db/schema/help';
import { charCount } from './reflection-rules';
import { BEIJING_OFFSET_MS } from './beijing-time';

/** Common problems, picked with one tap; the person may still add their own words. */
export const HELP_TOPICS = [
  { id: 'font', label: '字太小，想把手机字调大' },
  { id: 'video-call', label: '不会和孩子视频通话' },
  { id: 'wechat-pay', label: '不会用微信付款' },
  { id: 'scam', label: '收到可疑的短信或电话' },
  { id: 'hospital', label: '不会在手机上预约挂号' },
  { id: 'medical-card', label: '不会用医保电子凭证（医保码）' },
  { id: 'taxi', label: '不会在手机上叫车' },
  { id: 'wifi', label: '连不上无线网络' },
  { id: 'site', label: '不会用霞光学堂（登录、学课程、报名活动）' },
] as const;
export type HelpTopicId = (typeof HELP_TOPICS)[number]['id'];

export function helpTopicById(id: string | null | undefined): (typeof HELP_TOPICS)[number] | undefined {
  return HELP_TOPICS.find((topic) => topic.id === id);
}

/** A request as lists and pages show it (the engine's rows, src/lib/server/help-requests.ts). */
export type HelpRequestRow = {
  id: number;
  requesterId: number;
  topic: string | null;
  problem: string;
  way: HelpWay;
  preferredTime: string;
  status: HelpStatus;
  claimedBy: number | null;
  claimedAt: number | null;
  answer: string;
  minutes: number | null;
  closedAt: number | null;
  createdAt: number;
  volunteerName: string | null;
  /** The last hand-back's note: filled for the volunteers' queue only, never for the requester. */
  handBackNote?: string | undefined;
};

export const HELP_WAY_LABELS: Readonly<Record<HelpWay, string>> = {
  phone: '电话回访',
  'in-person': '到银领之家当面',
  family: '请子女协助',
};

/** What each way means for the person, under its choice. */
export const HELP_WAY_HINTS: Readonly<Record<HelpWay, string>> = {
  phone: '志愿者按您账号上的手机号给您打电话。',
  'in-person': '志愿者和您约好时间，在银领之家当面教您。',
  family: '志愿者联系您，和您的子女一起帮您弄好。',
};

/** Slots to pick; the person may also write their own (上午十点以后 …). */
export const PREFERRED_TIMES = ['工作日上午', '工作日下午', '周末上午', '周末下午', '什么时间都可以'] as const;

export const HELP_STATUS_LABELS: Readonly<Record<HelpStatus, string>> = {
  waiting: '等待志愿者接单',
  claimed: '志愿者正在处理',
  closed: '已经解决',
};

export const PROBLEM_MAX_CHARS = 500;
export const PREFERRED_TIME_MAX_CHARS = 40;
export const ANSWER_MAX_CHARS = 1000;
export const HAND_BACK_NOTE_MAX_CHARS = 200;
/** One request (or one activity) counts at most 8 hours; migration 0010's triggers refuse more. */
export const MAX_HELP_MINUTES = 480;
export const MAX_HELP_HOURS = MAX_HELP_MINUTES / 60;
/** A person may have this many requests open (waiting or claimed) at once. */
export const MAX_OPEN_REQUESTS = 5;
/**
 * A volunteer may hold this many claimed requests at once: each claim shows a requester's phone,
 * so one account cannot collect the whole queue's numbers by claiming everything.
 */
export const MAX_OPEN_CLAIMS = 3;
export const OPEN_CLAIMS_MESSAGE = `您手上已经有${MAX_OPEN_CLAIMS}条求助还没处理完，请先处理完再接新的。`;
/** The note on the hand-back written when an admin takes the volunteer flag away or disables the account. */
export const FLAG_REVOKED_NOTE = '志愿者资格已取消';
export const ACCOUNT_DISABLED_NOTE = '志愿者的账号已停用';

/** The request page: only its requester, the claiming volunteer and admins may open it. */
export function helpRequestPath(id: number): string {
  return `/help/ask/${id}/`;
}

/** The problem as stored: the picked topic's words, then the person's own (either may be empty). */
export function problemText(topicId: string | null | undefined, typed: string): string {
  const topic = helpTopicById(topicId)?.label ?? '';
  const own = typed.replace(/\r\n?/g, '\n').trim();
  if (!topic) return own;
  return own ? `${topic}。${own}` : topic;
}

/** What is wrong with a request, in words, or null. */
export function problemProblem(topicId: string | null | undefined, typed: string): { field: string; message: string } | null {
  if (topicId && !helpTopicById(topicId)) return { field: 'topic', message: '没有这个常见问题，请从列表里重新选一个。' };
  const length = charCount(typed);
  if (length > PROBLEM_MAX_CHARS) return { field: 'problem', message: `问题最多写${PROBLEM_MAX_CHARS}个字，现在是${length}个字，请删减一些。` };
  if (!topicId && length === 0) return { field: 'problem', message: '请写下遇到了什么问题，或者从常见问题里选一个。' };
  return null;
}

export function preferredTimeProblem(time: string): string | null {
  if (charCount(time) > PREFERRED_TIME_MAX_CHARS) return `方便的时间最多写${PREFERRED_TIME_MAX_CHARS}个字。`;
  return null;
}

export function answerProblem(answer: string): string | null {
  const length = charCount(answer);
  if (length === 0) return '请写下您做了什么、告诉了对方什么，对方会看到。';
  if (length > ANSWER_MAX_CHARS) return `最多写${ANSWER_MAX_CHARS}个字，现在是${length}个字，请删减一些。`;
  return null;
}

export function handBackNoteProblem(note: string): string | null {
  const length = charCount(note);
  if (length > HAND_BACK_NOTE_MAX_CHARS) return `说明最多写${HAND_BACK_NOTE_MAX_CHARS}个字。`;
  return null;
}

export const HOURS_MESSAGE = `用时请填0到${MAX_HELP_HOURS}小时之间的数，比如1或者1.5。`;

/**
 * Hours as a volunteer types them ("1", "1.5", "0.5", "１.５", "2小时") → whole minutes, or the
 * message saying what to type. Half a minute rounds to the nearest minute.
 */
export function parseHours(input: string): { ok: true; minutes: number } | { ok: false; message: string } {
  const text = input
    .replace(/[０-９．]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .replace(/\s|小时|个/g, '');
  if (!/^\d{1,2}(\.\d{1,2})?$/.test(text)) return { ok: false, message: HOURS_MESSAGE };
  const minutes = Math.round(Number(text) * 60);
  if (minutes < 0 || minutes > MAX_HELP_MINUTES) return { ok: false, message: HOURS_MESSAGE };
  return { ok: true, minutes };
}

/** Hours to one decimal, as a number a spreadsheet can add up. */
export function hoursNumber(minutes: number): number {
  return Math.round((minutes / 60) * 10) / 10;
}

/** 90 → "1.5小时", 20 → "20分钟", 0 → "0小时". */
export function formatMinutes(minutes: number): string {
  if (minutes > 0 && minutes < 60) return `${minutes}分钟`;
  return `${hoursNumber(minutes)}小时`;
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** How long a request has waited, in words: 刚刚, 25分钟, 3小时, 2天. */
export function waitingText(since: number, now: number): string {
  const waited = Math.max(0, now - since);
  if (waited < MINUTE) return '刚刚';
  if (waited < HOUR) return `${Math.floor(waited / MINUTE)}分钟`;
  if (waited < DAY) return `${Math.floor(waited / HOUR)}小时`;
  return `${Math.floor(waited / DAY)}天`;
}

/** The Beijing month an instant counts in, as YYYY-MM (hours are added up by month). */
export function beijingMonth(time: number): string {
  return new Date(time + BEIJING_OFFSET_MS).toISOString().slice(0, 7);
}

/** "2026-11" → "2026年11月". */
export function monthLabel(month: string): string {
  const [year, m] = month.split('-');
  return `${year}年${Number(m)}月`;
}

/** Minutes per month, newest month first (a volunteer's /me/). */
export function hoursByMonth(rows: ReadonlyArray<{ minutes: number; servedAt: number }>): Array<{ month: string; minutes: number }> {
  const totals = new Map<string, number>();
  for (const row of rows) {
    const month = beijingMonth(row.servedAt);
    totals.set(month, (totals.get(month) ?? 0) + row.minutes);
  }
  return [...totals].map(([month, minutes]) => ({ month, minutes })).sort((a, b) => b.month.localeCompare(a.month));
}

/** The request's history as its page lists it (after the time and the person's name). */
export const HELP_ASK_EVENT_LABELS: Readonly<Record<HelpEventKind, string>> = {
  created: '提出了求助',
  claimed: '接下了求助',
  'handed-back': '交回了求助',
  closed: '关闭了求助',
};
