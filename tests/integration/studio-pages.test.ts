import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { eq } from 'drizzle-orm';
import { studioLessons, users } from '../../db/schema';
import { connect } from '../../db/migrate.mjs';
import { insertUser, getUser, type User } from '../../src/lib/server/users';
import { createSession } from '../../src/lib/server/session';
import { approveCourse, submitCourse, unpublishCourse } from '../../src/lib/server/studio-review';
import { STUDIO_FILE_HEADER } from '../../src/lib/server/studio-pages';
import { studioPagesForCluster } from '../../src/lib/server/studio-pages-cluster';
import { unwrap } from '../../src/lib/result';
import { freshDb, type TestDb } from './fixture';
import { seedStudioCourse } from './studio-fixture';
import { insertPublishedStudioCourse } from './published-studio-course';

/**
 * Published studio pages as files (src/lib/server/studio-pages.ts) on the production entry over the
 * real build (`npm run build` first): two workers on 127.0.0.1:4424 (this helper's E2E port). The
 * publication itself runs here, in the test process, through the studio's own approveCourse and
 * unpublishCourse; this process registers the same writer a server process does (same token, build
 * and settings), so what they write is what the server sends.
 */

// The live search index is another module's: a publication here only asks for it.
vi.mock('../../src/lib/server/search-index', () => ({ requestSearchRefresh: vi.fn() }));

const PORT = 4424;
const BASE = `http://127.0.0.1:${PORT}`;
const ENTRY = resolve('dist/server/entry.mjs');
const TOKEN = 'studio-pages-test-token-0123456789';
const SESSION = '__Host-xg_session';

let t: TestDb;
let server: ChildProcess | undefined;
let owner: User;
let reviewer: User;
let learner: { id: number; cookie: string };

const person = async (phone: string, name: string, roles: Array<'learner' | 'instructor'>, isReviewer = false): Promise<User> => {
  const id = await insertUser(t.db, { phone, displayName: name, branchId: null, passwordHash: null, roles });
  await t.db.update(users).set({ reviewer: isReviewer, privacyAcceptedAt: Date.now() }).where(eq(users.id, id));
  return (await getUser(t.db, id))!;
};
const get = (path: string, headers: Record<string, string> = {}) => fetch(`${BASE}${path}`, { headers, redirect: 'manual' });
const pagesOf = (slug: string) => join(t.dir, 'studio-pages', slug);

