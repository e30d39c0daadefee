// Studio pages for `npm run bench` (ISSUE 13): one lesson as an MDX page (prerendered at build) and
// the same text as a studio lesson (compiled by compileStudioLesson, published into the database,
// written to its file by the server once per published version: src/lib/server/studio-pages.ts),
// side by side on the same built server in the same run: the HTML's size, and the server's time per
// request with 50 readers reading at once, beside the bare ceiling (a plain node:http server
// sending the same page: bare-page-server.mjs). Then how long a published 10-lesson course takes
// to be found through the live Pagefind index.
import http from 'node:http';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';
import { drizzle } from 'drizzle-orm/libsql';
import { tsImport } from 'tsx/esm/api';
import { parse as parseYaml } from 'yaml';
import { percentile } from './progress-load.mjs';
import { startBenchServer } from './server.mjs';

const DB_FILE = 'tests/.tmp/bench/studio.db';
const READERS = 50;
const READ_MS = 10_000;
/** Also one reader at a time: the time to render a page, without queueing behind other readers. */
const ALONE_MS = 4_000;
const RATIO_TARGET = 2;
const SEARCH_LESSONS = 10;
const SEARCH_LIMIT_MS = 60_000;
const REQUEST_TIMEOUT_MS = 10_000;
/** The server's primary writes the files of a course published outside the studio within seconds. */
const FILE_LIMIT_MS = 60_000;
const BARE_PAGE = 'tests/.tmp/bench/studio-page.html';

const project = (path) => tsImport(path, import.meta.url);

/** The MDX file of `/courses/<course>/<lesson>/`: its frontmatter and its body. */
function mdxLesson(lessonPath) {
  const [course, slug] = lessonPath.split('/').filter(Boolean).slice(1);
  const folder = join('content/courses', course);
  const file = readdirSync(folder).find((name) => name.replace(/^\d+-/, '') === `${slug}.mdx`);
  if (!file) throw new Error(`no MDX file for ${lessonPath} in ${folder}`);
  const [, front, ...rest] = readFileSync(join(folder, file), 'utf8').split(/^---\s*$/m);
  return { front: parseYaml(front), body: rest.join('---').trim() };
}

/** One GET through the reader's own kept-alive connection: { ok, ms, bytes, failure }; never throws. */
function get(port, path, agent) {
  const since = performance.now();
  return new Promise((done) => {
    const request = http.get({ host: '127.0.0.1', port, path, agent, timeout: REQUEST_TIMEOUT_MS }, (response) => {
      const chunks = [];
      response.on('data', (chunk) => chunks.push(chunk));
      response.on('end', () => {
        const body = Buffer.concat(chunks);
        done({ ok: response.statusCode === 200, ms: performance.now() - since, body, failure: `HTTP ${response.statusCode}` });
      });
      response.on('error', (error) => done({ ok: false, ms: performance.now() - since, failure: String(error.code ?? error.name) }));
    });
    request.on('timeout', () => request.destroy(Object.assign(new Error('timeout'), { code: 'timeout' })));
    request.on('error', (error) => done({ ok: false, ms: performance.now() - since, failure: String(error.code ?? error.name) }));
  });
}

/**
 * Waits until `path` is sent from its written file (the node adapter's validators: an ETag), as it
 * is for readers once a publication's files are written; Astro's own answers have none.
 */
async function whenWritten(port, path) {
  const deadline = Date.now() + FILE_LIMIT_MS;
  while (Date.now() < deadline) {
    const head = await new Promise((done) => {
      http.get({ host: '127.0.0.1', port, path }, (response) => {
        response.resume();
        done(response.headers.etag);
      }).on('error', () => done(undefined));
    });
    if (head) return;
    await new Promise((done) => setTimeout(done, 200));
  }
  throw new Error(`${path} was not written to its file within ${FILE_LIMIT_MS / 1000} s`);
}

