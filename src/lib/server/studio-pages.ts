// Published studio pages as files (ISSUE 13, item 12): the lesson pages and the course page of a
// published studio course, written once per published version under data/studio-pages/ and sent
// before Astro, as the server sends an MDX course's prerendered pages. Like those, a written page is
// the same for every reader: it is rendered as a prerendered page is (default text size and
// contrast, applied by the page's inline head script from the reader's cookies; nobody signed in;
// the lesson's progress is asked by the page's script), so whoever reads it, signed in or not, gets
// the file. Previews and drafts (the studio's own pages) stay rendered on request.
//
// Who writes them: the process that publishes, unpublishes or publishes a new version
// (studioPagesChanged, awaited by the action, so its next page already shows the change), and the
// cluster's primary at start and then every few seconds (syncAllStudioPages: a written course whose
// version, build or settings are not the current ones is written again; a course no longer
// published loses its folder), which also covers publications made outside the studio (the demo
// seed, a restored database, the benchmark's fixture). A page is rendered by asking this server
// for it over loopback with a per-start token (STUDIO_FILE_HEADER): the middleware then renders it
// as for nobody, and the server never answers that request from a file.
//
// A course's pages are replaced together: its new folder is written beside the old one and renamed
// into place (a reader between the two renames gets the page from Astro, which reads the database:
// never a half-written or mixed page). Each file holds its page's Content-Security-Policy (Astro's
// hashes for that page) on the first line, so page and policy always match.
//
// Node runs this file directly from src/cluster.mjs (types stripped): only Node built-ins here. The
// bundled server imports it too, for studioPagesChanged and isStudioFileRender; the two copies meet
// through a global registry that src/cluster.mjs fills.
import { randomBytes } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { join } from 'node:path';

/** The request header that asks for a page as it is written to its file. */
export const STUDIO_FILE_HEADER = 'x-xiaguang-studio-file';
const REGISTRY = Symbol.for('xiaguang.studioPages');
/** A course's folder holds this (its version, build and settings stamp) beside its pages. */
const COURSE_FILE = 'course.json';
const COURSE_PAGE = 'index';
/** `/courses/<course>/` and `/courses/<course>/<lesson>/`: slugs are [a-z0-9-] (src/lib/studio-slug). */
const PAGE_PATH = /^\/courses\/([a-z0-9][a-z0-9-]*)(?:\/([a-z0-9][a-z0-9-]*))?\/?(?:index\.html)?$/;

interface Registry {
  token: string;
  changed: (slug: string) => Promise<void>;
}

function registry(): Registry | undefined {
  return (globalThis as Record<symbol, Registry | undefined>)[REGISTRY];
}

/** Only src/cluster.mjs (the production server) registers: elsewhere (astro dev, tests) nothing is written. */
export function registerStudioPages(entry: Registry): void {
  (globalThis as Record<symbol, Registry | undefined>)[REGISTRY] = entry;
}

/** True for this server's own request for a page as it is written to its file (the middleware renders it for nobody). */
export function isStudioFileRender(headers: Headers): boolean {
  const token = registry()?.token;
  return token !== undefined && headers.get(STUDIO_FILE_HEADER) === token;
}

/**
 * After a publication, an unpublication or a new version of the course `slug` was committed: its
 * files are written again (or removed) before this resolves. Never throws: a failure is logged and
 * the pages are rendered on request meanwhile (the primary's next pass writes them).
 */
export async function studioPagesChanged(slug: string): Promise<void> {
  try {
    await registry()?.changed(slug);
  } catch (error) {
    console.error(`studio pages: could not write the pages of ${slug}`, error);
  }
}

// ---------------------------------------------------------------------------------------------
// Serving

interface KeptPage {
  ino: number;
  mtimeMs: number;
  size: number;
  stamp: string;
  csp: string;
  body: Buffer;
  etag: string;
  lastModified: string;
}

interface PageHead {
  version: number;
  stamp: string;
  csp: string;
}

function parsePage(raw: Buffer): { head: PageHead; body: Buffer } | null {
  const newline = raw.indexOf(10);
  if (newline < 0) return null;
  try {
    const head = JSON.parse(raw.subarray(0, newline).toString('utf8')) as PageHead;
    return { head, body: raw.subarray(newline + 1) };
  } catch {
    return null;
  }
}

