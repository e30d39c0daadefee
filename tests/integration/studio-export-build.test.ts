import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import JSZip from 'jszip';
import sharp from 'sharp';
import { eq, isNotNull } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrateDatabase } from '../../db/migrate.mjs';
import { studioCourses, studioLessons } from '../../db/schema';
import { PUBLISHED_COURSE } from '../../db/seed/demo-studio-content';
import type { Db } from '../../src/lib/server/db';
import { unwrap } from '../../src/lib/result';

/**
 * Issue 13, items 8 and 11: export → build → identical page. The demo's published course
 * 《身边的好家风》, given an uploaded cover and an uploaded picture in its first lesson and published
 * again through review, is exported as a course folder; the folder is dropped (under another name)
 * into a copy of content/courses/, the real `astro build` runs there once, and the built server
 * answers both the prerendered lesson page of the folder and the studio's page of the same lesson:
 * their main content is the same once the course's slug is the same, and the pictures come from
 * the build. One build; no Pagefind (the pages are compared, not searched).
 */

const PORT = Number(process.env['E2E_PORT'] ?? 4422) + 1000;
const BASE = `http://127.0.0.1:${PORT}`;
const FOLDER = 'family-export';

// Inside the project: a build's prerender step resolves packages from node_modules above outDir.
mkdirSync('tests/.tmp', { recursive: true });
const work = resolve(mkdtempSync(join('tests/.tmp', 'export-build-')));
const dbFile = join(work, 'server.db');
const url = `file:${dbFile}`;
// Uploaded pictures go beside the database the settings name (read once, before the modules load).
process.env['DATABASE_URL'] = url;

let server: ChildProcess | undefined;
let db: Db;
let close: () => void;
let studioSlug: string;
let lessonSlugs: string[];
let zipNames: string[];
let lessonPicture: string;
let coverPicture: string;

/** A 1200×800 photo-like JPEG (a gradient with a shape), as a phone would send. */
async function photo(seed: number): Promise<File> {
  const width = 1200;
  const height = 800;
  const pixels = Buffer.alloc(width * height * 3);
  for (let y = 0; y < height; y += 1) {
    for (let x = 0; x < width; x += 1) {
      const i = (y * width + x) * 3;
      const inside = (x - 600) ** 2 + (y - 400) ** 2 < 250 ** 2;
      pixels[i] = inside ? 230 : (x * 255) / width;
      pixels[i + 1] = inside ? (120 + seed * 40) % 256 : (y * 255) / height;
      pixels[i + 2] = inside ? 140 : 90;
    }
  }
  const bytes = await sharp(pixels, { raw: { width, height, channels: 3 } }).jpeg({ quality: 85 }).toBuffer();
  return new File([new Uint8Array(bytes)], `photo-${seed}.jpg`, { type: 'image/jpeg' });
}

async function waitForServer(child: ChildProcess): Promise<void> {
  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`server exited with code ${child.exitCode}`);
    if (await fetch(`${BASE}/api/health`).then((r) => r.ok, () => false)) return;
    await new Promise((done) => setTimeout(done, 200));
  }
  throw new Error('the built server did not answer within 120 s');
}

/** The page's <main>, with the course's slug in the folder's name replaced by the studio's. */
function mainOf(html: string, slug: string): string {
  const main = /<main[\s\S]*<\/main>/.exec(html)?.[0] ?? '';
  return main
    .replaceAll(`/courses/${slug}/`, '/courses/COURSE/')
    .replaceAll(`%2Fcourses%2F${slug}%2F`, '%2Fcourses%2FCOURSE%2F').replaceAll(`"${slug}/`, '"COURSE/').replaceAll(`"${slug}"`, '"COURSE"');
}