beforeAll(async () => {
  if (!existsSync(ENTRY)) throw new Error('studio-pages.test needs the production build: run `npm run build` first');
  t = await freshDb('studio-pages');
  owner = await person('13900000700', '讲师老李', ['learner', 'instructor']);
  reviewer = await person('13900000701', '审核员老陈', ['learner', 'instructor'], true);
  const reader = await person('13900000702', '学员王阿姨', ['learner']);
  learner = { id: reader.id, cookie: `${SESSION}=${(await createSession(t.db, reader.id, 'test')).token}` };
  const { XG_DEMO: _demo, ...env } = process.env;
  server = spawn(process.execPath, ['src/cluster.mjs'], {
    env: { ...env, HOST: '127.0.0.1', PORT: String(PORT), WORKERS: '2', NODE_ENV: 'production', SITE_URL: BASE, DATABASE_URL: t.url, XG_SECRET_KEY: 'studio-pages-secret-key-0123456789abcdef', XG_STUDIO_PAGES_TOKEN: TOKEN },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  await new Promise<void>((done, fail) => {
    server?.stdout?.on('data', (chunk: Buffer) => {
      if (chunk.toString().includes('listening on')) done();
    });
    server?.once('exit', (code) => fail(new Error(`server exited with ${code}`)));
  });
  // This process publishes: its writer is the one a server process registers once it listens.
  process.env['XG_STUDIO_PAGES_TOKEN'] = TOKEN;
  studioPagesForCluster({ databaseUrl: t.url, entry: ENTRY, siteUrl: new URL(BASE), demo: false, connect }).listening({ address: '127.0.0.1', port: PORT, family: 'IPv4' });
}, 120_000);

afterAll(() => {
  if (server?.pid) server.kill('SIGTERM');
  t?.close();
});

describe('a published studio lesson page', () => {
  let courseId: number;
  let slug: string;
  let lessonPath: string;
  let firstEtag: string;

  it('is written to its file when the course is published, and sent from it with the security headers', async () => {
    const seeded = await seedStudioCourse(t.db, { ownerId: owner.id, title: '文件课', lessons: [{ title: '第一课', body: '第一版的课文：初心如磐。' }] });
    courseId = seeded.courseId;
    slug = seeded.slug;
    lessonPath = `/courses/${slug}/lesson-${seeded.lessonIds[0]}/`;
    unwrap(await submitCourse(t.db, owner, courseId));
    unwrap(await approveCourse(t.db, reviewer, { courseId }));
    // Written before approveCourse answered: the reviewer's next page is already the file.
    expect(readdirSync(pagesOf(slug)).sort()).toEqual(['course.json', 'index.page', `lesson-${seeded.lessonIds[0]}.page`]);

    const page = await get(lessonPath);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('第一版的课文：初心如磐。');
    // As the node adapter sends a prerendered file: validators from the file, no cookie.
    firstEtag = page.headers.get('etag') ?? '';
    expect(firstEtag).toMatch(/^W\/"[0-9a-f]+-[0-9a-f]+"$/);
    expect(page.headers.get('last-modified')).toBeTruthy();
    expect(page.headers.get('content-type')).toBe('text/html; charset=UTF-8');
    expect(page.headers.get('set-cookie')).toBeNull();
    // The page's own policy (its script hashes), and the headers every response carries.
    expect(page.headers.get('content-security-policy')).toMatch(/script-src 'self' 'wasm-unsafe-eval' 'sha256-/);
    expect(page.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
    expect(page.headers.get('x-content-type-options')).toBe('nosniff');
    expect(page.headers.get('x-frame-options')).toBe('DENY');
    expect(page.headers.get('referrer-policy')).toBe('same-origin');

    const again = await get(lessonPath, { 'if-none-match': `"x", ${firstEtag}` });
    expect(again.status).toBe(304);
    expect(again.headers.get('content-security-policy')).toBe(page.headers.get('content-security-policy'));
    // The course page is written too.
    expect((await get(`/courses/${slug}/`)).headers.get('etag')).toMatch(/^W\//);
  });

  it('is exactly what Astro renders for it', async () => {
    const file = await (await get(lessonPath)).text();
    const rendered = await get(lessonPath, { [STUDIO_FILE_HEADER]: TOKEN });
    expect(rendered.headers.get('etag')).toBeNull();
    expect(await rendered.text()).toBe(file);
    // Rendered as prerendered pages are: the reader's size and contrast come from the head script.
    expect(file).toContain('<link rel="stylesheet" href="/api/prefs.css">');
  });

  it('is the same file for a signed-in learner, whose progress the page asks for and records', async () => {
    const anonymous = await get(lessonPath);
    const signedIn = await get(lessonPath, { cookie: learner.cookie });
    expect(signedIn.headers.get('etag')).toMatch(/^W\//);
    expect(signedIn.headers.get('etag')).toBe(anonymous.headers.get('etag'));
    expect(await signedIn.text()).toBe(await anonymous.text());
    const lesson = lessonPath.split('/').slice(2, 4).join('/');
    const opened = await fetch(`${BASE}/api/progress/`, {
      method: 'POST',
      headers: { cookie: learner.cookie, origin: BASE, 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ event: 'complete', lesson }),
    });
    expect(opened.status).toBe(200);
    const state = await fetch(`${BASE}/api/progress/?lesson=${encodeURIComponent(lesson)}`, { headers: { cookie: learner.cookie } });
    expect(state.status).toBe(200);
    expect(((await state.json()) as { state: { completedAt: number | null } }).state.completedAt).toBeGreaterThan(0);
  });

  it('is replaced by a new version', async () => {
    await t.db.update(studioLessons).set({ body: '第二版的课文：使命在肩。' }).where(eq(studioLessons.courseId, courseId));
    unwrap(await submitCourse(t.db, owner, courseId));
    unwrap(await approveCourse(t.db, reviewer, { courseId }));
    const page = await get(lessonPath);
    const html = await page.text();
    expect(html).toContain('第二版的课文：使命在肩。');
    expect(html).not.toContain('第一版的课文');
    expect(page.headers.get('etag')).toMatch(/^W\//);
    expect(page.headers.get('etag')).not.toBe(firstEtag);
  });

  it('is removed when the course is unpublished: the address is not found', async () => {
    unwrap(await unpublishCourse(t.db, reviewer, courseId));
    expect(existsSync(pagesOf(slug))).toBe(false);
    const page = await get(lessonPath);
    expect(page.status).toBe(404);
    expect(page.headers.get('etag')).toBeNull();
  });
});

describe('the primary', () => {
  it('writes the pages of a course published outside the studio, then sends them', async () => {
    const course = await insertPublishedStudioCourse(t.db, { title: '种子课', theme: '党性教育', summary: '', lessons: [{ title: '第一课', text: '不经工作室发布的课文。' }] });
    const path = course.lessonUrls[0] as string;
    await expect.poll(async () => (await get(path)).headers.get('etag'), { timeout: 30_000, interval: 500 }).toMatch(/^W\//);
    expect(await (await get(path)).text()).toContain('不经工作室发布的课文。');
  });
});
