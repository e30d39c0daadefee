import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import JSZip from 'jszip';
import { eq } from 'drizzle-orm';
import { studioCourses, studioEvents } from '../../db/schema';
import type { Db } from '../../src/lib/server/db';
import { getUser, insertUser, type User } from '../../src/lib/server/users';
import { studioDraftSnapshot } from '../../src/lib/server/studio-draft';
import { exportCourseZip, importCourseZip } from '../../src/lib/server/studio-move';
import { unwrap, UserFacingError } from '../../src/lib/result';
import { freshDb, type TestDb } from './fixture';
import { seedStudioCourse } from './studio-fixture';

let fixture: TestDb;
let db: Db;
let owner: User;
let stranger: User;
let admin: User;
let courseId: number;

async function person(phone: string, name: string, roles: Array<'instructor' | 'admin'>): Promise<User> {
  const id = await insertUser(db, { phone, displayName: name, branchId: null, passwordHash: null, roles });
  return (await getUser(db, id))!;
}

function asFile(bytes: Uint8Array<ArrayBuffer>, name: string): File {
  return new File([bytes], name, { type: 'application/zip' });
}

async function courseCount(): Promise<number> {
  return (await db.select({ id: studioCourses.id }).from(studioCourses)).length;
}

const LESSONS = [
  {
    title: '第一课　党章的由来',
    summary: '从一大到二十大，看党章怎样一次次修改完善。',
    body: '## 一大的纲领\n\n1921年，党的第一个纲领诞生。\n\n<Quote source="《中国共产党章程》">\n我志愿加入中国共产党。\n</Quote>',
  },
  { title: '第二课　党员的义务', summary: '逐条读党员的八项义务，结合身边的老党员来讲。', body: '党员有八项义务。\n\n**第一条**是认真学习。' },
];

beforeAll(async () => {
  fixture = await freshDb('studio-move');
  db = fixture.db;
  owner = await person('13900000620', '讲师周老师', ['instructor']);
  stranger = await person('13900000621', '讲师吴老师', ['instructor']);
  admin = await person('13900000622', '管理员郑', ['admin']);
  ({ courseId } = await seedStudioCourse(db, { ownerId: owner.id, title: '党章学习两讲', lessons: LESSONS }));
});

afterAll(() => fixture.close());

describe('exporting a studio course and importing it again', () => {
  it('gives a new draft course with the same lessons, owned by the importer, recorded as imported', async () => {
    const zip = await exportCourseZip(db, owner, courseId);
    if (zip === undefined || zip === 'forbidden') throw new Error('no zip');
    const names = Object.keys((await JSZip.loadAsync(zip.bytes)).files).filter((name) => !name.endsWith('/'));
    const slugs = (await studioDraftSnapshot(db, courseId))!.lessons.map((lesson) => lesson.slug);
    expect(names.sort()).toEqual([`course-${courseId}/01-${slugs[0]}.mdx`, `course-${courseId}/02-${slugs[1]}.mdx`, `course-${courseId}/index.mdx`]);

    const outcome = unwrap(await importCourseZip(db, admin, asFile(zip.bytes, zip.name)));
    if (!outcome.imported) throw new Error(JSON.stringify(outcome.problems));
    expect(outcome.id).not.toBe(courseId);
    const original = (await studioDraftSnapshot(db, courseId))!;
    const copy = (await studioDraftSnapshot(db, outcome.id))!;
    const comparable = (lessons: typeof copy.lessons) => lessons.map(({ title, summary, body, sources, minutes }) => ({ title, summary, body, sources, minutes }));
    expect(comparable(copy.lessons)).toEqual(comparable(original.lessons));
    expect(copy.course).toMatchObject({ title: original.course.title, theme: original.course.theme, summary: original.course.summary, hours: original.course.hours, instructor: '管理员郑' });
    const [row] = await db.select().from(studioCourses).where(eq(studioCourses.id, outcome.id));
    expect(row).toMatchObject({ ownerId: admin.id, state: 'draft', slug: `course-${outcome.id}`, publishedVersionId: null });
    expect((await db.select().from(studioEvents).where(eq(studioEvents.courseId, outcome.id))).map((event) => event.kind)).toEqual(['imported']);
  });

  it('refuses a folder with a broken lesson, naming its file and line, and creates nothing', async () => {
    const zip = await exportCourseZip(db, owner, courseId);
    if (zip === undefined || zip === 'forbidden') throw new Error('no zip');
    const archive = await JSZip.loadAsync(zip.bytes);
    const path = Object.keys(archive.files).find((name) => name.endsWith('.mdx') && !name.endsWith('index.mdx') && name.includes('/01-'))!;
    const text = await archive.file(path)!.async('string');
    const broken = text.replace('1921年，党的第一个纲领诞生。', '1921年，<Unknown>党的第一个纲领</Unknown>诞生。');
    expect(broken).not.toBe(text);
    archive.file(path, broken);
    const before = await courseCount();
    const outcome = unwrap(await importCourseZip(db, owner, asFile(await archive.generateAsync({ type: 'uint8array' }) as Uint8Array<ArrayBuffer>, 'broken.zip')));
    expect(outcome.imported).toBe(false);
    if (outcome.imported) return;
    const problem = outcome.problems[0]!;
    expect(problem.file).toBe(path.slice(path.indexOf('/') + 1));
    expect(broken.split('\n')[problem.line - 1]).toContain('<Unknown>');
    expect(problem.message).toMatch(/[\u4e00-\u9fff]/);
    expect(await courseCount()).toBe(before);
  });

  it('refuses a file that is not a zip, in Chinese on the file field, creating nothing', async () => {
    const before = await courseCount();
    const refused = await importCourseZip(db, owner, new File([new TextEncoder().encode('not a zip at all')], 'course.zip')).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(UserFacingError);
    expect((refused as UserFacingError).message).toContain('不是 .zip 压缩文件');
    expect(await courseCount()).toBe(before);
  });

  it('lets a stranger export nothing of another instructor’s course', async () => {
    expect(await exportCourseZip(db, stranger, courseId)).toBe('forbidden');
    expect(await exportCourseZip(db, admin, courseId)).not.toBe('forbidden');
    expect(await exportCourseZip(db, owner, 999_999)).toBeUndefined();
  });
});