beforeAll(async () => {
  const { openDatabase } = await import('../../src/lib/server/db');
  const { insertUser, getUser } = await import('../../src/lib/server/users');
  const { seedDemoStudio } = await import('../../db/seed/demo-studio');
  const { setCourseCover, updateCourseDetails, saveLesson } = await import('../../src/lib/server/studio-courses');
  const { submitCourse, approveCourse } = await import('../../src/lib/server/studio-review');
  const { storeUploadedImage } = await import('../../src/lib/server/media');
  const { exportCourseZip } = await import('../../src/lib/server/studio-move');

  await migrateDatabase(url);
  const opened = await openDatabase(url);
  db = opened.db;
  close = () => opened.client.close();
  const instructor = await insertUser(db, { phone: '13900000660', displayName: '李建国', branchId: null, passwordHash: null, roles: ['learner', 'instructor'] });
  const reviewer = await insertUser(db, { phone: '13900000661', displayName: '管理员审核', branchId: null, passwordHash: null, roles: ['learner', 'admin'] });
  const now = Date.now() - 7 * 86_400_000;
  await seedDemoStudio(db, { instructor, reviewer }, now);
  const author = (await getUser(db, instructor))!;
  const admin = (await getUser(db, reviewer))!;

  const [course] = await db.select().from(studioCourses).where(isNotNull(studioCourses.publishedVersionId));
  if (!course || course.title !== PUBLISHED_COURSE.title) throw new Error('the demo has no published course');
  studioSlug = course.slug;
  // An uploaded cover with its description, and an uploaded picture in place of the first lesson's.
  coverPicture = unwrap(await setCourseCover(db, author, course.id, await photo(1), now)).src;
  const [fresh] = await db.select().from(studioCourses).where(eq(studioCourses.id, course.id));
  unwrap(
    await updateCourseDetails(
      db,
      author,
      course.id,
      fresh!.revision,
      { title: course.title, theme: PUBLISHED_COURSE.theme, summary: course.summary, hours: PUBLISHED_COURSE.hours, coverAlt: '一户人家围坐在桌旁，长辈给孙辈讲家训', sources: PUBLISHED_COURSE.sources },
      now,
    ),
  );
  lessonPicture = unwrap(await storeUploadedImage(db, await photo(2), author.id)).src;
  const lessons = await db.select().from(studioLessons).where(eq(studioLessons.courseId, course.id)).orderBy(studioLessons.position);
  const first = lessons[0]!;
  const body = first.body.replace('/images/courses/integrity.svg', lessonPicture);
  expect(body).not.toBe(first.body);
  const saved = unwrap(
    await saveLesson(db, author, { courseId: course.id, lessonId: first.id, revision: first.revision, title: first.title, summary: first.summary, body, sources: JSON.parse(first.sources), minutes: first.minutes }, now),
  );
  if (!saved.saved) throw new Error(JSON.stringify(saved));
  unwrap(await submitCourse(db, author, course.id, now + 60_000));
  unwrap(await approveCourse(db, admin, { courseId: course.id }, now + 120_000));
  lessonSlugs = lessons.map((lesson) => `lesson-${lesson.id}`);

  // The folder, unpacked under another name into a copy of the project's content.
  const zip = await exportCourseZip(db, author, course.id);
  if (zip === undefined || zip === 'forbidden') throw new Error('no zip');
  const archive = await JSZip.loadAsync(zip.bytes);
  zipNames = Object.keys(archive.files).filter((name) => !name.endsWith('/')).sort();
  const content = join(work, 'content');
  cpSync('content', content, { recursive: true });
  for (const name of zipNames) {
    const target = join(content, 'courses', FOLDER, name.slice(name.indexOf('/') + 1));
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, await archive.file(name)!.async('uint8array'));
  }

  // The real build of that content (without the test's database setting: the build needs none).
  const { DATABASE_URL: _url, ...env } = process.env;
  const out = join(work, 'dist');
  const built = spawnSync(process.execPath, ['node_modules/astro/bin/astro.mjs', 'build', '--silent'], {
    env: { ...env, CONTENT_DIR: content, OUT_DIR: out, ASTRO_CACHE_DIR: join(work, 'cache'), NO_COLOR: '1' },
    encoding: 'utf8',
  });
  if (built.status !== 0) throw new Error(`astro build failed:\n${built.stdout}\n${built.stderr}`);

  // The built server (the production entry) over the same database and pictures.
  const { XG_DEMO: _demo, ...serverEnv } = env;
  server = spawn(process.execPath, ['src/cluster.mjs'], {
    env: { ...serverEnv, HOST: '127.0.0.1', PORT: String(PORT), DATABASE_URL: url, NODE_ENV: 'production', SITE_URL: BASE, WORKERS: '1', CONTENT_DIR: content, XG_SERVER_ENTRY: join(out, 'server/entry.mjs') },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  await waitForServer(server);
}, 900_000);

afterAll(async () => {
  if (server && server.exitCode === null) {
    const exited = new Promise((done) => server!.once('exit', done));
    server.kill('SIGTERM');
    await Promise.race([exited, new Promise((done) => setTimeout(done, 5000))]);
    if (server.exitCode === null) server.kill('SIGKILL');
  }
  close?.();
  rmSync(work, { recursive: true, force: true });
});

describe('a studio course exported, dropped into content/courses/ and built', () => {
  it('carries its uploaded pictures at every width and its course sources', async () => {
    const cover = coverPicture.slice('/media/'.length).replace(/-\d+\.webp$/, '');
    const picture = lessonPicture.slice('/media/'.length).replace(/-\d+\.webp$/, '');
    const media = zipNames.filter((name) => name.includes('/media/')).map((name) => name.slice(name.lastIndexOf('/') + 1));
    expect(media).toEqual([`${cover}-1200.webp`, `${cover}-480.webp`, `${cover}-960.webp`, `${picture}-1200.webp`, `${picture}-480.webp`, `${picture}-960.webp`].sort());
    const index = readFileSync(join(work, 'content', 'courses', FOLDER, 'index.mdx'), 'utf8');
    expect(index).toContain(`src: ${coverPicture}`);
    expect(index).toContain('sources:');
    expect(index).toContain(PUBLISHED_COURSE.sources[0]!.title);
  });

  it('builds each lesson into the page the studio serves for it, pictures included', async () => {
    for (const lesson of lessonSlugs) {
      const built = await fetch(`${BASE}/courses/${FOLDER}/${lesson}/`);
      const studio = await fetch(`${BASE}/courses/${studioSlug}/${lesson}/`);
      expect([built.status, studio.status]).toEqual([200, 200]);
      const builtMain = mainOf(await built.text(), FOLDER);
      const studioMain = mainOf(await studio.text(), studioSlug);
      expect(builtMain.length).toBeGreaterThan(1000);
      expect(builtMain).toBe(studioMain);
    }
    const first = mainOf(await (await fetch(`${BASE}/courses/${FOLDER}/${lessonSlugs[0]}/`)).text(), FOLDER);
    expect(first).toContain(`src="${lessonPicture}"`);
    expect(first).toMatch(/srcset="[^"]*-480\.webp 480w/);
  });

  it('serves the folder’s pictures from the build, whatever data/media/ holds', async () => {
    // Gone from the server's own pictures: only the build can answer now.
    rmSync(join(work, 'media'), { recursive: true, force: true });
    for (const src of [lessonPicture, coverPicture, lessonPicture.replace(/-\d+\.webp$/, '-480.webp')]) {
      const response = await fetch(`${BASE}${src}`);
      expect(response.status, src).toBe(200);
      expect(response.headers.get('content-type')).toBe('image/webp');
      // Sent as every built file is: the security headers, and an ETag to revalidate against.
      expect(response.headers.get('x-content-type-options')).toBe('nosniff');
      expect(response.headers.get('etag')).toBeTruthy();
      expect((await response.arrayBuffer()).byteLength).toBeGreaterThan(1000);
    }
  });

  it('shows the course’s sources and its uploaded cover on both course pages alike', async () => {
    const built = mainOf(await (await fetch(`${BASE}/courses/${FOLDER}/`)).text(), FOLDER);
    const studio = mainOf(await (await fetch(`${BASE}/courses/${studioSlug}/`)).text(), studioSlug);
    for (const page of [built, studio]) {
      expect(page).toContain('本课程出处');
      expect(page).toContain(PUBLISHED_COURSE.sources[1]!.title);
      expect(page).toContain(`src="${coverPicture}"`);
    }
    // The folder's date is the draft's last change; the studio's, the day the version was published.
    const undated = (page: string): string => page.replace(/<li[^>]*>更新于[^<]*<\/li>/, '');
    expect(undated(built)).not.toBe(built);
    expect(undated(built)).toBe(undated(studio));
  });
});
