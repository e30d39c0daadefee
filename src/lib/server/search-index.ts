/**
 * The live search index: Pagefind's index of the built pages (dist/client, as `npm run build`
 * indexes them) plus every published studio course and lesson, rebuilt with Pagefind's Node API
 * when a studio course is published or unpublished, so nothing needs a rebuild or a restart.
 *
 * - Each rebuild writes a new folder under data/search/ (beside the database file) and then swaps
 *   `live.json`, which names the live folder, by renaming a complete file over it: a search page
 *   loads everything from the one folder it was given, so it never sees half an index. Superseded
 *   folders stay for KEEP_SUPERSEDED_MS (a search page open that long can still show more results).
 * - Requests that arrive while a rebuild runs are coalesced into one more rebuild after it.
 * - One process builds: in the cluster (src/cluster.mjs) workers send the request to the primary,
 *   which also rebuilds at start when the live index is missing, was built from another build of
 *   the site, or does not hold exactly the studio versions published now.
 * - The search page (src/pages/search.astro) loads the live folder, `/search-index/<folder>/`
 *   (src/pages/search-index/[...file].ts), or the build's /pagefind/ while there is none.
 *
 * src/cluster.mjs runs this file with Node directly: Node built-ins, `pagefind` and modules that
 * Node can run by stripping their types only.
 */
