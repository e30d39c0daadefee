import { eq } from 'drizzle-orm';
import { openDatabase, type Db } from '../../src/lib/server/db';
import { createBank, insertQuestions } from '../../src/lib/server/question-bank';
import { createContest, type NewContest } from '../../src/lib/server/contests';
import type { QuestionContent } from '../../src/lib/question-rules';
import { contests, users } from '../../db/schema';
import { E2E_DB_URL } from './accounts';
import { unwrap } from '../../src/lib/result';

/** Runs `work` on the browser tests' database (the server has it open too; SQLite's WAL allows both). */
export async function withDb<T>(work: (db: Db) => Promise<T>): Promise<T> {
  const { db, client } = await openDatabase(E2E_DB_URL);
  try {
    return await work(db);
  } finally {
    client.close();
  }
}

export async function userId(db: Db, phone: string): Promise<number> {
  const row = (await db.select({ id: users.id }).from(users).where(eq(users.phone, phone)))[0];
  if (!row) throw new Error(`no e2e user ${phone}`);
  return row.id;
}

let bankCounter = 0;

/** A contest bank (not for practice) holding `questions`. */
export async function seedBank(db: Db, questions: QuestionContent[]): Promise<{ id: number; name: string }> {
  const organiser = await userId(db, '13900000033');
  bankCounter += 1;
  const name = `竞赛题库${process.pid}-${bankCounter}-${Date.now()}`;
  const bank = unwrap(await createBank(db, { name, description: '' }, organiser));
  const bankId = bank.id;
  await db.transaction(async (tx) => insertQuestions(tx, bankId, questions, organiser, Date.now()));
  return { id: bankId, name };
}

/** A contest bank holding `questions`, and a contest on it; returns the contest's id. */
export async function seedContest(questions: QuestionContent[], settings: Partial<NewContest> & Pick<NewContest, 'drawRules'>): Promise<number> {
  return withDb(async (db) => {
    const organiser = await userId(db, '13900000033');
    const { id: bankId } = await seedBank(db, questions);
    const now = Date.now();
    const created = await createContest(
      db,
      {
        title: '党章知识竞赛',
        description: '',
        bankId,
        opensAt: now - 60_000,
        timeLimitMinutes: 20,
        attemptsAllowed: 1,
        shuffleOptions: true,
        points: { single: 2, multiple: 4, truefalse: 1, fill: 3, partial: 'half' },
        branchIds: [],
        answersVisible: 'after_close',
        awards: [],
        ...settings,
        // A contest cannot be set up after its close: a past close is written afterwards.
        closesAt: Math.max(settings.closesAt ?? 0, now + 86_400_000),
      },
      organiser,
    );
    if (!created.ok) throw new Error(created.error.message);
    if (settings.closesAt !== undefined && settings.closesAt < now) await db.update(contests).set({ closesAt: settings.closesAt }).where(eq(contests.id, created.value.id));
    return created.value.id;
  });
}

const base = { category: '党章', tags: [], difficulty: 1 as const, source: '《中国共产党章程》' };

/** Questions whose 解析 and 填空 answers carry markers that must never reach a browser early. */
export function markedQuestions(marker: string): QuestionContent[] {
  return [
    { ...base, type: 'single', stem: '党的最高领导机关是什么？', options: ['党的全国代表大会和它所产生的中央委员会', '中央纪律检查委员会', '地方各级代表大会'], answer: { type: 'single', option: 0 }, explanation: `${marker}解析一` },
    { ...base, type: 'single', stem: '预备党员的预备期为几年？', options: ['半年', '一年', '两年'], answer: { type: 'single', option: 1 }, explanation: `${marker}解析二` },
    { ...base, type: 'multiple', stem: '党的建设的基本要求包括哪些？', options: ['坚持党的基本路线', '坚持解放思想，实事求是，与时俱进', '坚持全心全意为人民服务', '坚持个人说了算'], answer: { type: 'multiple', options: [0, 1, 2] }, explanation: `${marker}解析三` },
    { ...base, type: 'truefalse', stem: '党员有权在党的会议上参加关于党的政策问题的讨论。', options: [], answer: { type: 'truefalse', value: true }, explanation: `${marker}解析四` },
    { ...base, type: 'fill', stem: '中国共产党以马克思列宁主义、毛泽东思想、邓小平理论、“三个代表”重要思想、科学发展观、习近平新时代中国特色社会主义思想作为自己的____指南。', options: [], answer: { type: 'fill', accepted: [`行动${marker}`] }, explanation: `${marker}解析五` },
  ];
}

/** Paper for markedQuestions: all five, one of each kind (two 单选). */
export const MARKED_RULES: NewContest['drawRules'] = [
  { type: 'single', count: 2 },
  { type: 'multiple', count: 1 },
  { type: 'truefalse', count: 1 },
  { type: 'fill', count: 1 },
];
