// `npm run bench -- --only mixed` (issue 14 item 6): the mixed load of mixed-load.mjs against the
// production cluster and against the bare ceiling, each with synchronous=FULL (the default) and
// NORMAL, then again against the cluster restarted from a restored backup:
//  1. the site, FULL; when its load ends, `npm run backup` while it still serves, then it stops;
//  2. the ceiling, FULL;  3. the site, NORMAL;  4. the ceiling, NORMAL;
//  5. `npm run restore <backup>` into a new data folder (the secret key put back beside it, as the
//     README tells the operator), the rows compared with the live database's at the backup, and the
//     site served from it to the same people, with the sessions they had.
// Appends its rows to `rows` as it goes, so a failed run leaves the others' figures in the table.
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, readdirSync, rmSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join, resolve } from 'node:path';
import { createClient } from '@libsql/client';
import { KINDS, mixedLoad } from './mixed-load.mjs';

/** Rows whose counts must match between the live database at the backup and the restored one. */
const COUNTED = ['users', 'sessions', 'lesson_progress', 'contest_attempts', 'attempt_events'];
const ms = (value) => `${value.toFixed(0)} ms`;
const pct = (part, whole) => `${((100 * part) / whole).toFixed(0)} %`;

async function countRows(client) {
  const counts = {};
  for (const table of COUNTED) counts[table] = Number((await client.execute(`SELECT count(*) AS n FROM ${table}`)).rows[0]?.n ?? 0);
  return counts;
}

/** `npm run <script> [-- args]` on the database `dbFile`; throws with its output when it fails. */
function npmRun(script, dbFile, args = []) {
  const { XG_DEMO: _demo, ...env } = process.env;
  const started = performance.now();
  const result = spawnSync('npm', ['run', '--silent', script, ...(args.length ? ['--', ...args] : [])], {
    env: { ...env, DATABASE_URL: `file:${dbFile}` },
    encoding: 'utf8',
  });
  if (result.status !== 0) throw new Error(`npm run ${script} failed (${result.status}):\n${result.stdout}\n${result.stderr}`);
  return (performance.now() - started) / 1000;
}

function runRows(label, f) {
  const cores = availableParallelism();
  const failures = KINDS.flatMap(({ kind }) => [...f.byKind[kind].failures].map(([failure, n]) => `${kind}: ${failure} ×${n}`));
  const row = (measure, value, target = '', ok = undefined) => ({ measure: `mixed load, ${label}: ${measure}`, value, target, result: ok === undefined ? '' : ok ? 'ok' : 'MISSED' });
  return [
    row('throughput', `${f.throughput.toFixed(0)} requests/s (${f.requests} in ${f.seconds.toFixed(1)} s, ${f.users} people)`),
    row('latency p50 / p95 / p99', `${f.p50.toFixed(0)} / ${f.p95.toFixed(0)} / ${f.p99.toFixed(0)} ms`),
    row('p99 by kind', KINDS.map(({ kind }) => `${kind} ${f.byKind[kind].p99.toFixed(0)}`).join(' · ') + ' ms'),
    row(
      'errors',
      `${f.errors} of ${f.requests}${failures.length ? ` (${failures.join(', ')})` : ''}${f.retried ? `; ${f.retried} page reads sent again after the server closed an idle connection, as browsers do` : ''}`,
      '0',
      f.errors === 0,
    ),
    row('accepted writes missing from the database', `${f.lost}${f.lost ? ` (progress ${f.lostDetail.progress}, answers ${f.lostDetail.answers})` : ''}`, '0', f.lost === 0),
    row('load generator CPU', `${(100 * f.loadCpu).toFixed(0)} % of one core (${((100 * f.loadCpu) / cores).toFixed(0)} % of the ${cores} cores; machine load ${f.machineLoad.toFixed(1)})`),
    ...(f.serverCpuPerRequest === null
      ? []
      : [row('server CPU per request (all its processes)', `${f.serverCpuPerRequest.toFixed(2)} ms (the server used ${(100 * f.serverCpu).toFixed(0)} % of one core)`)]),
  ];
}

/** One mixedLoad run into `runs[name]`, its rows into `rows`; a failure becomes a row, not an exception. */
export async function run(name, label, rows, runs, options) {
  try {
    runs[name] = await mixedLoad(options);
    rows.push(...runRows(label, runs[name].figures));
  } catch (error) {
    console.error(`mixed load (${label}) failed:`, error);
    rows.push({ measure: `mixed load, ${label}`, value: `failed: ${String(error?.message ?? error).split('\n')[0]}`, target: 'completes', result: 'MISSED' });
  }
}

