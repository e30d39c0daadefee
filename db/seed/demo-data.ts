// The demo site's data (`npm start`): branches, one account per role, banks, a contest, an
// invitation code, some progress, the activity schedule (demo-schedule.ts) and help requests with a
// volunteer (demo-help.ts) and studio courses (demo-studio.ts), so every screen has
// something real to show.
import { sql } from 'drizzle-orm';
import { decodeBase32 } from '@oslojs/encoding';
import { appSettings, branches, contests, invitations, lessonProgress, questionBanks, studyDays, users } from '../schema';
import type { Role } from '../schema';
import { beijingDay } from '../../src/lib/beijing-time';
import type { Db } from '../../src/lib/server/db';
import { DEMO_ADMIN_PHONE, DEMO_TOTP_KEY } from '../../src/lib/server/demo';
import { hashPassword } from '../../src/lib/server/password';
import { installTotp } from '../../src/lib/server/two-factor';
import { insertQuestions } from '../../src/lib/server/question-bank';
import { addQuestionSetIn } from '../../src/lib/server/question-sets';
import { questionSetById } from '../../src/lib/question-sets';
import { DEMO_CONTEST_QUESTIONS, DEMO_PRACTICE_QUESTIONS } from './demo-questions';
import { insertUser } from '../../src/lib/server/users';
import { seedDemoSchedule } from './demo-schedule';
import { seedDemoHelp } from './demo-help';
import { seedDemoStudio } from './demo-studio';
import { seedCourseBanks } from './demo-banks';

const SEEDED_KEY = 'demo_seeded_at';

/** Demo accounts, one per role; listed in the README and for demo use only. */
export const DEMO_PASSWORD = 'xiaguang-demo';
export const DEMO_INVITATION = 'XIAGUANG2026';
export const DEMO_ACCOUNTS: Array<{ phone: string; name: string; roles: Role[]; volunteer?: boolean }> = [
  { phone: '13800000001', name: '王秀兰', roles: ['learner'] },
  { phone: '13800000002', name: '李建国', roles: ['learner', 'instructor'] },
  { phone: '13800000003', name: '张卫东', roles: ['learner', 'organiser'] },
  { phone: DEMO_ADMIN_PHONE, name: '赵玉梅', roles: ['learner', 'admin'] },
  // 银发数字辅导员: a learner with the volunteer flag, who answers help requests (/volunteer/).
  { phone: '13800000005', name: '陈志刚', roles: ['learner'], volunteer: true },
];

/**
 * Writes the demo data into an empty database (no accounts) and returns true; leaves any other
 * database as it is and returns false. The check and the writes are one write transaction (libSQL's default, BEGIN IMMEDIATE), so two
 * seeds at once cannot both write. Run through db/seed/demo.ts, which decides whether demo data
 * may go into this database at all.
 */
