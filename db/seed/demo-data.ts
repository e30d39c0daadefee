// The demo site's data (`npm start`): branches, one account per role, banks, a contest, an
// invitation code and some progress, so every screen has something real to show.
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
import type { QuestionContent } from '../../src/lib/question-rules';
import { insertUser } from '../../src/lib/server/users';

const SEEDED_KEY = 'demo_seeded_at';

/** Demo accounts, one per role; listed in the README and for demo use only. */
export const DEMO_PASSWORD = 'xiaguang-demo';
export const DEMO_INVITATION = 'XIAGUANG2026';
export const DEMO_ACCOUNTS: Array<{ phone: string; name: string; roles: Role[] }> = [
  { phone: '13800000001', name: '王秀兰', roles: ['learner'] },
  { phone: '13800000002', name: '李建国', roles: ['learner', 'instructor'] },
  { phone: '13800000003', name: '张卫东', roles: ['learner', 'organiser'] },
  { phone: DEMO_ADMIN_PHONE, name: '赵玉梅', roles: ['learner', 'admin'] },
];

const lesson = (title: string): string => `本站课程《${title}》`;
/** Practice questions for the demo, each taken from a lesson of this site and its sources. */
const DEMO_QUESTIONS: QuestionContent[] = [
  {
    type: 'single',
    stem: '中国共产党第一次全国代表大会于哪一天在上海开幕？',
    options: ['1921年7月1日', '1921年7月23日', '1921年8月1日', '1949年10月1日'],
    answer: { type: 'single', option: 1 },
    explanation: '1921年7月23日，中共一大在上海开幕，最后一天转移到嘉兴南湖的游船上举行。7月1日是后来确定的党的成立纪念日。',
    category: '党史',
    tags: ['红船精神'],
    difficulty: 1,
    source: lesson('红船精神：开天辟地、敢为人先'),
  },
  {
    type: 'multiple',
    stem: '红船精神包括哪几种精神？',
    options: ['开天辟地、敢为人先的首创精神', '坚定理想、百折不挠的奋斗精神', '立党为公、忠诚为民的奉献精神', '自力更生、艰苦创业的创业精神'],
    answer: { type: 'multiple', options: [0, 1, 2] },
    explanation: '2005年6月21日，习近平同志在《光明日报》撰文，将红船精神概括为首创精神、奋斗精神、奉献精神。',
    category: '党史',
    tags: ['红船精神'],
    difficulty: 2,
    source: lesson('红船精神：开天辟地、敢为人先'),
  },
  {
    type: 'single',
    stem: '提出“两个务必”的党的七届二中全会，是在哪里召开的？',
    options: ['延安', '西柏坡', '遵义', '北平'],
    answer: { type: 'single', option: 1 },
    explanation: '1949年3月5日至13日，党的七届二中全会在河北平山县西柏坡召开。',
    category: '党史',
    tags: ['西柏坡精神'],
    difficulty: 1,
    source: lesson('西柏坡精神：牢记“两个务必”'),
  },
  {
    type: 'fill',
    stem: '2012年12月4日，中共中央政治局审议通过了关于改进工作作风、密切联系群众的____规定。',
    options: [],
    answer: { type: 'fill', accepted: ['八项', '中央八项'] },
    explanation: '《十八届中央政治局关于改进工作作风、密切联系群众的八项规定》，人们习惯简称为“中央八项规定”。',
    category: '廉洁文化',
    tags: ['中央八项规定'],
    difficulty: 1,
    source: lesson('中央八项规定：改进作风从这里起步'),
  },
  {
    type: 'truefalse',
    stem: '党员的党龄，从被批准为预备党员之日算起。',
    options: [],
    answer: { type: 'truefalse', value: false },
    explanation: '党龄从预备期满转为正式党员之日算起；预备期从支部大会通过为预备党员之日算起。',
    category: '党章',
    tags: ['政治生日'],
    difficulty: 2,
    source: `${lesson('政治生日：不忘入党那一天')}，《中国共产党章程》第七条`,
  },
  {
    type: 'truefalse',
    stem: '“红船精神”是2005年6月21日在《光明日报》发表的署名文章中首次提出并系统阐述的。',
    options: [],
    answer: { type: 'truefalse', value: true },
    explanation: '时任中共浙江省委书记习近平在《光明日报》发表《弘扬“红船精神” 走在时代前列》。',
    category: '党史',
    tags: ['红船精神'],
    difficulty: 2,
    source: lesson('红船精神：开天辟地、敢为人先'),
  },
];

/**
 * Writes the demo data into an empty database (no accounts) and returns true; leaves any other
 * database as it is and returns false. The check and the writes are one write transaction (libSQL's default, BEGIN IMMEDIATE), so two
 * seeds at once cannot both write. Run through db/seed/demo.ts, which decides whether demo data
 * may go into this database at all.
 */
export async function seedDemoData(db: Db, now = Date.now()): Promise<boolean> {
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  return db.transaction(async (tx) => {
    const existing = await tx.select({ count: sql<number>`count(*)` }).from(users);
    if (Number(existing[0]?.count ?? 0) > 0) return false;
    const branchIds = await tx
      .insert(branches)
      .values(['老干部局离退休第一党支部', '老干部局离退休第二党支部'].map((name) => ({ name, createdAt: now })))
      .returning({ id: branches.id });
    const ids: number[] = [];
    for (const [index, account] of DEMO_ACCOUNTS.entries()) {
      ids.push(
        await insertUser(
          tx,
          { phone: account.phone, displayName: account.name, branchId: branchIds[index % 2]?.id ?? null, passwordHash, roles: account.roles, demo: true, privacyAcceptedAt: now },
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
    await insertQuestions(tx, practiceBank[0]?.id ?? 0, DEMO_QUESTIONS, ids[2] ?? 0, now);
    // A contest needs its own bank: practice answers are shown to learners.
    const contestBank = await tx
      .insert(questionBanks)
      .values({ name: '党史与党章（竞赛）', description: '演示用的竞赛题，题目出自本站课程。', practice: false, createdBy: ids[2] ?? null, createdAt: now })
      .returning({ id: questionBanks.id });
    await insertQuestions(tx, contestBank[0]?.id ?? 0, DEMO_QUESTIONS, ids[2] ?? 0, now);
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
    await tx.insert(appSettings).values({ key: SEEDED_KEY, value: String(now), updatedAt: now });
    return true;
  });
}