export async function mixedBench({ outDir, port, seconds = 60, users = 300, tmp, rows }) {
  const dir = resolve(tmp, 'mixed');
  rmSync(dir, { recursive: true, force: true });
  const common = { outDir, seconds, users };
  const runs = {};
  const liveDb = join(dir, 'site-full', 'xiaguang.db');
  const backup = {};

  await run('siteFull', 'site (cluster), synchronous=FULL', rows, runs, {
    ...common,
    port,
    dbFile: liveDb,
    env: { DB_SYNCHRONOUS: 'FULL' },
    // An online backup while the site still serves; the load has ended, so every acknowledged write is in it.
    beforeStop: async (client) => {
      backup.counts = await countRows(client);
      backup.seconds = npmRun('backup', liveDb);
      const folder = join(dir, 'site-full', 'backups');
      backup.file = join(folder, readdirSync(folder).filter((file) => file.endsWith('.tar')).sort().at(-1) ?? '');
    },
  });
  await run('bareFull', 'bare ceiling, synchronous=FULL', rows, runs, { ...common, port: port + 1, bare: true, dbFile: join(dir, 'bare-full', 'xiaguang.db'), env: { DB_SYNCHRONOUS: 'FULL' } });
  await run('siteNormal', 'site (cluster), synchronous=NORMAL', rows, runs, { ...common, port, dbFile: join(dir, 'site-normal', 'xiaguang.db'), env: { DB_SYNCHRONOUS: 'NORMAL' } });
  await run('bareNormal', 'bare ceiling, synchronous=NORMAL', rows, runs, { ...common, port: port + 1, bare: true, dbFile: join(dir, 'bare-normal', 'xiaguang.db'), env: { DB_SYNCHRONOUS: 'NORMAL' } });

  if (runs.siteFull && backup.file?.endsWith('.tar')) {
    try {
      const restoredDb = join(dir, 'restored', 'xiaguang.db');
      const restoreSeconds = npmRun('restore', restoredDb, [backup.file]);
      // The secret key is never in a backup: the operator puts it back from where it is kept.
      const key = join(dir, 'site-full', 'secret.key');
      if (existsSync(key)) copyFileSync(key, join(dir, 'restored', 'secret.key'));
      const client = createClient({ url: `file:${restoredDb}` });
      const counts = await countRows(client);
      client.close();
      const same = COUNTED.every((table) => counts[table] === backup.counts[table]);
      rows.push({
        measure: 'mixed load: rows committed before the backup, found in the restored database',
        value: COUNTED.map((table) => `${table} ${counts[table]}/${backup.counts[table]}`).join(', '),
        target: 'all',
        result: same ? 'ok' : 'MISSED',
      });
      await run('restored', 'site restarted from the restored backup, FULL', rows, runs, {
        ...common,
        port: port + 2,
        dbFile: restoredDb,
        env: { DB_SYNCHRONOUS: 'FULL' },
        setup: runs.siteFull.setup,
      });
      const restarted = runs.restored?.figures;
      const start = restarted ? `; the site answering ${restarted.startSeconds.toFixed(1)} s after its start, its search index rebuilt after ${restarted.indexSeconds.toFixed(1)} s` : '';
      rows.push({ measure: 'mixed load: backup while serving, restore into a new data folder, restart', value: `backup ${backup.seconds.toFixed(1)} s, restore ${restoreSeconds.toFixed(1)} s${start}`, target: '', result: '' });
    } catch (error) {
      console.error('mixed load: backup and restore failed:', error);
      rows.push({ measure: 'mixed load after a restore from backup', value: `failed: ${String(error?.message ?? error).split('\n')[0]}`, target: 'completes', result: 'MISSED' });
    }
  }

  // Side by side.
  const f = (name) => runs[name]?.figures;
  for (const mode of ['Full', 'Normal']) {
    const site = f(`site${mode}`);
    const bare = f(`bare${mode}`);
    if (!site || !bare) continue;
    const ratio = site.throughput / bare.throughput;
    rows.push({
      measure: `mixed load, site / bare ceiling, synchronous=${mode.toUpperCase()}: throughput`,
      value: `${pct(site.throughput, bare.throughput)} (${site.throughput.toFixed(0)} vs ${bare.throughput.toFixed(0)} requests/s)`,
      target: '≥ 50 %',
      result: ratio >= 0.5 ? 'ok' : 'MISSED',
    });
    rows.push({ measure: `mixed load, site vs bare ceiling, synchronous=${mode.toUpperCase()}: p99`, value: `${ms(site.p99)} vs ${ms(bare.p99)} (${(site.p99 / bare.p99).toFixed(1)}×)`, target: '', result: '' });
    if (site.serverCpuPerRequest !== null && bare.serverCpuPerRequest !== null) {
      // Steadier than throughput on a shared machine: what a request costs each server in CPU.
      rows.push({
        measure: `mixed load, bare ceiling / site, synchronous=${mode.toUpperCase()}: server CPU per request`,
        value: `${pct(bare.serverCpuPerRequest, site.serverCpuPerRequest)} (${bare.serverCpuPerRequest.toFixed(2)} vs ${site.serverCpuPerRequest.toFixed(2)} ms)`,
        target: '',
        result: '',
      });
    }
  }
  for (const [who, full, normal] of [['site', f('siteFull'), f('siteNormal')], ['bare ceiling', f('bareFull'), f('bareNormal')]]) {
    if (!full || !normal) continue;
    rows.push({
      measure: `mixed load, ${who}: synchronous=NORMAL vs FULL`,
      value: `NORMAL ${normal.throughput.toFixed(0)} requests/s, p99 ${ms(normal.p99)} · FULL ${full.throughput.toFixed(0)} requests/s, p99 ${ms(full.p99)} (FULL ${pct(full.throughput, normal.throughput)} of NORMAL)`,
      target: '',
      result: '',
    });
  }
  if (f('restored') && f('siteFull')) {
    const [after, before] = [f('restored'), f('siteFull')];
    rows.push({
      measure: 'mixed load, site after the restore vs before: throughput, p99',
      value: `${after.throughput.toFixed(0)} vs ${before.throughput.toFixed(0)} requests/s (${pct(after.throughput, before.throughput)}); p99 ${ms(after.p99)} vs ${ms(before.p99)}`,
      target: '',
      result: '',
    });
  }
  rmSync(dir, { recursive: true, force: true });
}
