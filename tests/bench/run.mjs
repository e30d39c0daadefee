// `npm run bench`: page weight of a lesson, progress writes under load from 300 learners, a
// 1,000-question import, a 知识竞赛 taken by 500 contestants at once, 300 people signing up for a
// 200-seat screening, and build time and search-index size for the real content and for 1,000
// generated lessons. Prints a table with each figure beside its target.
// `node tests/bench/run.mjs --only signup` (or BENCH_ONLY=signup) builds the real content and runs
// only the sign-up load and its bare ceiling; `--only help` only weighs the practice phone's JS on a
// guide page with practice and on one without; `--only studio` compares a studio lesson with the
// MDX lesson of the same text and times publish-to-searchable (tests/bench/studio-bench.mjs);
// `--only docx` previews and imports a 1,000-question Word document (tests/bench/question-docx.mjs);
// `--only sheets` previews and re-checks a 1,000-row file that needs column matching (sheet-import.mjs).
// `--only durability` measures synchronous=NORMAL against FULL (tests/bench/durability.mjs).
// `--only mixed` runs the mixed load of issue 14 (tests/bench/mixed-bench.mjs): 300 signed-in people
// for 60 s against the cluster and the bare ceiling, FULL and NORMAL, and after a restore from backup.
// `--only scale` runs the same mixed load (48 people, 10 s each) against one process, the cluster
// of two, and two app servers behind an alternating proxy (tests/bench/scale-out.mjs; README,
// 扩展到多台服务器).
// Options: `--seconds N` (each mixed or scale run; e.g. 5 for a smoke run), `--users N` (default
// 300 for mixed, 48 for scale), `--build <dir>` (serve that existing build, e.g. dist, instead of
// building the real content), `--port N` (the mixed runs' first of three ports, default 4441).
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { chromium } from '@playwright/test';
import { generateContent } from './generate-content.mjs';
import { contestLoad } from './contest-load.mjs';
import { progressLoad } from './progress-load.mjs';
import { questionImport } from './question-import.mjs';
import { signupLoad } from './signup-load.mjs';
import { studioBench } from './studio-bench.mjs';
import { questionDocxImport } from './question-docx.mjs';
import { sheetImport } from './sheet-import.mjs';
import { durabilityBench } from './durability.mjs';
import { mixedBench } from './mixed-bench.mjs';
import { scaleOut } from './scale-out.mjs';

/** BENCH_TMP: a run's scratch folder (a smoke test uses its own beside a real run's). */
const TMP = process.env.BENCH_TMP || 'tests/.tmp/bench';
const PORT = 4339;
const LOAD_PORT = 4341;
const IMPORT_PORT = 4342;
const CONTEST_PORT = 4343;
const SIGNUP_PORT = 4350;
const SIGNUP_BARE_PORT = 4351;
const STUDIO_PORT = 4360;
const DOCX_PORT = 4370;
const SHEETS_PORT = 4371;
const DURABILITY_PORT = 4372;
/** The scale-out part's server, or its alternating proxy with the two servers on the next two ports. */
const SCALE_PORT = 4373;
const ONLY_PARTS = ['signup', 'help', 'studio', 'docx', 'sheets', 'durability', 'mixed', 'scale'];
const onlyAt = process.argv.indexOf('--only');
const only = onlyAt >= 0 ? process.argv[onlyAt + 1] : process.env.BENCH_ONLY || undefined;
if (only !== undefined && !ONLY_PARTS.includes(only)) {
  console.error(`--only takes one of: ${ONLY_PARTS.join(', ')}`);
  process.exit(2);
}
/** `--name N`: a whole number of at least 1, or `fallback` when the option is absent. */
function numberOption(name, fallback) {
  const at = process.argv.indexOf(`--${name}`);
  if (at < 0) return fallback;
  const value = Number(process.argv[at + 1]);
  if (!Number.isInteger(value) || value < 1) {
    console.error(`--${name} takes a whole number of at least 1`);
    process.exit(2);
  }
  return value;
}
const MIXED_SECONDS = numberOption('seconds', 60);
const MIXED_USERS = numberOption('users', 300);
const MIXED_PORT = numberOption('port', 4441);
const SCALE_SECONDS = numberOption('seconds', 10);
const SCALE_USERS = numberOption('users', 48);
const buildAt = process.argv.indexOf('--build');
const existingBuild = buildAt >= 0 ? process.argv[buildAt + 1] : undefined;
if (buildAt >= 0 && !existsSync(join(existingBuild ?? '', 'server/entry.mjs'))) {
  console.error(`--build takes a build folder with server/entry.mjs (run npm run build first for dist)`);
  process.exit(2);
}
const part = (name) => only === undefined || only === name;
const LESSON = '/courses/party-spirit/constitution-and-oath/';
const rows = [];
const kb = (bytes) => `${(bytes / 1024).toFixed(1)} KB`;
const record = (measure, value, target = '', ok = undefined) =>
  rows.push({ measure, value, target, result: ok === undefined ? '' : ok ? 'ok' : 'MISSED' });

