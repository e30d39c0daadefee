import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import JSZip from 'jszip';
import sharp from 'sharp';
import { eq } from 'drizzle-orm';
import { studioCourses, studioEvents } from '../../db/schema';
import type { Db } from '../../src/lib/server/db';
import { getUser, insertUser, type User } from '../../src/lib/server/users';
import { studioDraftSnapshot } from '../../src/lib/server/studio-draft';
import { exportCourseZip, importCourseZip, importNotes } from '../../src/lib/server/studio-move';
import { mediaFolder, storeUploadedImage } from '../../src/lib/server/media';
import { unwrap, UserFacingError } from '../../src/lib/result';
import { freshDb, type TestDb } from './fixture';
import { seedStudioCourse } from './studio-fixture';

// Pictures go beside the database the settings name (read once, at the first use).
mkdirSync('tests/.tmp', { recursive: true });
const dataDir = mkdtempSync(join('tests/.tmp', 'studio-move-data-'));
process.env['DATABASE_URL'] = `file:${join(dataDir, 'server.db')}`;

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

afterAll(() => {
  fixture.close();
  rmSync(dataDir, { recursive: true, force: true });
});

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

/** A small photo, different for each seed. */
async function photo(seed: number, width = 1000): Promise<File> {
  const bytes = await sharp({ create: { width, height: 600, channels: 3, background: { r: 200, g: seed * 50, b: 40 } } }).jpeg().toBuffer();
  return new File([new Uint8Array(bytes)], `photo-${seed}.jpg`, { type: 'image/jpeg' });
}

describe('a course folder with uploaded pictures and the course’s sources', () => {
  let illustrated: number;
  let cover: string;
  let picture: string;

  beforeAll(async () => {
    cover = unwrap(await storeUploadedImage(db, await photo(1), owner.id)).src;
    picture = unwrap(await storeUploadedImage(db, await photo(2, 700), owner.id)).src;
    ({ courseId: illustrated } = await seedStudioCourse(db, {
      ownerId: owner.id,
      title: '图说党章',
      coverImage: cover,
      coverAlt: '党章的封面摆在书桌上',
      lessons: [{ title: '第一课　看图学党章', summary: '看一张老照片，说说党章的故事。', body: `先看一张照片。\n\n<Figure src="${picture}" alt="一本翻开的党章放在窗前" caption="翻开的党章" />\n\n再读原文。` }],
    }));
  });

  it('exports every stored width of the cover and the pictures, and the course’s sources', async () => {
    const zip = await exportCourseZip(db, owner, illustrated);
    if (zip === undefined || zip === 'forbidden') throw new Error('no zip');
    const archive = await JSZip.loadAsync(zip.bytes);
    const media = Object.keys(archive.files).filter((name) => name.includes('/media/') && !name.endsWith('/')).map((name) => name.slice(name.lastIndexOf('/') + 1));
    const [coverHash, pictureHash] = [cover, picture].map((src) => src.slice('/media/'.length, src.lastIndexOf('-')));
    expect(media.sort()).toEqual([`${coverHash}-1000.webp`, `${coverHash}-480.webp`, `${coverHash}-960.webp`, `${pictureHash}-480.webp`, `${pictureHash}-700.webp`].sort());
    const index = await archive.file(`course-${illustrated}/index.mdx`)!.async('string');
    expect(index).toContain(`src: ${cover}`);
    expect(index).toContain('sources:\n  - title: 《中国共产党章程》');
  });

  it('imports them again: pictures stored anew through the upload checks, addresses and sources kept, what was not kept told', async () => {
    const zip = await exportCourseZip(db, owner, illustrated);
    if (zip === undefined || zip === 'forbidden') throw new Error('no zip');
    const outcome = unwrap(await importCourseZip(db, stranger, asFile(zip.bytes, zip.name)));
    if (!outcome.imported) throw new Error(JSON.stringify(outcome.problems));
    const copy = (await studioDraftSnapshot(db, outcome.id))!;
    expect(copy.course.sources).toEqual([{ title: '《中国共产党章程》', issuer: '人民出版社', year: 2022 }]);
    expect(copy.course.coverAlt).toBe('党章的封面摆在书桌上');
    // Re-encoded from the folder's file: a new name (its own content hash), every width on disk.
    const addresses = [copy.course.coverImage ?? '', /src="([^"]+)"/.exec(copy.lessons[0]!.body)?.[1] ?? ''];
    for (const [index, src] of addresses.entries()) {
      expect(src).toMatch(/^\/media\/[0-9a-f]{64}-\d+\.webp$/);
      expect(src).not.toBe([cover, picture][index]);
      expect(existsSync(join(mediaFolder(), src.slice('/media/'.length)))).toBe(true);
    }
    expect(copy.lessons[0]!.body).toBe((await studioDraftSnapshot(db, illustrated))!.lessons[0]!.body.replace(picture, addresses[1]!));
    expect(outcome.notes.join('\n')).toContain('讲师周老师');
    expect(await importNotes(db, outcome.id)).toEqual(outcome.notes);
  });

  it('refuses a folder whose picture is not a picture, or lacks one the lesson shows, and creates nothing', async () => {
    const zip = await exportCourseZip(db, owner, illustrated);
    if (zip === undefined || zip === 'forbidden') throw new Error('no zip');
    const pictureName = `course-${illustrated}/media/${picture.slice('/media/'.length)}`;
    const fake = await JSZip.loadAsync(zip.bytes);
    fake.file(pictureName, 'RIFF0000WEBPnot really a picture');
    const lacking = await JSZip.loadAsync(zip.bytes);
    lacking.remove(pictureName);
    const before = await courseCount();
    for (const [archive, expected] of [
      [fake, '不是图片'],
      [lacking, '不在课程文件夹的 media/ 里'],
    ] as const) {
      const outcome = unwrap(await importCourseZip(db, owner, asFile((await archive.generateAsync({ type: 'uint8array' })) as Uint8Array<ArrayBuffer>, 'course.zip')));
      expect(outcome.imported).toBe(false);
      if (!outcome.imported) expect(outcome.problems.map((problem) => problem.message).join()).toContain(expected);
    }
    expect(await courseCount()).toBe(before);
  });
});
