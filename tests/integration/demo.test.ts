import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { eq } from 'drizzle-orm';
import { createClient } from '@libsql/client';
import { drizzle } from 'drizzle-orm/libsql';
import { migrate } from 'drizzle-orm/libsql/migrator';
import { openDatabase } from '../../src/lib/server/db';
import { migrateDatabase } from '../../db/migrate.mjs';
import { DEMO_ADMIN_PHONE, demoAuthenticatorCode } from '../../src/lib/server/demo';
import { registerWithInvitation } from '../../src/lib/server/auth';
import { insertUser } from '../../src/lib/server/users';
import { DemoRefused, prepareDemoDatabase } from '../../db/seed/demo';
import { DEMO_ACCOUNTS, DEMO_INVITATION } from '../../db/seed/demo-data';
import { COURSE_BANKS } from '../../db/seed/demo-banks';
import { users } from '../../db/schema';
import { listBanks, exportQuestions } from '../../src/lib/server/question-bank';
import { drawCandidates, getContest, listContests } from '../../src/lib/server/contests';
import { validateDrawRules } from '../../src/lib/contest-draw';
import { stemKey } from '../../src/lib/question-rules';
import { questionsAlsoInPractice } from '../../src/lib/server/bank-overlap';
import { questionsToTemplate, validateQuestionRows } from '../../src/lib/question-import';
import { freshDb } from './fixture';
import { resetConfig } from '../../src/lib/server/config';
import { existsSync } from 'node:fs';
import { and, isNotNull, sql } from 'drizzle-orm';
import { activitySignups, reflections } from '../../db/schema';
import { listActivities } from '../../src/lib/server/activities';
import { mySignups, roster } from '../../src/lib/server/activity-signups';
import { listMessages } from '../../src/lib/server/messages';
import { myClaimed, myRequests, waitingQueue } from '../../src/lib/server/help-requests';
import { myHoursByMonth } from '../../src/lib/server/volunteer-hours';
import { thisWeekStart } from '../../db/seed/demo-schedule';
import { QUIZ_LIMIT, quizQuestions } from '../../src/lib/server/practice';
import { FRAUD_QUIZ_TAG } from '../../src/lib/anti-fraud';
import { ANTI_FRAUD_QUESTIONS } from '../../src/lib/anti-fraud-questions';
import { studioComments, studioCourses } from '../../db/schema';
import { listPublishedStudioCourses } from '../../src/lib/server/studio-published';
import { compileStudioLesson } from '../../src/lib/studio-mdx';
import { LESSON_COMPONENT_PROPS } from '../../src/schemas/lesson-components';
import { PUBLISHED_COURSE, RETURN_COMMENT, RETURNED_COURSE, SUBMITTED_COURSE } from '../../db/seed/demo-studio-content';

// Publishing a demo course asks for a search rebuild; the server's start does that, not this test.
vi.mock('../../src/lib/server/search-index', () => ({ requestSearchRefresh: vi.fn() }));

