import { createHash } from 'node:crypto';
import { TZDate } from '@date-fns/tz';
import { getVtimezoneComponent } from '@touch4it/ical-timezones';
import { ICalAlarmType, ICalCalendar, ICalEventStatus } from 'ical-generator';
import { KIND_LABELS } from '../activity-rules';
import { activityPath } from '../activity-agenda';
import { venueText } from '../activity-wording';
import { BEIJING_TIME_ZONE, beijingDayStart } from '../beijing-time';
import type { Activity } from './activities';

/** The zone every time in the files is written in (with its VTIMEZONE block). */
export const CALENDAR_TIME_ZONE = BEIJING_TIME_ZONE;

/** The first reminder rings at this Beijing hour on the evening before. */
const EVENING_BEFORE_HOUR = 20;
/** The second, this long before the start. */
const SHORTLY_BEFORE_SECONDS = 2 * 60 * 60;

const HOUR_MS = 60 * 60 * 1000;
const DAY_MS = 24 * HOUR_MS;

/** One activity in a file, and whether it is off for this reader (cancelled, or their sign-up cancelled). */
export interface CalendarEntry {
  activity: Activity;
  /** The reader cancelled their own sign-up: their phone should drop it as well. */
  withdrawn?: boolean;
  /**
   * How many times the reader's own sign-up changed this entry (given up, taken again), added to
   * the activity's SEQUENCE: a phone ignores a CANCELLED copy whose SEQUENCE is not higher than
   * the one it has. 0 in files everyone gets.
   */
  ownChanges?: number;
}

export interface CalendarOptions {
  /** The public address of the site (SITE_URL): UIDs and links are made from it. */
  siteUrl: URL;
  /** The calendar's name as phones list it. */
  name: string;
}

/**
 * Seconds before the start at which the evening-before reminder rings: 20:00 Beijing time on the
 * day before. Written as a relative trigger (not an absolute date-time) because the calendar apps
 * of Android phones and Google Calendar keep only reminders relative to the start, and a relative
 * one moves with the activity when an organiser moves it.
 */
export function eveningBeforeSeconds(startsAt: number): number {
  const evening = beijingDayStart(startsAt) - DAY_MS + EVENING_BEFORE_HOUR * HOUR_MS;
  return Math.round((startsAt - evening) / 1000);
}

/** The stable UID of an activity: the same in the one-off file and in every personal feed. */
export function activityUid(activityId: number, siteUrl: URL): string {
  return `activity-${activityId}@${siteUrl.hostname}`;
}

export function activityUrl(activityId: number, siteUrl: URL): string {
  return new URL(activityPath(activityId), siteUrl).href;
}

function description(activity: Activity, url: string): string {
  const lines: string[] = [];
  if (activity.status === 'cancelled') lines.push(`本活动已取消。${activity.statusReason}`.trim());
  else if (activity.status === 'moved' && activity.statusReason) lines.push(`时间或地点有变：${activity.statusReason}`);
  if (activity.talkTopic) lines.push(`微党课：${activity.talkTopic}${activity.talkSpeaker ? `（主讲：${activity.talkSpeaker}）` : ''}`);
  if (activity.destination) lines.push(`目的地：${activity.destination}`);
  if (activity.notes.trim()) lines.push(`注意事项：${activity.notes.trim()}`);
  lines.push(`活动详情：${url}`);
  return lines.join('\n');
}

/** A time as a date that ical-generator writes in Beijing local time (with its TZID). */
function beijing(time: number): TZDate {
  return new TZDate(time, CALENDAR_TIME_ZONE);
}

/**
 * An RFC 5545 calendar of activities, built by ical-generator: Beijing times with their VTIMEZONE,
 * stable UIDs, SEQUENCE from activities.sequence (plus the reader's own changes), STATUS:CANCELLED
 * for cancelled activities and withdrawn sign-ups, and two display reminders (the evening before, two hours before).
 */
export function buildCalendar(entries: readonly CalendarEntry[], options: CalendarOptions): string {
  const calendar = new ICalCalendar({
    name: options.name,
    prodId: { company: options.siteUrl.hostname, product: 'xiaguang-xuetang', language: 'ZH' },
    // No calendar-wide zone: ical-generator would then write DTSTAMP in local time, and RFC 5545
    // wants it in UTC. The events carry the TZID of Beijing time, and the generator writes their VTIMEZONE.
    timezone: { name: null, generator: getVtimezoneComponent },
    // How often subscribed phones should fetch the feed again (X-PUBLISHED-TTL, REFRESH-INTERVAL).
    ttl: 60 * 60,
  });
  for (const { activity, withdrawn = false, ownChanges = 0 } of entries) {
    const url = activityUrl(activity.id, options.siteUrl);
    const cancelled = withdrawn || activity.status === 'cancelled';
    const event = calendar.createEvent({
      id: activityUid(activity.id, options.siteUrl),
      sequence: activity.sequence + ownChanges,
      start: beijing(activity.startsAt),
      end: beijing(activity.endsAt),
      timezone: CALENDAR_TIME_ZONE,
      stamp: new Date(activity.updatedAt),
      lastModified: new Date(activity.updatedAt),
      created: new Date(activity.createdAt),
      summary: activity.status === 'cancelled' ? `【已取消】${activity.title}` : activity.title,
      location: venueText(activity),
      description: description(activity, url),
      url,
      status: cancelled ? ICalEventStatus.CANCELLED : ICalEventStatus.CONFIRMED,
      categories: [{ name: KIND_LABELS[activity.kind] }],
    });
    if (cancelled) continue;
    event.createAlarm({ type: ICalAlarmType.display, trigger: eveningBeforeSeconds(activity.startsAt), description: `明天：${activity.title}` });
    event.createAlarm({ type: ICalAlarmType.display, trigger: SHORTLY_BEFORE_SECONDS, description: `两小时后：${activity.title}` });
  }
  return calendar.toString();
}

const CALENDAR_TYPE = 'text/calendar; charset=utf-8';

/**
 * The answer carrying a calendar file. Phones poll a subscription every hour or so: the ETag lets
 * them (and browsers) get a bodiless 304 when nothing changed. `shared` files (one public activity)
 * may sit in caches for five minutes; a personal feed is private and always checked again.
 */
export function calendarResponse(request: Request, body: string, options: { shared: boolean; fileName?: string }): Response {
  const etag = `"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"`;
  const headers: Record<string, string> = {
    'content-type': CALENDAR_TYPE,
    'cache-control': options.shared ? 'public, max-age=300' : 'private, no-cache',
    etag,
  };
  if (options.fileName) headers['content-disposition'] = `inline; filename="${options.fileName}"`;
  if (request.headers.get('if-none-match') === etag) return new Response(null, { status: 304, headers });
  return new Response(body, { headers });
}

/** What a calendar app (or a person) is told when the address leads nowhere: plain text, not a page. */
export function calendarNotFound(message: string): Response {
  return new Response(message, { status: 404, headers: { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store' } });
}

/**
 * The feed's two addresses: webcal:// (phones open it in their calendar app and subscribe) and the
 * same over https:// (for calendar apps that want the address pasted in).
 */
export function feedAddresses(token: string, siteUrl: URL): { webcal: string; https: string } {
  const https = new URL(`/calendar/${token}.ics`, siteUrl).href;
  return { webcal: https.replace(/^https?:/, 'webcal:'), https };
}