/** `readers` readers, each on one kept-alive connection, asking for `path` back to back for `ms`. */
async function readLoad(port, path, readers = READERS, ms = READ_MS) {
  const agents = Array.from({ length: readers }, () => new http.Agent({ keepAlive: true, maxSockets: 1 }));
  // Warm-up, not measured: every reader opens its connection, a few at a time.
  for (let first = 0; first < readers; first += 10) {
    for (const result of await Promise.all(agents.slice(first, first + 10).map((agent) => get(port, path, agent)))) {
      if (!result.ok) throw new Error(`warm-up GET ${path} failed: ${result.failure}`);
    }
  }
  const latencies = [];
  let errors = 0;
  const started = performance.now();
  const end = started + ms;
  await Promise.all(
    agents.map(async (agent) => {
      while (performance.now() < end) {
        const result = await get(port, path, agent);
        latencies.push(result.ms);
        if (!result.ok) errors += 1;
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  for (const agent of agents) agent.destroy();
  latencies.sort((a, b) => a - b);
  const mean = latencies.reduce((sum, ms) => sum + ms, 0) / latencies.length;
  return { requests: latencies.length, errors, rate: latencies.length / seconds, mean, p50: percentile(latencies, 50), p99: percentile(latencies, 99) };
}

/** Pagefind's own search script from the live folder, as the search page loads it from the server. */
async function livePagefind(folder, base, name) {
  const pagefind = await import(pathToFileURL(resolve(folder, name, 'pagefind.js')).href);
  await pagefind.options({ basePath: `${base}/search-index/${name}/`, baseUrl: '/' });
  return pagefind;
}

/**
 * Runs both measures against `<outDir>/server/entry.mjs` (src/cluster.mjs) on 127.0.0.1:`port`;
 * `lessonPath` is the MDX lesson page to compare with. Returns rows in run.mjs's table shape.
 */
export async function studioBench({ outDir, port, lessonPath }) {
  const row = (measure, value, target = '', ok = undefined) => ({ measure, value, target, result: ok === undefined ? '' : ok ? 'ok' : 'MISSED' });
  const { compileStudioLesson } = await project('../../src/lib/studio-mdx.ts');
  const { publishStudioCourse } = await project('../fixtures/studio-course.ts');
  const { insertPublishedStudioCourse } = await project('../integration/published-studio-course.ts');
  const search = await project('../../src/lib/server/search-index.ts');
  const { dataFolder } = await project('../../src/lib/server/data-dir.ts');
  const schema = await project('../../db/schema/index.ts');

  const { front, body } = mdxLesson(lessonPath);
  const outcome = compileStudioLesson(body);
  if (!outcome.ok) throw new Error(`compileStudioLesson refused ${lessonPath}: ${JSON.stringify(outcome.problems).slice(0, 500)}`);
  const compiled = outcome.value;

  const { base, client, stop, serverErrors } = await startBenchServer({ outDir, port, dbFile: DB_FILE });
  const rows = [];
  try {
    const db = drizzle(client, { schema });
    const site = resolve(outDir, 'client');
    const place = { db, folder: dataFolder(`file:${DB_FILE}`, 'search'), site };
    // The server builds the live index at start (src/cluster.mjs): let it finish before measuring.
    const deadline = Date.now() + SEARCH_LIMIT_MS;
    while (!search.readLiveIndex(place.folder) && Date.now() < deadline) await new Promise((done) => setTimeout(done, 200));

    // (a) the same lesson, as MDX and as a studio lesson.
    const studio = await publishStudioCourse(db, { title: '党性教育（工作室版）', theme: '党性教育', summary: '压测用：与 MDX 课同一篇课文。' }, [
      { title: front.title, summary: front.summary, minutes: front.minutes ?? null, paragraphs: [], compiled: { body, lesson: compiled } },
    ]);
    const studioPath = `/courses/${studio.slug}/${studio.lessonSlugs[0]}/`;
    await whenWritten(port, studioPath);
    const pages = { MDX: lessonPath, studio: studioPath };
    const html = {};
    for (const [kind, path] of Object.entries(pages)) {
      const page = await get(port, path);
      if (!page.ok) throw new Error(`GET ${path} failed: ${page.failure}\n${serverErrors()}`);
      html[kind] = page.body;
    }
    const text = (kind) => `${(html[kind].length / 1024).toFixed(1)} KB / ${(gzipSync(html[kind]).length / 1024).toFixed(1)} KB`;
    rows.push(row(`studio vs MDX lesson (${lessonPath}): HTML raw / gzip, MDX`, text('MDX')));
    rows.push(row(`studio vs MDX lesson: HTML raw / gzip, studio (${studioPath})`, text('studio')));
    const sizeRatio = gzipSync(html.studio).length / gzipSync(html.MDX).length;
    rows.push(row('studio vs MDX lesson: HTML gzip, studio / MDX', `${sizeRatio.toFixed(2)}×`));

    const load = {};
    for (const [kind, path] of Object.entries(pages)) load[kind] = await readLoad(port, path);
    // The ceiling: the same studio page from a plain node:http server, in the same run.
    writeFileSync(BARE_PAGE, html.studio);
    process.env.BARE_PAGE_FILE = BARE_PAGE;
    const bare = await startBenchServer({ outDir, port: port + 1, dbFile: 'tests/.tmp/bench/bare-page.db', script: 'tests/bench/bare-page-server.mjs' });
    try {
      load.bare = await readLoad(port + 1, studioPath);
    } finally {
      await bare.stop();
    }
    for (const kind of ['MDX', 'studio', 'bare']) {
      const l = load[kind];
      rows.push(
        row(
          `${kind === 'bare' ? 'bare node:http ceiling, studio' : kind} lesson, ${READERS} readers back to back (${READ_MS / 1000} s): per request mean / p50 / p99`,
          `${l.mean.toFixed(1)} / ${l.p50.toFixed(1)} / ${l.p99.toFixed(1)} ms, ${l.rate.toFixed(0)} pages/s, ${l.errors} errors of ${l.requests}`,
          '0 errors',
          l.errors === 0,
        ),
      );
    }
    const alone = {};
    for (const [kind, path] of Object.entries(pages)) alone[kind] = await readLoad(port, path, 1, ALONE_MS);
    rows.push(
      row(
        `one reader at a time (${ALONE_MS / 1000} s each): p50 MDX / studio`,
        `${alone.MDX.p50.toFixed(1)} / ${alone.studio.p50.toFixed(1)} ms (${(alone.studio.p50 / alone.MDX.p50).toFixed(2)}×)`,
      ),
    );
    // Where a studio page's time goes: the same layout around a one-paragraph body.
    const short = await publishStudioCourse(db, { title: '短课（压测用）', theme: '党性教育' }, [{ title: front.title, summary: front.summary, paragraphs: ['只有一段话的一课。'] }]);
    await whenWritten(port, `/courses/${short.slug}/${short.lessonSlugs[0]}/`);
    const layoutOnly = await readLoad(port, `/courses/${short.slug}/${short.lessonSlugs[0]}/`, 1, ALONE_MS);
    rows.push(row('one reader at a time: p50 of a studio lesson with a one-paragraph body (layout, lookup)', `${layoutOnly.p50.toFixed(1)} ms`));
    const ratio = load.studio.mean / load.MDX.mean;
    rows.push(
      row(
        'studio / MDX lesson: server time per request (mean; p50)',
        `${ratio.toFixed(2)}× (p50 ${(load.studio.p50 / load.MDX.p50).toFixed(2)}×; pages/s ${(load.MDX.rate / load.studio.rate).toFixed(2)}× fewer)`,
        `≤ ${RATIO_TARGET}×`,
        ratio <= RATIO_TARGET,
      ),
    );
    rows.push(
      row(
        'studio / bare ceiling; MDX / bare ceiling: server time per request (mean)',
        `${(load.studio.mean / load.bare.mean).toFixed(2)}×; ${(load.MDX.mean / load.bare.mean).toFixed(2)}× (p50 ${(load.studio.p50 / load.bare.p50).toFixed(2)}×; ${(load.MDX.p50 / load.bare.p50).toFixed(2)}×)`,
      ),
    );

    // (b) publish a 10-lesson course, then ask the live index for it until one of its lessons is found.
    const token = `xgbench${Date.now().toString(36)}`;
    const started = performance.now();
    const course = await insertPublishedStudioCourse(db, {
      title: '检索压测课',
      theme: '党性教育',
      summary: '压测用：发布后多久能搜到。',
      lessons: Array.from({ length: SEARCH_LESSONS }, (_, index) => ({
        title: `检索压测第${index + 1}课`,
        text: `${body.slice(0, 2000)}\n本课的检索记号是 ${token}${index + 1}。`,
      })),
    });
    const published = performance.now();
    await search.refreshLiveSearchIndex(place);
    const rebuilt = performance.now();
    const wanted = course.lessonUrls[SEARCH_LESSONS - 1];
    let found = false;
    while (!found && performance.now() - started < SEARCH_LIMIT_MS) {
      const live = search.readLiveIndex(place.folder);
      if (live) {
        const pagefind = await livePagefind(place.folder, base, live.name);
        const { results } = await pagefind.search(`${token}${SEARCH_LESSONS}`);
        const urls = await Promise.all(results.map(async (result) => (await result.data()).url));
        found = urls.includes(wanted);
      }
      if (!found) await new Promise((done) => setTimeout(done, 200));
    }
    const total = (performance.now() - started) / 1000;
    rows.push(
      row(
        `publish-to-searchable, ${SEARCH_LESSONS}-lesson studio course (insert, rebuild, search finds its lesson)`,
        found
          ? `${total.toFixed(1)} s (insert ${((published - started) / 1000).toFixed(2)} s, rebuild of the live index ${((rebuilt - published) / 1000).toFixed(1)} s)`
          : `not found within ${SEARCH_LIMIT_MS / 1000} s`,
        'found within seconds',
        found,
      ),
    );
    return rows;
  } finally {
    await stop();
  }
}