function dirSize(dir) {
  let total = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    total += entry.isDirectory() ? dirSize(path) : statSync(path).size;
  }
  return total;
}

/** A full production build (Astro, then Pagefind) of `contentDir` into `outDir`; returns seconds. */
function build(contentDir, outDir) {
  rmSync(outDir, { recursive: true, force: true });
  const env = { ...process.env, CONTENT_DIR: contentDir, OUT_DIR: outDir, ASTRO_CACHE_DIR: `${outDir}-cache` };
  rmSync(env.ASTRO_CACHE_DIR, { recursive: true, force: true });
  const started = process.hrtime.bigint();
  for (const [command, args] of [
    ['astro', ['build', '--silent']],
    ['pagefind', ['--site', join(outDir, 'client'), '--quiet']],
  ]) {
    const result = spawnSync(command, args, { env, encoding: 'utf8' });
    if (result.status !== 0) throw new Error(`${command} failed:\n${result.stdout}\n${result.stderr}`);
  }
  return Number(process.hrtime.bigint() - started) / 1e9;
}

/**
 * Loads a page in Chromium and sums what it downloads, by kind, raw and gzipped. `island` also
 * scrolls to every island (or the end), waits until each has hydrated and reports, as `island`, the scripts
 * that loaded only then plus Astro's inline island loader: what a React island costs the page.
 */