mkdirSync('tests/.tmp', { recursive: true });
const dir = mkdtempSync(join('tests/.tmp', 'demo-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
/** A setting for this test; the cached configuration is read again. */
function stubEnv(name: string, value: string): void {
  vi.stubEnv(name, value);
  resetConfig();
}
afterEach(() => {
  vi.unstubAllEnvs();
  resetConfig();
});
let counter = 0;
const newUrl = (): string => `file:${join(dir, `site-${(counter += 1)}.db`)}`;

async function accounts(url: string): Promise<Array<{ phone: string; demo: boolean }>> {
  const { db, client } = await openDatabase(url);
  try {
    return await db.select({ phone: users.phone, demo: users.demo }).from(users).orderBy(users.phone);
  } finally {
    client.close();
  }
}

/** A database someone used for real (demo mode off), with one account. */
async function realDatabase(): Promise<string> {
  const fixture = await freshDb('real');
  await insertUser(fixture.db, { phone: '13912345678', displayName: '真实学员', branchId: null, passwordHash: null, roles: ['learner'] });
  fixture.client.close();
  return fixture.url;
}

describe('demo data', () => {
  it('is written into an empty database in demo mode, marked demo, and only once', async () => {
    stubEnv('XG_DEMO', '1');
    const url = newUrl();
    expect(await prepareDemoDatabase(url)).toBe('seeded');
    const seeded = await accounts(url);
    expect(seeded).toEqual(DEMO_ACCOUNTS.map((account) => ({ phone: account.phone, demo: true })).sort((a, b) => a.phone.localeCompare(b.phone)));
    expect(await prepareDemoDatabase(url)).toBe('kept');
    expect(await accounts(url)).toEqual(seeded);

    // The demo banks hold questions the import itself would accept; the demo contest can draw its paper.
    const { db, client } = await openDatabase(url);
    try {
      const banks = await listBanks(db);
      // 党史与党章（练习）, 党史与党章（竞赛）, 防诈骗（练习）, and one practice bank per course (content/banks).
      expect(banks).toHaveLength(3 + COURSE_BANKS.length);
      for (const bank of banks) {
        const questions = await exportQuestions(db, bank.id);
        expect(questions.length).toBeGreaterThanOrEqual(5);
        expect(validateQuestionRows(questionsToTemplate(questions), new Set()).invalid).toEqual([]);
      }
      const contest = await getContest(db, (await listContests(db))[0]?.id ?? 0);
      expect(contest && validateDrawRules(contest.drawRules, await drawCandidates(db, contest.bankId))).toEqual([]);
      // 每日一练 must not show the answers to the contest: the two banks share no stem, and every
      // question names the lesson it comes from.
      const [practiceBanks, contestBank] = [banks.filter((bank) => bank.practice), banks.find((bank) => bank.id === contest?.bankId)];
      expect(practiceBanks.length > 0 && contestBank && !contestBank.practice).toBe(true);
      const practiceStems = new Set((await Promise.all(practiceBanks.map((bank) => exportQuestions(db, bank.id)))).flat().map((question) => stemKey(question.stem)));
      const contestQuestions = await exportQuestions(db, contestBank?.id ?? 0);
      expect(contestQuestions.filter((question) => practiceStems.has(stemKey(question.stem))).map((question) => question.stem)).toEqual([]);
      for (const question of contestQuestions) expect(question.source, question.stem).toMatch(/^本站课程《.+》/);
      expect(await questionsAlsoInPractice(db, contestBank?.id ?? 0)).toEqual([]);
      // The anti-fraud set is in a practice bank: the corner's quiz (<LessonQuiz tag="防诈骗">) finds it.
      const fraudQuiz = await quizQuestions(db, { tag: FRAUD_QUIZ_TAG });
      expect(fraudQuiz.length).toBe(Math.min(QUIZ_LIMIT, ANTI_FRAUD_QUESTIONS.length));
    } finally {
      client.close();
    }
  });

  it('is never written with NODE_ENV=production, nor with demo mode off', async () => {
    stubEnv('XG_DEMO', '1');
    stubEnv('NODE_ENV', 'production');
    const url = newUrl();
    await expect(prepareDemoDatabase(url)).rejects.toThrow(/NODE_ENV=production/);
    stubEnv('NODE_ENV', 'test');
    stubEnv('XG_DEMO', '');
    await expect(prepareDemoDatabase(url)).rejects.toThrow(/演示模式/);
    stubEnv('XG_DEMO', '1');
    expect(await prepareDemoDatabase(url)).toBe('seeded');
  });

  it('refuses a database with real accounts, naming the file and another DATABASE_URL, and writes nothing', async () => {
    const url = await realDatabase();
    stubEnv('XG_DEMO', '1');
    const refusal = prepareDemoDatabase(url);
    await expect(refusal).rejects.toBeInstanceOf(DemoRefused);
    await expect(refusal).rejects.toThrow(resolve(url.slice('file:'.length)));
    await expect(refusal).rejects.toThrow(/DATABASE_URL=file:/);
    expect(await accounts(url)).toEqual([{ phone: '13912345678', demo: false }]);
  });

  it('counts people who register on the demo site as demo, and people registered outside demo mode as real', async () => {
    stubEnv('XG_DEMO', '1');
    const url = newUrl();
    await prepareDemoDatabase(url);
    const { db, client } = await openDatabase(url);
    try {
      const registered = await registerWithInvitation(db, { code: DEMO_INVITATION, phone: '13700001111', displayName: '试用者', password: 'a long demo password', ip: '127.0.0.1' });
      expect(registered.ok).toBe(true);
      expect(await prepareDemoDatabase(url)).toBe('kept');
      stubEnv('XG_DEMO', '');
      expect((await registerWithInvitation(db, { code: DEMO_INVITATION, phone: '13700002222', displayName: '真用户', password: 'a long real password', ip: '127.0.0.1' })).ok).toBe(true);
    } finally {
      client.close();
    }
    stubEnv('XG_DEMO', '1');
    await expect(prepareDemoDatabase(url)).rejects.toThrow(/1 个不是在演示模式下建立的账号/);
  });

  it('shows the demo admin’s live code only in demo mode, and only for the seeded demo account', async () => {
    stubEnv('XG_DEMO', '1');
    const url = newUrl();
    await prepareDemoDatabase(url);
    const { db, client } = await openDatabase(url);
    try {
      const admin = (await db.select({ id: users.id, phone: users.phone }).from(users).where(eq(users.phone, DEMO_ADMIN_PHONE)))[0];
      expect(admin).toBeDefined();
      if (!admin) return;
      expect(await demoAuthenticatorCode(db, admin)).toMatch(/^\d{6}$/);
      const learner = (await db.select({ id: users.id, phone: users.phone }).from(users).where(eq(users.phone, '13800000001')))[0];
      expect(learner && (await demoAuthenticatorCode(db, learner))).toBeNull();
      stubEnv('NODE_ENV', 'production');
      expect(await demoAuthenticatorCode(db, admin)).toBeNull();
      stubEnv('NODE_ENV', 'test');
      stubEnv('XG_DEMO', '');
      expect(await demoAuthenticatorCode(db, admin)).toBeNull();
    } finally {
      client.close();
    }
    // Someone who holds that phone number on a real database never gets a code shown.
    const real = await freshDb('real-admin');
    try {
      const id = await insertUser(real.db, { phone: DEMO_ADMIN_PHONE, displayName: '真管理员', branchId: null, passwordHash: null, roles: ['learner', 'admin'] });
      stubEnv('XG_DEMO', '1');
      expect(await demoAuthenticatorCode(real.db, { id, phone: DEMO_ADMIN_PHONE })).toBeNull();
    } finally {
      real.close();
    }
  });
});

describe('a database the demo seeded before accounts were marked', () => {
  it('keeps working as the demo after migrating: its accounts count as demo accounts', async () => {
    // The migrations as they were before users.demo existed.
    const old = join(dir, 'old-migrations');
    cpSync('db/migrations', old, { recursive: true });
    const journal = JSON.parse(readFileSync(join(old, 'meta/_journal.json'), 'utf8')) as { entries: Array<{ tag: string }> };
    const marking = journal.entries.findIndex((entry) => readFileSync(join(old, `${entry.tag}.sql`), 'utf8').includes('ADD `demo`'));
    expect(marking).toBeGreaterThan(0);
    journal.entries = journal.entries.slice(0, marking);
    writeFileSync(join(old, 'meta/_journal.json'), JSON.stringify(journal));
    const url = newUrl();
    const client = createClient({ url });
    await migrate(drizzle(client), { migrationsFolder: old });
    await client.execute("insert into users (phone, display_name, created_at) values ('13800000001', '王秀兰', 0), ('13700003333', '试用者', 0)");
    await client.execute("insert into app_settings (key, value, updated_at) values ('demo_seeded_at', '0', 0)");
    client.close();

    await migrateDatabase(url);
    expect((await accounts(url)).map((account) => account.demo)).toEqual([true, true]);
    stubEnv('XG_DEMO', '1');
    expect(await prepareDemoDatabase(url)).toBe('kept');
  });
});

describe('the server start (src/cluster.mjs)', () => {
  /** Runs cluster.mjs with one process and a stand-in for the built server that reports what it finds. */
  function start(url: string, env: Record<string, string>): { status: number | null; stdout: string; stderr: string } {
    const entry = join(dir, 'entry.mjs');
    writeFileSync(
      entry,
      `import { createClient } from '@libsql/client';
       const client = createClient({ url: ${JSON.stringify(url)} });
       const found = await client.execute("select count(*) from sqlite_master where name = 'users'");
       console.log('entry sees users table: ' + found.rows[0][0]);
       client.close();
       process.exit(0);`,
    );
    const { XG_DEMO: _demo, NODE_ENV: _env, ...rest } = process.env;
    const result = spawnSync(process.execPath, ['src/cluster.mjs'], {
      env: { ...rest, DATABASE_URL: url, SITE_URL: 'http://127.0.0.1:4321', WORKERS: '1', XG_SERVER_ENTRY: entry, ...env },
      encoding: 'utf8',
      timeout: 60_000,
    });
    return { status: result.status, stdout: result.stdout, stderr: result.stderr };
  }

  it('migrates the database before the server is loaded', () => {
    const started = start(newUrl(), { NODE_ENV: 'production' });
    expect(started.stderr).toBe('');
    expect(started.stdout).toContain('entry sees users table: 1');
    expect(started.status).toBe(0);
  });

  it('refuses demo mode on a database with real accounts, and says which file and what to do', async () => {
    const url = await realDatabase();
    const started = start(url, { XG_DEMO: '1' });
    expect(started.status).toBe(1);
    expect(started.stdout).not.toContain('entry sees');
    expect(started.stderr).toContain(resolve(url.slice('file:'.length)));
    expect(started.stderr).toContain('DATABASE_URL=file:data/demo.db npm start');
    // The same database serves fine outside demo mode.
    expect(start(url, { NODE_ENV: 'production' }).stdout).toContain('entry sees users table: 1');
  });
});

describe('the demo schedule', () => {
  // Seeded on a Wednesday, 10:00 Beijing time (2 December 2026).
  const NOW = Date.UTC(2026, 11, 2, 2, 0);
  const NEXT_MONDAY = Date.UTC(2026, 11, 7) - 8 * 3_600_000;
  const JANUARY = Date.UTC(2027, 0, 1) - 8 * 3_600_000;
  const FEBRUARY = Date.UTC(2027, 1, 1) - 8 * 3_600_000;

  it('has a screening this week with a few seats, a full one with a waitlist, a visit next month, a cancelled one and a past one with attendance and 观后感', async () => {
    stubEnv('XG_DEMO', '1');
    const url = newUrl();
    expect(await prepareDemoDatabase(url, NOW)).toBe('seeded');
    const { db, client } = await openDatabase(url);
    try {
      const all = await listActivities(db);
      const coming = all.filter((activity) => activity.startsAt > NOW && activity.status === 'scheduled' && activity.signupClosesAt > NOW);

      const thisWeek = coming.filter((activity) => activity.kind === 'film' && activity.startsAt < NEXT_MONDAY && activity.seatsFree >= 1 && activity.seatsFree <= 5);
      expect(thisWeek.map((activity) => activity.title)).toEqual(['红色观影：《上甘岭》']);
      expect(thisWeek[0]).toMatchObject({ talkTopic: expect.any(String), talkSpeaker: '李建国', venueRoom: '三楼多功能厅' });

      const full = coming.filter((activity) => activity.kind === 'film' && activity.seatsFree === 0 && activity.waitlisted > 0);
      expect(full.map((activity) => [activity.title, activity.waitlisted])).toEqual([['红色观影：《长津湖》', 5]]);

      const visits = coming.filter((activity) => activity.kind === 'visit' && activity.startsAt >= JANUARY && activity.startsAt < FEBRUARY);
      expect(visits.map((activity) => activity.destination)).toEqual(['市革命历史纪念馆']);

      const cancelled = all.filter((activity) => activity.status === 'cancelled');
      expect(cancelled.map((activity) => activity.title)).toEqual(['红色观影：《焦裕禄》']);
      expect(cancelled[0]?.statusReason).toMatch(/取消/);
      expect(cancelled[0]?.sequence).toBeGreaterThan(0);

      const past = all.filter((activity) => activity.endsAt < NOW);
      expect(past.map((activity) => activity.title)).toEqual(['红色观影：《开国大典》']);
      const pastId = past[0]?.id ?? 0;
      const attended = await db
        .select({ n: sql<number>`count(*)` })
        .from(activitySignups)
        .where(and(sql`${activitySignups.activityId} = ${pastId}`, isNotNull(activitySignups.checkedInAt)));
      expect(attended[0]?.n).toBeGreaterThanOrEqual(10);
      expect((await roster(db, pastId)).some((row) => row.checkedInAt === null)).toBe(true);
      const approved = await db.select().from(reflections).where(sql`${reflections.activityId} = ${pastId} and ${reflections.status} = 'approved'`);
      expect(approved.map((reflection) => reflection.showName).sort()).toEqual([false, true]);
      for (const reflection of approved) {
        expect(reflection.body.length).toBeGreaterThanOrEqual(20);
        expect(reflection.body.length).toBeLessThanOrEqual(2000);
        // Written by someone who was there.
        const author = (await roster(db, pastId)).find((row) => row.userId === reflection.userId);
        expect(author?.checkedInAt).not.toBeNull();
      }

      // The demo learner's /me/: one seat coming, one place on the waitlist (and the one attended).
      const learner = (await db.select({ id: users.id }).from(users).where(eq(users.phone, '13800000001')))[0]?.id ?? 0;
      const mine = await mySignups(db, learner, NOW);
      const upcoming = mine.filter((signup) => signup.activity.startsAt > NOW);
      expect(upcoming.map((signup) => [signup.activity.title, signup.status, signup.position])).toEqual([
        ['红色观影：《上甘岭》', 'confirmed', null],
        ['红色观影：《长津湖》', 'waitlisted', 2],
      ]);
      // Whoever was signed up for the cancelled one was told in 我的消息.
      const instructor = (await db.select({ id: users.id }).from(users).where(eq(users.phone, '13800000002')))[0]?.id ?? 0;
      expect((await listMessages(db, instructor)).map((message) => message.kind)).toEqual(['activity.cancelled']);
    } finally {
      client.close();
    }
  });

  it.skipIf(!existsSync('content/films'))('names only films that are in content/films', async () => {
    stubEnv('XG_DEMO', '1');
    const url = newUrl();
    await prepareDemoDatabase(url, NOW);
    const { db, client } = await openDatabase(url);
    try {
      const slugs = (await listActivities(db)).map((activity) => activity.filmSlug).filter((slug): slug is string => slug !== null);
      expect(slugs.length).toBeGreaterThanOrEqual(4);
      for (const slug of slugs) expect(existsSync(join('content/films', `${slug}.mdx`)) || existsSync(join('content/films', `${slug}.md`)), slug).toBe(true);
    } finally {
      client.close();
    }
  });

  it('puts the screening of this week in this week, whatever day it is seeded (but Sunday evening)', () => {
    const at = (day: number, hour: number) => Date.UTC(2026, 10, 30 + day, hour - 8);
    // Monday to Saturday: tomorrow 14:30, still this week.
    for (let day = 0; day < 6; day += 1) expect(thisWeekStart(at(day, 10))).toBe(at(day + 1, 14) + 30 * 60_000);
    // Sunday morning: tonight at 19:00; Sunday night: Monday, the only choice left.
    expect(thisWeekStart(at(6, 10))).toBe(at(6, 19));
    expect(thisWeekStart(at(6, 21))).toBe(at(7, 14) + 30 * 60_000);
  });
});

describe('the demo help centre', () => {
  it('has a volunteer whose queue holds one waiting request, one being handled and one answered with its hours', async () => {
    stubEnv('XG_DEMO', '1');
    const url = newUrl();
    expect(await prepareDemoDatabase(url)).toBe('seeded');
    const { db, client } = await openDatabase(url);
    try {
      const volunteer = (await db.select({ id: users.id, volunteer: users.volunteer }).from(users).where(eq(users.phone, '13800000005')))[0];
      expect(volunteer?.volunteer).toBe(true);
      const learner = (await db.select({ id: users.id }).from(users).where(eq(users.phone, '13800000001')))[0];
      const mine = await myRequests(db, learner?.id ?? 0);
      expect(mine.map((request) => request.status).sort()).toEqual(['claimed', 'closed', 'waiting']);
      expect(mine.find((request) => request.status === 'closed')?.answer).not.toBe('');
      expect((await waitingQueue(db)).length).toBe(1);
      expect((await myClaimed(db, volunteer?.id ?? 0)).length).toBe(1);
      expect(await myHoursByMonth(db, volunteer?.id ?? 0)).toEqual([expect.objectContaining({ minutes: 30 })]);
    } finally {
      client.close();
    }
  });
});

describe('the demo studio', () => {
  it('has a published course whose two lessons use every lesson component, one waiting for review and one returned with a comment', async () => {
    stubEnv('XG_DEMO', '1');
    const url = newUrl();
    expect(await prepareDemoDatabase(url)).toBe('seeded');
    const { db, client } = await openDatabase(url);
    try {
      const published = await listPublishedStudioCourses(db);
      expect(published.map((course) => course.snapshot.course.title)).toEqual([PUBLISHED_COURSE.title]);
      const [course] = published;
      expect(course?.snapshot.course.instructor).toBe('李建国');
      expect(course?.snapshot.lessons).toHaveLength(2);
      // Every component of the vocabulary appears in the compiled lessons learners read.
      const used = new Set<string>();
      const walk = (nodes: Array<{ kind: string; name?: string; children?: unknown[] }>): void => {
        for (const node of nodes) {
          if (node.kind === 'component' && node.name) used.add(node.name);
          if (node.children) walk(node.children as typeof nodes);
        }
      };
      for (const lesson of Object.values(course?.compiled ?? {})) walk(lesson.nodes);
      expect([...used].sort()).toEqual(Object.keys(LESSON_COMPONENT_PROPS).sort());
      // After approval the published course is a draft again: the next change starts from what learners see.
      const states = await db.select({ title: studioCourses.title, state: studioCourses.state }).from(studioCourses).orderBy(studioCourses.id);
      expect(states).toEqual([
        { title: PUBLISHED_COURSE.title, state: 'draft' },
        { title: SUBMITTED_COURSE.title, state: 'submitted' },
        { title: RETURNED_COURSE.title, state: 'returned' },
      ]);
      const comments = await db.select({ body: studioComments.body, lessonId: studioComments.lessonId }).from(studioComments);
      expect(comments).toEqual([{ body: RETURN_COMMENT, lessonId: expect.any(Number) }]);
      // Every demo lesson passes the studio's checker as written.
      for (const demo of [PUBLISHED_COURSE, SUBMITTED_COURSE, RETURNED_COURSE]) for (const lesson of demo.lessons) expect(compileStudioLesson(lesson.body).ok, lesson.title).toBe(true);
    } finally {
      client.close();
    }
  });
});
