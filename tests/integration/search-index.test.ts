import { createServer, type Server } from 'node:http';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrateDatabase } from '../../db/migrate.mjs';
import { getDb } from '../../src/lib/server/db';
import { freshDb, type TestDb } from './fixture';
import { insertPublishedStudioCourse, unpublishStudioCourse } from './published-studio-course';

/** The slice of Pagefind's search API the tests use (as the search page does). */
interface Pagefind {
  options(options: Record<string, unknown>): Promise<void>;
  search(query: string, options?: { filters?: Record<string, string> }): Promise<{ results: Array<{ data(): Promise<Found> }> }>;
}
interface Found {
  url: string;
  meta: Record<string, string>;
  filters: Record<string, string[]>;
}

let t: TestDb;
let server: Server;
let origin: string;
let liveFolder: string | undefined;
let search: typeof import('../../src/lib/server/search-index');
let place: import('../../src/lib/server/search-index').SearchPlace;

/** A built site of one MDX lesson page, marked up as src/layouts/Lesson.astro marks it. */
function writeSite(site: string): void {
  const page = join(site, 'courses', 'red-spirit', 'red-boat');
  mkdirSync(page, { recursive: true });
  writeFileSync(
    join(page, 'index.html'),
    `<!doctype html><html lang="zh-CN"><body><nav>菜单</nav><article data-pagefind-body data-pagefind-filter="theme:红色教育" data-pagefind-meta="course:红色教育课"><header data-pagefind-filter="kind:课程"><h1 data-pagefind-meta="title">红船精神</h1></header><p>嘉兴南湖的一条红船，见证了中国共产党的诞生。</p></article></body></html>`,
  );
  mkdirSync(join(site, 'pagefind'), { recursive: true });
  writeFileSync(join(site, 'pagefind', 'pagefind-entry.json'), '{"version":"1.6.0","languages":{}}');
}

const loaded = new Map<string, Pagefind>();

/** Pagefind's own search script from the folder the search page would name now, as a browser loads it. */
async function pagefindFor(bundle: string): Promise<Pagefind> {
  const known = loaded.get(bundle);
  if (known) return known;
  const name = bundle.split('/')[2] as string;
  const pagefind = (await import(pathToFileURL(resolve(place.folder, name, 'pagefind.js')).href)) as Pagefind;
  await pagefind.options({ basePath: `${origin}${bundle}`, baseUrl: '/' });
  loaded.set(bundle, pagefind);
  return pagefind;
}

async function find(query: string, filters: Record<string, string> = {}): Promise<Found[]> {
  const bundle = search.liveSearchBundle();
  if (!bundle) throw new Error('no live index');
  const { results } = await (await pagefindFor(bundle)).search(query, { filters });
  return Promise.all(results.map((result) => result.data()));
}

const folders = (): string[] => readdirSync(place.folder).filter((name) => !name.startsWith('live.json'));