async function pageWeight(outDir, path, { island = false } = {}) {
  const server = spawn(process.execPath, [join(outDir, 'server/entry.mjs')], {
    env: { ...process.env, HOST: '127.0.0.1', PORT: String(PORT), DATABASE_URL: `file:${TMP}/bench.db` },
    stdio: 'ignore',
  });
  try {
    for (let i = 0; i < 100; i += 1) {
      const up = await fetch(`http://127.0.0.1:${PORT}/api/health`).then((r) => r.ok).catch(() => false);
      if (up) break;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    const browser = await chromium.launch({
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'],
    });
    const page = await browser.newPage();
    const bodies = [];
    page.on('response', (response) => {
      bodies.push(response.body().then((body) => ({ type: response.request().resourceType(), body })).catch(() => null));
    });
    await page.goto(`http://127.0.0.1:${PORT}${path}`, { waitUntil: 'networkidle' });
    const beforeScroll = bodies.length;
    if (island) {
      // client:visible islands hydrate once on screen: bring each one there, or the page's end.
      await page.evaluate(() => {
        const islands = [...document.querySelectorAll('astro-island')];
        if (islands.length === 0) window.scrollTo(0, document.documentElement.scrollHeight);
        // An island is display: contents (no box of its own): scroll to what it drew.
        for (const island of islands) (island.firstElementChild ?? island.parentElement)?.scrollIntoView();
      });
      // Astro removes `ssr` from an island once it has hydrated.
      await page.waitForFunction(() => !document.querySelector('astro-island[ssr]'));
    }
    const loaded = (await Promise.all(bodies)).filter(Boolean);
    const late = (await Promise.all(bodies.slice(beforeScroll))).filter((item) => item?.type === 'script');
    await browser.close();
    const html = loaded.find((item) => item.type === 'document')?.body.toString('utf8') ?? '';
    const inlineCss = [...html.matchAll(/<style[^>]*>([\s\S]*?)<\/style>/g)].map((m) => m[1]).join('');
    const inlineScripts = [...html.matchAll(/<script(?![^>]*\bsrc=)[^>]*>([\s\S]*?)<\/script>/g)].map((m) => m[1]);
    const inlineJs = inlineScripts.join('');
    const islandLoader = inlineScripts.filter((script) => script.includes('astro-island')).join('');
    const sum = (types) => {
      const items = loaded.filter((item) => types.includes(item.type));
      return {
        raw: items.reduce((total, item) => total + item.body.length, 0),
        gzip: items.reduce((total, item) => total + gzipSync(item.body).length, 0),
      };
    };
    return {
      requests: loaded.length,
      html: sum(['document']),
      css: sum(['stylesheet']),
      js: sum(['script']),
      inlineCss: { raw: Buffer.byteLength(inlineCss), gzip: gzipSync(inlineCss).length },
      inlineJs: { raw: Buffer.byteLength(inlineJs), gzip: gzipSync(inlineJs).length },
      island: {
        islands: (html.match(/<astro-island/g) ?? []).length,
        lateScripts: late.length,
        gzip: late.reduce((total, item) => total + gzipSync(item.body).length, 0) + (islandLoader ? gzipSync(islandLoader).length : 0),
      },
    };
  } finally {
    server.kill();
  }
}

rmSync(TMP, { recursive: true, force: true });

const realOut = existingBuild ?? `${TMP}/real`;
const realSeconds = existingBuild ? NaN : build('./content', realOut);
const lessonCount = readdirSync('content/courses').flatMap((course) =>
  readdirSync(join('content/courses', course)).filter((file) => /^\d\d-/.test(file)),
).length;
if (part('full')) {
  record(`build, real content (${lessonCount} lessons)`, existingBuild ? `not timed (--build ${existingBuild})` : `${realSeconds.toFixed(1)} s`);
  record('Pagefind index, real content', kb(dirSize(join(realOut, 'client/pagefind'))));

  const weight = await pageWeight(realOut, LESSON);
  const htmlCssGzip = weight.html.gzip + weight.css.gzip;
  const jsGzip = weight.js.gzip + weight.inlineJs.gzip;
  record('lesson page: requests', String(weight.requests));
  record('lesson page: HTML (with inline CSS) raw / gzip', `${kb(weight.html.raw)} / ${kb(weight.html.gzip)}`);
  record('  of which inline CSS raw / gzip', `${kb(weight.inlineCss.raw)} / ${kb(weight.inlineCss.gzip)}`);
  record('lesson page: CSS files raw / gzip', `${kb(weight.css.raw)} / ${kb(weight.css.gzip)}`);
  record('lesson page: JS raw / gzip (files + inline)', `${kb(weight.js.raw + weight.inlineJs.raw)} / ${kb(jsGzip)}`, '≤ 15 KB gzip', jsGzip <= 15 * 1024);
  record('lesson page: HTML + CSS gzip', kb(htmlCssGzip), '≤ 25 KB gzip', htmlCssGzip <= 25 * 1024);

  // Its own server and database; progressLoad stops the server whether it succeeds or throws.
  try {
    const astro = await progressLoad({ outDir: realOut, port: LOAD_PORT });
    rows.push(...astro.rows);
    // The ceiling: the same database work in a plain node:http server (tests/bench/bare-server.ts).
    const bare = await progressLoad({ outDir: realOut, port: LOAD_PORT, bare: true });
    rows.push(...bare.rows);
    record('progress writes: capacity of the site / of the bare ceiling', `${((100 * astro.capacityRate) / bare.capacityRate).toFixed(0)} %`);
  } catch (error) {
    console.error('progress-write load failed:', error);
    record('progress writes under load', `failed: ${String(error?.message ?? error).split('\n')[0]}`, 'completes', false);
  }

  try {
    rows.push(...(await questionImport({ outDir: realOut, port: IMPORT_PORT })));
  } catch (error) {
    console.error('question import failed:', error);
    record('question import', `failed: ${String(error?.message ?? error).split('\n')[0]}`, 'completes', false);
  }

  try {
    rows.push(...(await contestLoad({ outDir: realOut, port: CONTEST_PORT })));
  } catch (error) {
    console.error('contest load failed:', error);
    record('contest under load (500 contestants)', `failed: ${String(error?.message ?? error).split('\n')[0]}`, 'completes', false);
  }
}

if (part('help')) {
  // The practice phone (ISSUE 12): React and the island load only on a guide with a practice
  // scenario, only when scrolled to; a guide without one ships no React at all.
  const guides = readdirSync('content/help').filter((file) => file.endsWith('.mdx')).map((file) => file.replace(/\.mdx$/, ''));
  const hasPractice = (guide) => existsSync(join('content/help', `${guide}.practice.yaml`));
  const withPractice = guides.find(hasPractice);
  const withoutPractice = guides.find((guide) => !hasPractice(guide));
  if (withPractice) {
    const weight = await pageWeight(realOut, `/help/${withPractice}/`, { island: true });
    record(`guide with practice (${withPractice}): practice phone JS gzip, React included`, kb(weight.island.gzip), '≤ 90 KB gzip', weight.island.islands === 1 && weight.island.lateScripts > 0 && weight.island.gzip <= 90 * 1024);
  } else {
    record('guide with practice: practice phone JS', 'no guide with practice in content/help');
  }
  if (withoutPractice) {
    const weight = await pageWeight(realOut, `/help/${withoutPractice}/`, { island: true });
    record(`guide without practice (${withoutPractice}): React / island JS gzip`, kb(weight.island.gzip), '0', weight.island.islands === 0 && weight.island.gzip === 0);
  } else {
    record('guide without practice: React / island JS', 'no guide without practice in content/help');
  }
}

if (part('signup')) {
  try {
    const site = await signupLoad({ outDir: realOut, port: SIGNUP_PORT });
    rows.push(...site.rows);
    // The ceiling: signUp() from the engine in a plain node:http server (tests/bench/bare-server.ts).
    const bare = await signupLoad({ outDir: realOut, port: SIGNUP_BARE_PORT, bare: true });
    rows.push(...bare.rows);
    record(
      'sign-up: the site / the bare ceiling',
      `p50 ${(site.p50 / bare.p50).toFixed(2)}×, p99 ${(site.p99 / bare.p99).toFixed(2)}× the latency; burst throughput ${((100 * site.burstRate) / bare.burstRate).toFixed(0)} %`,
    );
  } catch (error) {
    console.error('sign-up load failed:', error);
    record('sign-up under load (300 people, 200 seats)', `failed: ${String(error?.message ?? error).split('\n')[0]}`, 'completes', false);
  }
}

if (part('studio')) {
  try {
    rows.push(...(await studioBench({ outDir: realOut, port: STUDIO_PORT, lessonPath: LESSON })));
  } catch (error) {
    console.error('studio bench failed:', error);
    record('studio lesson vs MDX lesson, publish-to-searchable', `failed: ${String(error?.message ?? error).split('\n')[0]}`, 'completes', false);
  }
}

if (part('docx')) {
  try {
    rows.push(...(await questionDocxImport({ outDir: realOut, port: DOCX_PORT })));
  } catch (error) {
    console.error('Word question import failed:', error);
    record('question import from .docx', `failed: ${String(error?.message ?? error).split('\n')[0]}`, 'completes', false);
  }
}

if (part('sheets')) {
  // Issue 16: a 1,000-row file that needs column matching, previewed and re-checked.
  try {
    rows.push(...(await sheetImport({ outDir: realOut, port: SHEETS_PORT })));
    // The template's import on the same machine at the same moment, for comparison.
    if (only === 'sheets') rows.push(...(await questionImport({ outDir: realOut, port: IMPORT_PORT })));
  } catch (error) {
    console.error('sheet import failed:', error);
    record('sheet import with column matching', `failed: ${String(error?.message ?? error).split('\n')[0]}`, 'completes', false);
  }
}

if (part('scale')) {
  // Issue 14, item 5: what a second process adds, in one cluster or as a second server behind a
  // proxy; its own rows as it goes, a failed run a MISSED row.
  await scaleOut({ outDir: realOut, port: SCALE_PORT, seconds: SCALE_SECONDS, users: SCALE_USERS, tmp: TMP, rows });
}

if (part('durability')) {
  // SQLite's synchronous NORMAL vs FULL (tests/bench/durability.mjs; DB_SYNCHRONOUS).
  try {
    await durabilityBench({ outDir: realOut, port: DURABILITY_PORT, rows });
  } catch (error) {
    console.error('durability bench failed:', error);
    record('synchronous NORMAL vs FULL', `failed: ${String(error?.message ?? error).split('\n')[0]}`, 'completes', false);
  }
}

if (part('mixed')) {
  // Issue 14 item 6: its own rows as it goes; a failed run becomes a MISSED row.
  await mixedBench({ outDir: realOut, port: MIXED_PORT, seconds: MIXED_SECONDS, users: MIXED_USERS, tmp: TMP, rows });
}

if (part('full')) {
  const generatedDir = `${TMP}/generated-content`;
  const generated = generateContent(generatedDir, { courses: 20, lessonsPerCourse: 50 });
  const bigOut = `${TMP}/generated`;
  const bigSeconds = build(generatedDir, bigOut);
  record(`build, ${generated} generated lessons`, `${bigSeconds.toFixed(1)} s`, '< 60 s', bigSeconds < 60);
  record(`Pagefind index, ${generated} generated lessons`, kb(dirSize(join(bigOut, 'client/pagefind'))));
  const bigLesson = readFileSync(join(bigOut, 'client/courses/course-1/lesson-25/index.html'));
  const realLesson = readFileSync(join(realOut, `client${LESSON}index.html`));
  const growth = gzipSync(bigLesson).length - gzipSync(realLesson).length;
  record(
    'lesson HTML gzip, 1,000-lesson site vs real site',
    `${kb(gzipSync(bigLesson).length)} vs ${kb(gzipSync(realLesson).length)}`,
    'no growth with lesson count',
    Math.abs(growth) < 2 * 1024,
  );
}

const width = Math.max(...rows.map((row) => row.measure.length));
const valueWidth = Math.max(...rows.map((row) => row.value.length));
console.log(`\n${'measure'.padEnd(width)} | ${'value'.padEnd(valueWidth)} | target | result`);
console.log(`${'-'.repeat(width)}-|-${'-'.repeat(valueWidth)}-|--------|-------`);
for (const row of rows) console.log(`${row.measure.padEnd(width)} | ${row.value.padEnd(valueWidth)} | ${row.target} | ${row.result}`);
rmSync(TMP, { recursive: true, force: true });
if (rows.some((row) => row.result === 'MISSED')) process.exitCode = 1;
