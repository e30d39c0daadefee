// The demo site's activity schedule: a screening this week with a few seats left, a full one with
// a waitlist, a 红色游学 visit next month, a cancelled screening, and a past one with attendance and
// two approved 观后感. Times are relative to the moment of seeding, in Beijing time. Seats are held
// by guests signed up by the organiser (名字和电话 only, no accounts), so the demo has no more
// accounts than the one per role it lists.
import { and, eq, isNull } from 'drizzle-orm';
import { activities, activitySignups, reflections } from '../schema';
import type { Tx } from '../../src/lib/server/db';
import { BEIJING_OFFSET_MS, beijingDay, beijingDayStart } from '../../src/lib/beijing-time';
import { activitySubject, sendMessage } from '../../src/lib/server/messages';
import { activityPath } from '../../src/lib/activity-agenda';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** The venue of every demo screening: a generic address, no real street. */
const CENTRE = { venueName: '老年大学活动中心', venueAddress: '区老年大学院内，活动中心楼', venueRoom: '三楼多功能厅' } as const;

/** Names for the guests who fill the seats (made up for the demo). */
const SURNAMES = ['刘', '陈', '杨', '黄', '周', '吴', '徐', '孙', '马', '朱', '胡', '郭', '何', '林', '罗', '高'];
const GIVEN = ['桂芳', '志强', '淑珍', '建华', '秀英', '国庆', '玉兰', '德明', '凤英', '振华', '丽华', '福生', '淑兰', '卫国', '春梅', '永年'];

export interface DemoPeople {
  organiser: number;
  /** 王秀兰: one seat this week, on the waitlist of the full screening, attended the past one. */
  learner: number;
  /** 李建国: the 微党课 speaker; attended the past one; signed up for the cancelled one. */
  instructor: number;
}

export interface DemoSchedule {
  thisWeek: number;
  full: number;
  visit: number;
  cancelled: number;
  past: number;
}

/**
 * When the screening "this week" starts: tomorrow at 14:30 while tomorrow is still in this week
 * (Beijing weeks run Monday to Sunday), else today at 19:00 if that is an hour away. Only when
 * seeded on a Sunday evening does it fall into next week.
 */
export function thisWeekStart(now: number): number {
  const today = beijingDayStart(now);
  const weekday = new Date(today + BEIJING_OFFSET_MS).getUTCDay(); // 0 is Sunday
  const tomorrow = today + DAY + 14 * HOUR + 30 * MINUTE;
  if (weekday !== 0) return tomorrow;
  const tonight = today + 19 * HOUR;
  return tonight - now >= HOUR ? tonight : tomorrow;
}

/** The 15th of next month at 08:00, Beijing time. */
export function nextMonthVisitStart(now: number): number {
  const [year, month] = beijingDay(now).split('-').map(Number) as [number, number];
  return Date.UTC(year, month, 15, 8) - BEIJING_OFFSET_MS;
}