/** The page file for an address, or null when the address is no studio page's. */
export function studioPageFile(folder: string, url: string): string | null {
  let path = url.split(/[?#]/)[0] ?? '/';
  try {
    path = decodeURI(path);
  } catch {
    return null;
  }
  const match = PAGE_PATH.exec(path);
  if (!match) return null;
  return join(folder, match[1] as string, `${match[2] ?? COURSE_PAGE}.page`);
}

type Handler = (req: IncomingMessage, res: ServerResponse) => void;

/**
 * Sends a written studio page as the node adapter sends a prerendered file (`send`: ETag and
 * Last-Modified from the file, Cache-Control public, max-age=0, 304 to a matching conditional GET,
 * HEAD without a body; no compression, which the front server does), with the page's own
 * Content-Security-Policy; the security headers come from withSecurityHeaders around it. Anything
 * else, and a page written for another build or other settings (`stamp`), goes to `handler`.
 */
export function withStudioPages(handler: Handler, options: { folder: string; stamp: string }): Handler {
  const kept = new Map<string, KeptPage>();
  return (req, res) => {
    if ((req.method !== 'GET' && req.method !== 'HEAD') || req.headers[STUDIO_FILE_HEADER] !== undefined) return handler(req, res);
    const file = studioPageFile(options.folder, req.url ?? '/');
    const stats = file ? statSync(file, { throwIfNoEntry: false }) : undefined;
    if (!file || !stats) return handler(req, res);
    let page = kept.get(file);
    if (!page || page.ino !== stats.ino || page.mtimeMs !== stats.mtimeMs || page.size !== stats.size) {
      let parsed: ReturnType<typeof parsePage> = null;
      try {
        parsed = parsePage(readFileSync(file));
      } catch {
        // Removed between stat and read (an unpublication): Astro answers.
      }
      if (!parsed) return handler(req, res);
      page = {
        ino: stats.ino,
        mtimeMs: stats.mtimeMs,
        size: stats.size,
        stamp: parsed.head.stamp,
        csp: parsed.head.csp,
        body: parsed.body,
        etag: `W/"${stats.size.toString(16)}-${Math.floor(stats.mtimeMs).toString(16)}"`,
        lastModified: stats.mtime.toUTCString(),
      };
      kept.set(file, page);
    }
    if (page.stamp !== options.stamp) return handler(req, res);
    // In writeHead's own headers: withSecurityHeaders puts its fallback policy on an answer whose
    // writeHead brings none.
    const headers: Record<string, string | number> = {
      'Content-Security-Policy': page.csp,
      'Cache-Control': 'public, max-age=0',
      'Last-Modified': page.lastModified,
      ETag: page.etag,
    };
    if (notModified(req, page)) {
      res.writeHead(304, headers);
      res.end();
      return;
    }
    res.writeHead(200, { ...headers, 'Content-Type': 'text/html; charset=UTF-8', 'Content-Length': page.body.length });
    res.end(req.method === 'HEAD' ? undefined : page.body);
  };
}

/** As `send` (the `fresh` rules): If-None-Match decides when present, else If-Modified-Since. */
function notModified(req: IncomingMessage, page: KeptPage): boolean {
  const noneMatch = req.headers['if-none-match'];
  if (noneMatch) return noneMatch === '*' || noneMatch.split(',').some((tag) => tag.trim().replace(/^W\//, '') === page.etag.replace(/^W\//, ''));
  const since = req.headers['if-modified-since'];
  if (!since) return false;
  const time = Date.parse(since);
  return !Number.isNaN(time) && Math.floor(page.mtimeMs / 1000) * 1000 <= time;
}

// ---------------------------------------------------------------------------------------------
// Writing

/** The database as src/cluster.mjs opens it (a @libsql/client client). */
export interface StudioPagesDb {
  execute(statement: { sql: string; args: Array<string | number> } | string): Promise<{ rows: ArrayLike<Record<string, unknown>> }>;
}

export interface StudioPagesPlace {
  db: StudioPagesDb;
  /** data/studio-pages/ (dataFolder(databaseUrl, 'studio-pages')). */
  folder: string;
  /** This build and the settings its pages show (src/cluster.mjs): pages written under another are not sent. */
  stamp: string;
  /** This server over loopback, e.g. http://127.0.0.1:4321. */
  base: string;
  token: string;
}

interface CourseStamp {
  version: number;
  stamp: string;
}

function readCourseStamp(folder: string, slug: string): CourseStamp | null {
  try {
    return JSON.parse(readFileSync(join(folder, slug, COURSE_FILE), 'utf8')) as CourseStamp;
  } catch {
    return null;
  }
}

/** Published studio courses: slug → the id of the version learners see. */
async function publishedVersions(db: StudioPagesDb, slug?: string): Promise<Map<string, number>> {
  const { rows } = await db.execute(
    slug === undefined
      ? 'SELECT slug, published_version_id AS version FROM studio_courses WHERE published_version_id IS NOT NULL'
      : { sql: 'SELECT slug, published_version_id AS version FROM studio_courses WHERE published_version_id IS NOT NULL AND slug = ?', args: [slug] },
  );
  return new Map(Array.from(rows, (row) => [String(row['slug']), Number(row['version'])]));
}

async function lessonSlugs(db: StudioPagesDb, version: number): Promise<string[]> {
  const { rows } = await db.execute({ sql: 'SELECT snapshot FROM studio_course_versions WHERE id = ?', args: [version] });
  const snapshot = JSON.parse(String(rows[0]?.['snapshot'] ?? '{"lessons":[]}')) as { lessons: Array<{ slug: string }> };
  return snapshot.lessons.map((lesson) => lesson.slug);
}

/** The page as this server renders it for its file: its HTML and Content-Security-Policy, or null. */
async function renderPage(place: StudioPagesPlace, path: string): Promise<{ csp: string; html: string } | null> {
  const response = await fetch(new URL(path, place.base), { headers: { [STUDIO_FILE_HEADER]: place.token }, redirect: 'manual' });
  const html = await response.text();
  const csp = response.headers.get('content-security-policy');
  const page = response.status === 200 && (response.headers.get('content-type') ?? '').startsWith('text/html');
  if (!page || !csp || response.headers.has('set-cookie')) return null;
  return { csp, html };
}

function removeFolder(path: string): void {
  try {
    const aside = `${path}.gone-${randomBytes(4).toString('hex')}`;
    renameSync(path, aside);
    rmSync(aside, { recursive: true, force: true });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
}

/**
 * Writes the pages of `slug` at `version` into a new folder and puts it in place of the old one.
 * The version is asked again after rendering: a publication meanwhile renders again (the newer
 * version wins; a later pass repairs any race between processes).
 */
async function writeCourse(place: StudioPagesPlace, slug: string, version: number): Promise<void> {
  // Made first: while it exists, the primary's pass leaves this course to this write.
  const fresh = join(place.folder, `.${slug}.new-${randomBytes(4).toString('hex')}`);
  mkdirSync(fresh, { recursive: true });
  try {
    const lessons = await lessonSlugs(place.db, version);
    const names = [COURSE_PAGE, ...lessons];
    const rendered = await Promise.all(names.map((name) => renderPage(place, name === COURSE_PAGE ? `/courses/${slug}/` : `/courses/${slug}/${name}/`)));
    const now = (await publishedVersions(place.db, slug)).get(slug);
    if (now === undefined) return removeFolder(join(place.folder, slug));
    if (now !== version) return await writeCourse(place, slug, now);
    rendered.forEach((page, index) => {
      if (!page) throw new Error(`the page ${names[index]} of ${slug} did not render as a page (not a 200 HTML answer)`);
      const head: PageHead = { version, stamp: place.stamp, csp: page.csp };
      writeFileSync(join(fresh, `${names[index]}.page`), `${JSON.stringify(head)}\n${page.html}`);
    });
    writeFileSync(join(fresh, COURSE_FILE), JSON.stringify({ version, stamp: place.stamp } satisfies CourseStamp));
    const target = join(place.folder, slug);
    removeFolder(target);
    renameSync(fresh, target);
  } finally {
    rmSync(fresh, { recursive: true, force: true });
  }
}

/** One course after a change in the studio: written again when published, its folder removed when not. */
export async function syncStudioCourse(place: StudioPagesPlace, slug: string): Promise<void> {
  mkdirSync(place.folder, { recursive: true });
  const version = (await publishedVersions(place.db, slug)).get(slug);
  if (version === undefined) removeFolder(join(place.folder, slug));
  else await writeCourse(place, slug, version);
}

/**
 * Every course: written where its folder is missing or holds another version, build or settings;
 * folders of courses no longer published (and leftovers of an interrupted write) removed. A course
 * that fails is logged and left to Astro until its version changes (`failed`: slug → version).
 * Returns the slugs written.
 */
export async function syncAllStudioPages(place: StudioPagesPlace, failed = new Map<string, number>()): Promise<string[]> {
  mkdirSync(place.folder, { recursive: true });
  const published = await publishedVersions(place.db);
  /** Courses another process is writing now (after a publication): left to it. */
  const busy = new Set<string>();
  for (const name of readdirSync(place.folder)) {
    const path = join(place.folder, name);
    // A dot folder is another process's write in progress, or one a crash left behind.
    const writing = /^\.(.+)\.new-[0-9a-f]+$/.exec(name);
    const young = Date.now() - (statSync(path, { throwIfNoEntry: false })?.mtimeMs ?? 0) < 60_000;
    if (writing && young) busy.add(writing[1] as string);
    else if (name.startsWith('.') || !published.has(name)) rmSync(path, { recursive: true, force: true });
  }
  const written: string[] = [];
  for (const [slug, version] of published) {
    const stamp = readCourseStamp(place.folder, slug);
    if ((stamp?.version === version && stamp.stamp === place.stamp) || failed.get(slug) === version || busy.has(slug)) continue;
    try {
      await writeCourse(place, slug, version);
      written.push(slug);
    } catch (error) {
      failed.set(slug, version);
      console.error(`studio pages: could not write the pages of ${slug} (they are rendered on request)`, error);
    }
  }
  return written;
}