import cluster from 'node:cluster';
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { mkdir, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import * as pagefind from 'pagefind';
import type { CustomRecord } from 'pagefind';
import { courseUrl, lessonUrl } from '../lesson-path';
import { searchKindLabel } from '../search-kinds';
import { getConfig } from './config';
import { dataFolder } from './data-dir';
import { getDb, type Db } from './db';
import { listPublishedStudioCourses, publishedVersionIds, type PublishedStudioCourse } from './studio-published';

/** What `live.json` says about the live folder. */
export interface LiveIndex {
  /** The folder under data/search/: `<time, base 36>-<random>`, so names sort by age. */
  name: string;
  /** The published studio versions it holds (fingerprintOf). */
  published: string;
  /** The build whose pages it holds (siteStamp). */
  site: string;
  builtAt: number;
}

/** Where an index is built from and written to; the server's own by default (liveSearchPlace). */
export interface SearchPlace {
  db: Db;
  /** data/search/ */
  folder: string;
  /** The built site, dist/client. */
  site: string;
}

/** The message a cluster worker sends the primary to ask for a rebuild. */
export const SEARCH_REFRESH_MESSAGE = 'xg:search-refresh';
/** The site's language as Pagefind names it (`<html lang="zh-CN">`): studio records join the same index. */
const LANGUAGE = 'zh-cn';
/** How often the primary compares the live index with the studio versions published now (one small query). */
export const STALE_CHECK_MS = 30_000;
/** A search page loaded just before a swap keeps reading its folder: kept a day after it was superseded. */
export const KEEP_SUPERSEDED_MS = 24 * 60 * 60 * 1000;
const POINTER = 'live.json';
const FOLDER_NAME = /^[0-9a-z]{9}-[0-9a-f]{8}$/;
const FILE_PART = /^[A-Za-z0-9_][A-Za-z0-9._-]*$/;

/** data/search/ beside the database, and the build's pages (beside the server entry, as src/cluster.mjs finds it). */
export async function liveSearchPlace(): Promise<SearchPlace> {
  const entry = resolve(process.env['XG_SERVER_ENTRY'] ?? 'dist/server/entry.mjs');
  return { db: await getDb(), folder: dataFolder(getConfig().databaseUrl, 'search'), site: resolve(dirname(entry), '..', 'client') };
}

/** The studio versions published now: `<course id>:<version id>`, in course order. */
function fingerprintOf(published: ReadonlyArray<Pick<PublishedStudioCourse, 'courseId' | 'versionId'>>): string {
  return published.map((course) => `${course.courseId}:${course.versionId}`).join(',');
}

/** The build's own Pagefind entry (its hash changes with the pages), or '' when the site has none. */
function siteStamp(site: string): string {
  const entry = join(site, 'pagefind', 'pagefind-entry.json');
  return existsSync(entry) ? createHash('sha256').update(readFileSync(entry)).digest('hex').slice(0, 16) : '';
}

/** The course page and every lesson of each published studio course, as Pagefind records. */
export function studioRecords(published: readonly PublishedStudioCourse[]): CustomRecord[] {
  const kind = [searchKindLabel('course')];
  return published.flatMap(({ snapshot, compiled }) => {
    const { course } = snapshot;
    const filters = { kind, theme: [course.theme] };
    const coursePage: CustomRecord = {
      url: courseUrl(course.slug),
      content: [course.title, course.summary].join('\n'),
      language: LANGUAGE,
      meta: { title: course.title },
      filters,
    };
    const lessons = snapshot.lessons.map(
      (lesson): CustomRecord => ({
        url: lessonUrl(`${course.slug}/${lesson.slug}`),
        content: [lesson.title, lesson.summary, compiled[lesson.slug]?.plainText ?? ''].join('\n'),
        language: LANGUAGE,
        meta: { title: lesson.title, course: course.title },
        filters,
      }),
    );
    return [coursePage, ...lessons];
  });
}

function check(what: string, response: { errors: string[] }): void {
  if (response.errors.length > 0) throw new Error(`search index: ${what}: ${response.errors.join('; ')}`);
}

/** The live index as `live.json` names it, or null when there is none (or its folder is gone). */
export function readLiveIndex(folder: string): LiveIndex | null {
  try {
    const live = JSON.parse(readFileSync(join(folder, POINTER), 'utf8')) as LiveIndex;
    return FOLDER_NAME.test(live.name) && existsSync(join(folder, live.name)) ? live : null;
  } catch {
    return null;
  }
}

/**
 * Builds a new index in a new folder, then swaps it in by renaming a complete `live.json` over the
 * old one (atomic: a reader sees the old file or the new one), then deletes folders superseded more
 * than KEEP_SUPERSEDED_MS ago.
 */
export async function buildLiveIndex(place: SearchPlace): Promise<LiveIndex> {
  const published = await listPublishedStudioCourses(place.db);
  const site = siteStamp(place.site);
  const name = `${Date.now().toString(36).padStart(9, '0')}-${randomBytes(4).toString('hex')}`;
  await mkdir(place.folder, { recursive: true });
  const created = await pagefind.createIndex({ forceLanguage: LANGUAGE });
  check('create', created);
  const index = created.index;
  if (!index) throw new Error('search index: Pagefind gave no index');
  try {
    if (existsSync(place.site)) check('built pages', await index.addDirectory({ path: place.site }));
    for (const record of studioRecords(published)) check(record.url, await index.addCustomRecord(record));
    check('write', await index.writeFiles({ outputPath: join(place.folder, name) }));
  } finally {
    // Stops Pagefind's indexing process until the next rebuild: nothing stays in memory.
    await pagefind.close();
  }
  const live: LiveIndex = { name, published: fingerprintOf(published), site, builtAt: Date.now() };
  const draft = join(place.folder, `${POINTER}.${randomBytes(6).toString('hex')}.tmp`);
  await writeFile(draft, JSON.stringify(live));
  await rename(draft, join(place.folder, POINTER));
  await deleteSuperseded(place.folder, name);
  return live;
}

/** Folders older than the live one whose successor went live more than KEEP_SUPERSEDED_MS ago. */
async function deleteSuperseded(folder: string, liveName: string): Promise<void> {
  const names = (await readdir(folder)).filter((name) => FOLDER_NAME.test(name)).sort();
  const now = Date.now();
  for (const [position, name] of names.entries()) {
    const next = names[position + 1];
    if (name >= liveName || !next) continue;
    const supersededAt = parseInt(next.split('-')[0] as string, 36);
    if (now - supersededAt > KEEP_SUPERSEDED_MS) await rm(join(folder, name), { recursive: true, force: true });
  }
}

/** Whether the live index is missing, from another build, or not the studio versions published now. */
export async function liveIndexIsStale(place: SearchPlace): Promise<boolean> {
  const live = readLiveIndex(place.folder);
  if (!live) return true;
  return live.site !== siteStamp(place.site) || live.published !== fingerprintOf(await publishedVersionIds(place.db));
}

/**
 * This process's rebuilds, shared on globalThis: with one server process, src/cluster.mjs and the
 * built server each load this module, and Pagefind's indexing process must serve one rebuild at a time.
 */
const state = ((globalThis as { [key: symbol]: unknown })[Symbol.for('xg.searchIndex')] ??= {
  running: null as Promise<void> | null,
  again: false,
}) as { running: Promise<void> | null; again: boolean };

/**
 * Rebuilds now, or, when a rebuild is running, once more after it (a burst of publications makes
 * two rebuilds, not one each). Resolves when no rebuild is left; a failure is logged, the old
 * index stays live.
 */
export function refreshLiveSearchIndex(place?: SearchPlace): Promise<void> {
  state.again = true;
  state.running ??= (async () => {
    try {
      while (state.again) {
        state.again = false;
        try {
          const built = await buildLiveIndex(place ?? (await liveSearchPlace()));
          console.log(`search index: ${built.name} is live`);
        } catch (error) {
          console.error('search index: the rebuild failed; the previous index stays live', error);
        }
      }
    } finally {
      state.running = null;
    }
  })();
  return state.running;
}

/**
 * At server start (one process), and then every STALE_CHECK_MS: rebuilds when liveIndexIsStale. The
 * later checks are for several machines on one libSQL database: a publication on another machine
 * asks that machine's primary only, and reaches this machine's index with the next check.
 */
export async function ensureLiveSearchIndex(place?: SearchPlace): Promise<void> {
  if (state.running) return;
  const where = place ?? (await liveSearchPlace());
  if (await liveIndexIsStale(where)) await refreshLiveSearchIndex(where);
}

/**
 * Called after publishing or unpublishing commits: returns at once, the rebuild runs in the
 * background (in the cluster's primary process when there is one).
 */
export function requestSearchRefresh(): void {
  if (cluster.isWorker && process.send) {
    process.send({ type: SEARCH_REFRESH_MESSAGE });
    return;
  }
  void refreshLiveSearchIndex();
}

let pointerSeen: { key: string; live: LiveIndex | null } | undefined;

/** The address of the live index's folder, `/search-index/<name>/`, or null (use the build's /pagefind/). */
export function liveSearchBundle(): string | null {
  const folder = dataFolder(getConfig().databaseUrl, 'search');
  let key: string;
  try {
    const stat = statSync(join(folder, POINTER));
    key = `${stat.ino}:${stat.mtimeMs}`;
  } catch {
    return null;
  }
  if (pointerSeen?.key !== key) pointerSeen = { key, live: readLiveIndex(folder) };
  return pointerSeen.live ? `/search-index/${pointerSeen.live.name}/` : null;
}

const TYPES: Record<string, string> = {
  js: 'text/javascript; charset=utf-8',
  css: 'text/css; charset=utf-8',
  json: 'application/json; charset=utf-8',
  wasm: 'application/wasm',
};

/** A file of a live or recent index folder (`<name>/pagefind.js`, `<name>/fragment/…`), or null. */
export async function readSearchIndexFile(path: string): Promise<{ bytes: Uint8Array<ArrayBuffer>; type: string } | null> {
  const parts = path.split('/');
  if (parts.length < 2 || !FOLDER_NAME.test(parts[0] ?? '') || !parts.every((part) => FILE_PART.test(part))) return null;
  try {
    const bytes = await readFile(join(dataFolder(getConfig().databaseUrl, 'search'), ...parts));
    const extension = path.slice(path.lastIndexOf('.') + 1);
    return { bytes, type: TYPES[extension] ?? 'application/octet-stream' };
  } catch {
    return null;
  }
}
