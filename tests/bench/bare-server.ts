// The ceiling beside the progress-write and sign-up benchmarks: the same database work as POST
// /api/progress/ (the session lookup every request makes, then the write through the same group
// commit) and as POST /_actions/activity.signUp (the session lookup, the form's schema, then
// signUp() from the engine, answered in the same devalue form as Astro's actions), in a
// plain node:http server in as many processes as src/cluster.mjs starts, without Astro. The ratio
// of the two shows how much of the server's time the framework takes. Run with `node --import tsx`
// (the project's modules import without file extensions); settings come from the same environment
// as the real server's (DATABASE_URL, HOST, PORT, WORKERS). The mixed load's lesson pages, catalog
// and contest answers (tests/bench/mixed-load.mjs) are served by bare-mixed.ts.
import cluster from 'node:cluster';
import { readdirSync, readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { join } from 'node:path';
import { parse } from 'yaml';
import { stringify } from 'devalue';
import { migrateDatabase } from '../../db/migrate.mjs';
import { getConfig } from '../../src/lib/server/config';
import { getDb } from '../../src/lib/server/db';
import { recordComplete, recordHeartbeat, recordOpen, type LessonRef } from '../../src/lib/server/progress';
import { validateSessionToken } from '../../src/lib/server/session';
import { SESSION_COOKIE } from '../../src/lib/server/session-cookie';
import { signUp } from '../../src/lib/server/activity-signups';
import { signUpSchema } from '../../src/schemas/signup';
import { clientFolder, contestAction, servePage, type CatalogEntry } from './bare-mixed';

const frontMatter = (file: string): Record<string, unknown> => (parse(readFileSync(file, 'utf8').split(/^---\s*$/m)[1] ?? '') ?? {}) as Record<string, unknown>;

/** Published lessons by id, with what the progress rules need (as course-source.ts gives them); `courses` gets the catalog's MDX entries. */
function lessonRefs(contentDir: string, courses: CatalogEntry[] = []): Map<string, LessonRef> {
  const refs = new Map<string, LessonRef>();
  const root = join(contentDir, 'courses');
  for (const courseId of readdirSync(root)) {
    const course = frontMatter(join(root, courseId, 'index.mdx'));
    const lessons = readdirSync(join(root, courseId))
      .filter((file) => /^\d\d-.*\.mdx?$/.test(file))
      .map((file) => ({ id: `${courseId}/${file.replace(/\.mdx?$/, '').replace(/^\d+-/, '')}`, data: frontMatter(join(root, courseId, file)) }))
      .filter((lesson) => lesson.data['draft'] !== true);
    const forCertificate = { courseId, courseTitle: String(course['title'] ?? courseId), hours: Number(course['hours'] ?? 1), lessonIds: lessons.map((lesson) => lesson.id) };
    if (course['draft'] !== true) courses.push({ id: courseId, title: forCertificate.courseTitle, summary: String(course['summary'] ?? course['description'] ?? ''), lessons: lessons.length });
    for (const lesson of lessons) {
      refs.set(lesson.id, { lessonId: lesson.id, courseId, minutes: Number(lesson.data['minutes'] ?? 10), course: forCertificate });
    }
  }
  return refs;
}

function cookie(header: string | undefined, name: string): string | undefined {
  for (const part of (header ?? '').split(';')) {
    const [key, ...value] = part.trim().split('=');
    if (key === name) return value.join('=');
  }
  return undefined;
}

async function serve(): Promise<void> {
  const config = getConfig();
  const mdxCourses: CatalogEntry[] = [];
  const lessons = lessonRefs(config.contentDir, mdxCourses);
  const client = clientFolder(process.env['XG_SERVER_ENTRY']);
  const server = createServer((request, response) => {
    const answer = (status: number, body: unknown): void => {
      response.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
      response.end(JSON.stringify(body));
    };
    if (request.url === '/api/health') return answer(200, { ok: true });
    if (request.method === 'GET' && request.url?.startsWith('/courses/')) {
      // Only the catalog is rendered on request (and reads the session); lesson pages are files.
      void (async () => {
        const db = await getDb();
        const token = request.url === '/courses/' ? cookie(request.headers.cookie, SESSION_COOKIE) : undefined;
        const valid = token ? await validateSessionToken(db, token) : null;
        await servePage(request, response, { client, db, userId: valid?.user.id ?? null, mdxCourses });
      })().catch((error: unknown) => {
        console.error(error);
        answer(500, { message: 'error' });
      });
      return;
    }
    const signingUp = request.url === '/_actions/activity.signUp';
    const contest = request.url === '/_actions/contest.start' || request.url === '/_actions/contest.answer' ? request.url.slice('/_actions/'.length) : undefined;
    if (request.method !== 'POST' || (request.url !== '/api/progress/' && !signingUp && !contest)) return answer(404, { message: 'not found' });
    let body = '';
    request.setEncoding('utf8');
    request.on('data', (chunk: string) => (body += chunk));
    request.on('end', () => {
      void (async () => {
        const db = await getDb();
        const token = cookie(request.headers.cookie, SESSION_COOKIE);
        const valid = token ? await validateSessionToken(db, token) : null;
        if (!valid) return answer(401, { message: '请先登录。' });
        const fields = new URLSearchParams(body);
        if (contest === 'contest.start' || contest === 'contest.answer') {
          const result = await contestAction(db, contest, fields, valid.user);
          response.writeHead(result.status, { 'content-type': 'application/json; charset=utf-8' });
          return response.end(result.body);
        }
        if (signingUp) {
          const input = signUpSchema.safeParse(Object.fromEntries(fields));
          if (!input.success) return answer(400, { message: input.error.issues[0]?.message });
          const result = await signUp(db, { activityId: input.data.activityId, userId: valid.user.id, companion: input.data.companion, companionName: input.data.companionName });
          response.writeHead(200, { 'content-type': 'application/json; charset=utf-8' });
          return response.end(stringify(result));
        }
        const lesson = lessons.get(fields.get('lesson') ?? '');
        if (!lesson) return answer(404, { message: '没有找到这篇课文。' });
        const event = fields.get('event');
        const userId = valid.user.id;
        const state =
          event === 'open'
            ? await recordOpen(db, userId, lesson)
            : event === 'beat'
              ? await recordHeartbeat(db, userId, lesson, fields.get('end') === '1')
              : await recordComplete(db, userId, lesson);
        answer(200, { state });
      })().catch((error: unknown) => {
        console.error(error);
        answer(500, { message: 'error' });
      });
    });
  });
  server.listen(config.port, config.host);
}

// Migrated once before any process serves, as src/cluster.mjs does.
if (cluster.isPrimary) await migrateDatabase(getConfig().databaseUrl);
if (cluster.isPrimary && getConfig().workers > 1) {
  for (let index = 0; index < getConfig().workers; index++) cluster.fork();
} else {
  await serve();
}