beforeAll(async () => {
  // The server's settings are read once, on first use (opening a database reads them): the live
  // index lives beside the database they name, in a folder of its own.
  mkdirSync('tests/.tmp', { recursive: true });
  const live = mkdtempSync(join('tests/.tmp', 'search-live-'));
  process.env['DATABASE_URL'] = `file:${join(live, 'server.db')}`;
  await migrateDatabase(process.env['DATABASE_URL']);
  t = await freshDb('search');
  search = await import('../../src/lib/server/search-index');
  writeSite(join(t.dir, 'site'));
  place = { db: t.db, folder: resolve(live, 'search'), site: join(t.dir, 'site') };
  liveFolder = live;
  // Serves /search-index/… as the server does.
  server = createServer((request, response) => {
    void search.readSearchIndexFile((request.url ?? '').split('?')[0]?.replace(/^\/search-index\//, '') ?? '').then((file) => {
      response.writeHead(file ? 200 : 404, file ? { 'Content-Type': file.type } : {});
      response.end(file?.bytes);
    });
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const address = server.address();
  origin = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
});

afterAll(() => {
  server?.close();
  t?.close();
  if (liveFolder) rmSync(liveFolder, { recursive: true, force: true });
});

describe('the live search index', () => {
  it('is missing until it is built, then holds the built pages', async () => {
    expect(search.liveSearchBundle()).toBeNull();
    expect(await search.liveIndexIsStale(place)).toBe(true);
    await search.ensureLiveSearchIndex(place);
    expect(search.liveSearchBundle()).toMatch(/^\/search-index\/[0-9a-z]{9}-[0-9a-f]{8}\/$/);
    expect((await find('红船')).map((page) => page.url)).toEqual(['/courses/red-spirit/red-boat/']);
    expect(await search.liveIndexIsStale(place)).toBe(false);
  });

  it('finds a published studio lesson by a Chinese query, as a lesson (课程) of its course and theme', async () => {
    const course = await insertPublishedStudioCourse(t.db, {
      title: '星火燎原',
      theme: '红色教育',
      summary: '从井冈山说起。',
      lessons: [
        { title: '井冈山的火种', text: '一九二七年，毛泽东率领秋收起义部队来到井冈山，创建了第一个农村革命根据地。' },
        { title: '古田会议', text: '思想建党、政治建军的原则在古田会议上确立。' },
      ],
    });
    expect(await search.liveIndexIsStale(place)).toBe(true);
    await search.refreshLiveSearchIndex(place);
    const found = await find('农村革命根据地', { kind: '课程' });
    expect(found.map((page) => page.url)).toEqual([course.lessonUrls[0]]);
    expect(found[0]?.meta).toMatchObject({ title: '井冈山的火种', course: '星火燎原' });
    expect(found[0]?.filters).toMatchObject({ kind: ['课程'], theme: ['红色教育'] });
    // The course page too, and nothing under another kind or theme.
    expect((await find('星火燎原')).map((page) => page.url)).toContain(`/courses/${course.slug}/`);
    expect(await find('古田会议', { theme: '廉洁文化' })).toEqual([]);
    expect(await find('古田会议', { kind: '影片' })).toEqual([]);
  });

  it('catches up with a publication made by a server on another machine (its own data/search/) at the next check', async () => {
    const elsewhere = { ...place, folder: join(t.dir, 'other-machine', 'search') };
    await search.ensureLiveSearchIndex(elsewhere);
    expect(await search.liveIndexIsStale(elsewhere)).toBe(false);
    // Published through this machine: only this machine's primary is asked to rebuild.
    await insertPublishedStudioCourse(t.db, { title: '异地发布', theme: '智慧助老', summary: '', lessons: [{ title: '网上挂号', text: '在手机上预约医院的号。' }] });
    await search.refreshLiveSearchIndex(place);
    expect(await search.liveIndexIsStale(elsewhere)).toBe(true);
    await search.ensureLiveSearchIndex(elsewhere);
    expect(await search.liveIndexIsStale(elsewhere)).toBe(false);
    expect(search.readLiveIndex(elsewhere.folder)?.published).toBe(search.readLiveIndex(place.folder)?.published);
  });

  it('drops an unpublished course at the next rebuild', async () => {
    const course = await insertPublishedStudioCourse(t.db, { title: '待撤下', theme: '党性教育', summary: '', lessons: [{ title: '入党誓词', text: '我志愿加入中国共产党，拥护党的纲领。' }] });
    await search.refreshLiveSearchIndex(place);
    expect((await find('入党誓词')).map((page) => page.url)).toEqual(course.lessonUrls);
    await unpublishStudioCourse(t.db, course.courseId);
    expect(await search.liveIndexIsStale(place)).toBe(true);
    await search.refreshLiveSearchIndex(place);
    expect(await find('入党誓词')).toEqual([]);
  });

  it('answers every search while a rebuild swaps the index, from the old folder or the new one', async () => {
    const before = search.liveSearchBundle();
    let swapping = true;
    const rebuild = search.refreshLiveSearchIndex(place).finally(() => (swapping = false));
    let searches = 0;
    while (swapping || searches < 3) {
      expect((await find('红船')).map((page) => page.url)).toEqual(['/courses/red-spirit/red-boat/']);
      searches += 1;
      // Pagefind answers a repeated search from memory: let the rebuild's I/O run between searches.
      await new Promise((done) => setImmediate(done));
    }
    await rebuild;
    const after = search.liveSearchBundle();
    expect(after).not.toBe(before);
    // A page loaded before the swap keeps its folder: it still finds, and fetches new fragments.
    const old = await pagefindFor(before as string);
    const { results } = await old.search('古田会议');
    expect((await Promise.all(results.map((result) => result.data()))).map((page) => page.meta['title'])).toContain('古田会议');
  });

  it('coalesces a burst of requests into one more rebuild after the running one', async () => {
    const count = folders().length;
    await Promise.all([search.refreshLiveSearchIndex(place), search.refreshLiveSearchIndex(place), search.refreshLiveSearchIndex(place), search.refreshLiveSearchIndex(place)]);
    expect(folders().length).toBe(count + 2);
  });

  it('requestSearchRefresh returns at once and rebuilds the server\'s own index in the background', async () => {
    // The server's database (DATABASE_URL) this time, as publishing in a single server process.
    const course = await insertPublishedStudioCourse(await getDb(), { title: '后台重建', theme: '智慧助老', summary: '', lessons: [{ title: '视频通话', text: '用微信和远方的孙子视频通话，只要点一下绿色的按钮。' }] });
    const before = search.liveSearchBundle();
    search.requestSearchRefresh();
    expect(search.liveSearchBundle()).toBe(before);
    await expect.poll(() => search.liveSearchBundle(), { timeout: 60_000 }).not.toBe(before);
    expect((await find('视频通话')).map((page) => page.url)).toEqual(course.lessonUrls);
  });

  it('serves nothing outside the index folders', async () => {
    for (const path of ['live.json', '../search.db', 'x/../../search.db', `${search.liveSearchBundle()?.split('/')[2]}/../live.json`]) {
      expect(await search.readSearchIndexFile(path)).toBeNull();
    }
  });
});
