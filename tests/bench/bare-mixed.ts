// The mixed load's routes in the bare ceiling (tests/bench/bare-server.ts; issue 14 item 6): what
// the site does for a lesson page, the catalog and a contest answer, without Astro.
//  - A lesson page: the same prerendered file from the build's client folder, read from the disk
//    on every request, as the site's static handler does (no cache in memory).
//  - The catalog (/courses/, rendered on request on the site): the same reads of the same data —
//    the session, the unread-message count the header shows, the published studio courses
//    (listStudioCatalog) beside the MDX courses — into a plain HTML list.
//  - contest.start and contest.answer: the form's schema, then startAttempt() / saveAnswer() (the
//    same group commit), answered in the same devalue form as Astro's actions.
import { readFile } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { dirname, join, resolve, sep } from 'node:path';
import { stringify } from 'devalue';
import type { Db } from '../../src/lib/server/db';
import { listStudioCatalog } from '../../src/lib/server/studio-catalog';
import { unreadCount } from '../../src/lib/server/messages';
import { saveAnswer, startAttempt } from '../../src/lib/server/contest-attempts';
import { contestAnswerSchema, startAttemptSchema } from '../../src/schemas/contest';
import { nothingChosen, rawResponse } from '../../src/schemas/answer';
import { ok } from '../../src/lib/result';

/** An MDX course as the catalog lists it (from its index.mdx front matter, read once at start). */
export interface CatalogEntry {
  id: string;
  title: string;
  summary: string;
  lessons: number;
}

const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' };
const escape = (text: string): string => text.replace(/[&<>"]/g, (c) => ENTITIES[c] ?? c);

/** The build's client folder beside the server entry the benchmark names (XG_SERVER_ENTRY). */
export function clientFolder(entry: string | undefined): string {
  return resolve(dirname(resolve(entry ?? 'dist/server/entry.mjs')), '..', 'client');
}

function html(response: ServerResponse, status: number, body: string | Buffer): void {
  response.writeHead(status, { 'content-type': 'text/html; charset=utf-8', 'content-length': Buffer.byteLength(body) });
  response.end(body);
}

/** GET /courses/…/: a prerendered page from `client`, or the catalog. */
export async function servePage(
  request: IncomingMessage,
  response: ServerResponse,
  { client, db, userId, mdxCourses }: { client: string; db: Db; userId: number | null; mdxCourses: readonly CatalogEntry[] },
): Promise<void> {
  const path = decodeURIComponent(new URL(request.url ?? '/', 'http://bench').pathname);
  if (path === '/courses/') {
    const unread = userId === null ? 0 : await unreadCount(db, userId);
    const studio = await listStudioCatalog(db);
    const courses = [...mdxCourses, ...studio.map(({ course, lessons }) => ({ id: course.id, title: course.title, summary: course.summary, lessons: lessons.length }))];
    const items = courses.map((course) => `<li><a href="/courses/${escape(course.id)}/">${escape(course.title)}</a><p>${escape(course.summary)}</p><p>${course.lessons} 课</p></li>`);
    return html(response, 200, `<!doctype html><html lang="zh-CN"><meta charset="utf-8"><title>全部课程</title><p>消息 ${unread}</p><h1>全部课程</h1><ul>${items.join('')}</ul></html>`);
  }
  const file = join(client, path, 'index.html');
  if (!file.startsWith(client + sep)) return html(response, 404, 'not found');
  try {
    html(response, 200, await readFile(file));
  } catch {
    html(response, 404, 'not found');
  }
}

/** POST /_actions/contest.start or contest.answer for a signed-in person: the status and the body. */
export async function contestAction(
  db: Db,
  name: 'contest.start' | 'contest.answer',
  fields: URLSearchParams,
  user: { id: number; branchId: number | null },
): Promise<{ status: number; body: string }> {
  const refuse = (message: string | undefined): { status: number; body: string } => ({ status: 400, body: JSON.stringify({ message }) });
  const answered = (value: unknown): { status: number; body: string } => ({ status: 200, body: stringify(ok(value)) });
  if (name === 'contest.start') {
    const input = startAttemptSchema.safeParse(Object.fromEntries(fields));
    if (!input.success) return refuse(input.error.issues[0]?.message);
    const started = await startAttempt(db, { contestId: input.data.contestId, userId: user.id, branchId: user.branchId });
    return started.ok ? answered(started.value) : refuse(started.error.message);
  }
  // Repeated fields (多选's options) as a list, as Astro's form parsing gives them.
  const input = contestAnswerSchema.safeParse({ ...Object.fromEntries(fields), options: fields.getAll('options') });
  if (!input.success) return refuse(input.error.issues[0]?.message);
  const go = input.data.go ?? 'stay';
  if (nothingChosen(input.data)) return go === 'stay' ? refuse('请先选一个答案。') : answered({ go, saved: false });
  const saved = await saveAnswer(db, { attemptId: input.data.attemptId, userId: user.id, position: input.data.position, raw: rawResponse(input.data) });
  return saved.ok ? answered({ go, saved: true }) : refuse(saved.error.message);
}