export async function seedDemoSchedule(tx: Tx, people: DemoPeople, now: number): Promise<DemoSchedule> {
  let guestNumber = 0;
  const guest = () => {
    guestNumber += 1;
    const name = `${SURNAMES[guestNumber % SURNAMES.length]}${GIVEN[(guestNumber * 7) % GIVEN.length]}`;
    return { guestName: name, guestPhone: `1360000${String(1000 + guestNumber).padStart(4, '0')}` };
  };

  const insertActivity = async (values: Omit<typeof activities.$inferInsert, 'createdAt' | 'updatedAt' | 'createdBy'>): Promise<number> => {
    const rows = await tx
      .insert(activities)
      .values({ ...values, createdBy: people.organiser, createdAt: now - 7 * DAY, updatedAt: now - 7 * DAY })
      .returning({ id: activities.id });
    return (rows[0] as { id: number }).id;
  };

  /** Guests signed up by the organiser, `pairs` of them with a 同行家属, in order from `from`. */
  const fillWithGuests = async (activityId: number, seats: number, pairs: number, from: number, status: 'confirmed' | 'waitlisted' = 'confirmed'): Promise<void> => {
    let left = seats;
    let index = 0;
    while (left > 0) {
      const pair = index < pairs && left >= 2;
      const taken = pair ? 2 : 1;
      const at = from + index * 37 * MINUTE;
      await tx.insert(activitySignups).values({
        activityId,
        ...guest(),
        seats: taken,
        companionName: pair ? '老伴' : null,
        status,
        seatsHeld: status === 'confirmed' ? taken : 0,
        source: 'organiser',
        queuedAt: at,
        createdAt: at,
        createdBy: people.organiser,
      });
      left -= taken;
      index += 1;
    }
  };

  const ownSignup = (activityId: number, userId: number, status: 'confirmed' | 'waitlisted', at: number, seats = 1) =>
    tx.insert(activitySignups).values({ activityId, userId, seats, status, seatsHeld: status === 'confirmed' ? seats : 0, source: 'self', queuedAt: at, createdAt: at });

  // 1. This week, 上甘岭 with a 微党课 first: 3 of 40 seats left.
  const weekStart = thisWeekStart(now);
  const thisWeek = await insertActivity({
    kind: 'film',
    title: '红色观影：《上甘岭》',
    filmSlug: 'shangganling',
    startsAt: weekStart,
    endsAt: weekStart + 2 * HOUR + 30 * MINUTE,
    ...CENTRE,
    capacity: 40,
    talkTopic: '抗美援朝精神的时代价值',
    talkSpeaker: '李建国',
    lessonId: 'red-spirit/resist-us-aid-korea-spirit',
    notes: '放映前有15分钟微党课。请提前10分钟到场签到；放映厅有空调，可以带一件外衣。',
    signupClosesAt: weekStart - 3 * HOUR,
  });
  await ownSignup(thisWeek, people.learner, 'confirmed', now - 2 * DAY);
  await fillWithGuests(thisWeek, 36, 6, now - 3 * DAY);

  // 2. Next week, 长津湖: every seat taken, four waiting (王秀兰 second in line).
  const fullStart = weekStart + 7 * DAY;
  const full = await insertActivity({
    kind: 'film',
    title: '红色观影：《长津湖》',
    filmSlug: 'changjinhu',
    startsAt: fullStart,
    endsAt: fullStart + 3 * HOUR + 15 * MINUTE,
    ...CENTRE,
    capacity: 30,
    lessonId: 'red-spirit/resist-us-aid-korea-spirit',
    notes: '影片较长（近三小时），中间不休息，请提前去洗手间；需要的话可以带个坐垫。',
    signupClosesAt: fullStart - DAY,
  });
  await fillWithGuests(full, 30, 8, now - 4 * DAY);
  await fillWithGuests(full, 1, 0, now - 20 * HOUR, 'waitlisted');
  await ownSignup(full, people.learner, 'waitlisted', now - 10 * HOUR);
  await fillWithGuests(full, 4, 1, now - 5 * HOUR, 'waitlisted');

  // 3. Next month, a 红色游学 visit by bus.
  const visitStart = nextMonthVisitStart(now);
  const visit = await insertActivity({
    kind: 'visit',
    title: '红色游学：参观市革命历史纪念馆',
    destination: '市革命历史纪念馆',
    startsAt: visitStart,
    endsAt: visitStart + 4 * HOUR,
    venueName: '老年大学正门（集合上车）',
    venueAddress: '区老年大学正门',
    venueRoom: '',
    capacity: 45,
    lessonId: 'red-spirit/xibaipo-spirit',
    notes: '早上7:45在老年大学正门集合，8:00准时发车，中午前返回。请带好身份证或老年证、水杯和常用药，穿舒适的鞋。',
    signupClosesAt: visitStart - 3 * DAY,
    companionsAllowed: false,
  });
  await fillWithGuests(visit, 12, 0, now - DAY);

  // 4. Cancelled, 焦裕禄, with the reason everyone signed up was told.
  const cancelledStart = weekStart + 3 * DAY;
  const cancelled = await insertActivity({
    kind: 'film',
    title: '红色观影：《焦裕禄》',
    filmSlug: 'jiaoyulu',
    startsAt: cancelledStart,
    endsAt: cancelledStart + 2 * HOUR,
    ...CENTRE,
    capacity: 40,
    signupClosesAt: cancelledStart - 3 * HOUR,
    status: 'cancelled',
    statusReason: '多功能厅放映设备检修，本场取消。改期后会在活动安排里公布，请留意。',
    sequence: 1,
  });
  await ownSignup(cancelled, people.instructor, 'confirmed', now - 3 * DAY);
  await fillWithGuests(cancelled, 9, 2, now - 3 * DAY);
  await sendMessage(tx, {
    userId: people.instructor,
    kind: 'activity.cancelled',
    subject: activitySubject(cancelled),
    title: '活动取消：红色观影：《焦裕禄》',
    body: '多功能厅放映设备检修，本场取消。改期后会在活动安排里公布，请留意。',
    link: activityPath(cancelled),
    now: now - DAY,
  });

  // 5. Ten days ago, 开国大典: most of those signed up came (checked in at the door), and two wrote 观后感.
  const pastStart = beijingDayStart(now) - 10 * DAY + 14 * HOUR + 30 * MINUTE;
  const past = await insertActivity({
    kind: 'film',
    title: '红色观影：《开国大典》',
    filmSlug: 'kaiguodadian',
    startsAt: pastStart,
    endsAt: pastStart + 2 * HOUR + 30 * MINUTE,
    ...CENTRE,
    capacity: 40,
    lessonId: 'red-spirit/xibaipo-spirit',
    signupClosesAt: pastStart - 3 * HOUR,
  });
  for (const userId of [people.learner, people.instructor]) {
    await tx.insert(activitySignups).values({
      activityId: past,
      userId,
      seats: 1,
      status: 'confirmed',
      seatsHeld: 1,
      source: 'self',
      queuedAt: pastStart - 5 * DAY,
      createdAt: pastStart - 5 * DAY,
      checkedInAt: pastStart - 12 * MINUTE,
      checkedInBy: people.organiser,
    });
  }
  await fillWithGuests(past, 24, 3, pastStart - 6 * DAY);
  // Most guests came; a few did not (no tick at the door).
  const guests = await tx
    .select({ id: activitySignups.id })
    .from(activitySignups)
    .where(and(eq(activitySignups.activityId, past), isNull(activitySignups.userId)));
  for (const [index, row] of guests.entries()) {
    if (index % 7 === 6) continue;
    await tx
      .update(activitySignups)
      .set({ checkedInAt: pastStart - (20 - (index % 15)) * MINUTE, checkedInBy: people.organiser })
      .where(eq(activitySignups.id, row.id));
  }
  const reviewedAt = pastStart + 2 * DAY;
  await tx.insert(reflections).values([
    {
      activityId: past,
      userId: people.learner,
      body: '看《开国大典》的时候，我想起小时候父亲给我讲新中国成立那天的情景。看到五星红旗升起来，放映厅里好几位老同志都悄悄抹了眼泪。今天的好日子来之不易，我们这些老党员更要珍惜，也要把这段历史讲给孙辈听。',
      showName: true,
      status: 'approved',
      createdAt: pastStart + DAY,
      updatedAt: pastStart + DAY,
      reviewedAt,
      reviewedBy: people.organiser,
    },
    {
      activityId: past,
      userId: people.instructor,
      body: '这次集体观影很有意义。影片让我重新回顾了新中国成立前后那段艰难而伟大的历程，更深地体会到什么是人民的选择、历史的选择。学党史不是为了怀旧，而是为了不忘初心，退休了也能在社区里继续发挥余热。希望以后多组织这样的活动，看完再一起讨论。',
      showName: false,
      status: 'approved',
      createdAt: pastStart + DAY + 3 * HOUR,
      updatedAt: pastStart + DAY + 3 * HOUR,
      reviewedAt,
      reviewedBy: people.organiser,
    },
  ]);

  return { thisWeek, full, visit, cancelled, past };
}