export async function seedDemoData(db: Db, now = Date.now()): Promise<boolean> {
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  const people = await db.transaction(async (tx) => {
    const existing = await tx.select({ count: sql<number>`count(*)` }).from(users);
    if (Number(existing[0]?.count ?? 0) > 0) return null;
    const branchIds = await tx
      .insert(branches)
      .values(['老干部局离退休第一党支部', '老干部局离退休第二党支部'].map((name) => ({ name, createdAt: now })))
      .returning({ id: branches.id });
    const ids: number[] = [];
    for (const [index, account] of DEMO_ACCOUNTS.entries()) {
      ids.push(
        await insertUser(
          tx,
          { phone: account.phone, displayName: account.name, branchId: branchIds[index % 2]?.id ?? null, passwordHash, roles: account.roles, volunteer: account.volunteer ?? false, demo: true, privacyAcceptedAt: now },
          now,
        ),
      );
    }
    for (const [index, account] of DEMO_ACCOUNTS.entries()) {
      if (account.roles.includes('admin')) await installTotp(tx, ids[index] as number, decodeBase32(DEMO_TOTP_KEY), 0, now);
    }
    const practiceBank = await tx
      .insert(questionBanks)
      .values({ name: '党史与党章（练习）', description: '演示用的练习题，题目出自本站课程。', practice: true, createdBy: ids[2] ?? null, createdAt: now })
      .returning({ id: questionBanks.id });
    await insertQuestions(tx, practiceBank[0]?.id ?? 0, DEMO_PRACTICE_QUESTIONS, ids[2] ?? 0, now);
    // 智慧助老: the anti-fraud set in a practice bank of its own, as an organiser adds it from the bank page.
    const fraudBank = await tx
      .insert(questionBanks)
      .values({ name: '防诈骗（练习）', description: '六种常见骗局和求助电话，答案出自本站防诈骗专区。', practice: true, createdBy: ids[2] ?? null, createdAt: now })
      .returning({ id: questionBanks.id });
    const fraudSet = questionSetById('anti-fraud');
    if (fraudSet) await addQuestionSetIn(tx, fraudBank[0]?.id ?? 0, fraudSet, ids[2] ?? 0, now);
    await seedCourseBanks(tx, ids[2] ?? 0, now);
    // A contest needs its own bank with other questions: practice answers are shown to learners,
    // so a question in both banks would be answered in 每日一练 before the contest.
    const contestBank = await tx
      .insert(questionBanks)
      .values({ name: '党史与党章（竞赛）', description: '演示用的竞赛题，题目出自本站课程。', practice: false, createdBy: ids[2] ?? null, createdAt: now })
      .returning({ id: questionBanks.id });
    await insertQuestions(tx, contestBank[0]?.id ?? 0, DEMO_CONTEST_QUESTIONS, ids[2] ?? 0, now);
    await tx.insert(contests).values({
      title: '学党史、知党章知识竞赛（演示）',
      description: '演示用的知识竞赛：6道题，限时10分钟，每人可以答3次。题目出自本站课程。',
      bankId: contestBank[0]?.id ?? 0,
      // Whole minutes, as the set-up form shows them, so the demo contest can be edited there.
      opensAt: Math.floor(now / 60_000) * 60_000 - 86_400_000,
      closesAt: Math.floor(now / 60_000) * 60_000 + 60 * 86_400_000,
      timeLimitMinutes: 10,
      attemptsAllowed: 3,
      drawRules: JSON.stringify([
        { type: 'single', count: 2 },
        { type: 'multiple', count: 1 },
        { type: 'truefalse', count: 2 },
        { type: 'fill', count: 1 },
      ]),
      shuffleOptions: true,
      points: JSON.stringify({ single: 2, multiple: 3, truefalse: 1, fill: 2, partial: 'half' }),
      answersVisible: 'after_submit',
      awards: JSON.stringify([{ name: '一等奖', upToRank: 1 }, { name: '二等奖', upToRank: 3 }]),
      createdBy: ids[2] ?? null,
      createdAt: now,
    });
    await tx.insert(invitations).values({ code: DEMO_INVITATION, branchId: branchIds[0]?.id ?? null, maxUses: 100, expiresAt: now + 365 * 86_400_000, createdAt: now });
    const learner = ids[0] as number;
    const day = 86_400_000;
    const lessons = ['party-spirit/constitution-and-oath', 'party-spirit/original-aspiration', 'party-spirit/rights-and-duties'];
    for (const [index, lessonId] of lessons.entries()) {
      const at = now - (3 - index) * day;
      await tx.insert(lessonProgress).values({
        userId: learner,
        lessonId,
        courseId: 'party-spirit',
        openedAt: at,
        lastSeenAt: at,
        completedAt: index < 2 ? at + 600_000 : null,
        seconds: 600,
      });
      await tx.insert(studyDays).values({ userId: learner, day: beijingDay(at), seconds: 600 });
    }
    await seedDemoSchedule(tx, { organiser: ids[2] as number, learner, instructor: ids[1] as number }, now);
    await seedDemoHelp(tx, { learner, volunteer: ids[4] as number }, now);
    await tx.insert(appSettings).values({ key: SEEDED_KEY, value: String(now), updatedAt: now });
    return { instructor: ids[1] as number, reviewer: ids[3] as number };
  });
  if (!people) return false;
  // The studio's courses go through the studio's own functions, each its own transaction: written
  // after the accounts exist. Should it stop halfway, some studio courses are missing from the demo:
  // delete data/xiaguang.db and run npm start again.
  await seedDemoStudio(db, people, now);
  return true;
}

