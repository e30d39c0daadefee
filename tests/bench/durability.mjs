// `npm run bench -- --only durability`: what SQLite's `synchronous` costs (DB_SYNCHRONOUS, issue 14
// item 3). First the bare price of a commit on this disk, one row per transaction and 200 rows per
// transaction (what group commit makes of a burst); then the progress-write load of progress-load.mjs
// against the production cluster, once with NORMAL and once with FULL, side by side. The README's
// 断电时会丢什么 section explains the choice made from these figures.
import { mkdirSync, rmSync } from 'node:fs';
import Database from 'libsql';
import { progressLoad } from './progress-load.mjs';

const MODES = ['NORMAL', 'FULL'];
const SINGLE_COMMITS = 300;
const BATCHES = 30;
const BATCH_ROWS = 200;

/** Milliseconds per commit of `rows` rows, over `commits` commits, on a WAL database with `mode`. */
function commitCost(mode, commits, rows) {
  mkdirSync('tests/.tmp/bench', { recursive: true });
  const file = `tests/.tmp/bench/sync-${mode}.db`;
  for (const suffix of ['', '-wal', '-shm']) rmSync(`${file}${suffix}`, { force: true });
  const db = new Database(file);
  try {
    db.exec(`PRAGMA journal_mode = WAL; PRAGMA synchronous = ${mode}; CREATE TABLE beats (user_id INTEGER, lesson TEXT, at INTEGER)`);
    const insert = db.prepare('INSERT INTO beats VALUES (?, ?, ?)');
    const started = performance.now();
    for (let commit = 0; commit < commits; commit++) {
      db.exec('BEGIN');
      for (let row = 0; row < rows; row++) insert.run(row, 'party-spirit/constitution-and-oath', Date.now());
      db.exec('COMMIT');
    }
    return (performance.now() - started) / commits;
  } finally {
    db.close();
  }
}

/** Appends its rows to `rows` as it goes, so the commit costs stay in the table if the load fails. */
export async function durabilityBench({ outDir, port, rows }) {
  for (const mode of MODES) {
    const single = commitCost(mode, SINGLE_COMMITS, 1);
    const batch = commitCost(mode, BATCHES, BATCH_ROWS);
    rows.push({
      measure: `synchronous=${mode}: one commit on this disk, 1 row / ${BATCH_ROWS} rows (group commit)`,
      value: `${single.toFixed(2)} ms / ${batch.toFixed(2)} ms (${((1000 * BATCH_ROWS) / batch).toFixed(0)} rows/s)`,
      target: '',
      result: '',
    });
  }
  const capacity = {};
  const previous = process.env.DB_SYNCHRONOUS;
  try {
    for (const mode of MODES) {
      // The cluster reads DB_SYNCHRONOUS from the environment it is started with (config.ts).
      process.env.DB_SYNCHRONOUS = mode;
      const load = await progressLoad({ outDir, port });
      capacity[mode] = load.capacityRate;
      // The 1,500/s targets of the progress issue are retired (issue 14): figures only.
      rows.push(...load.rows.map((row) => ({ ...row, measure: `synchronous=${mode}: ${row.measure}`, target: '', result: '' })));
    }
  } finally {
    if (previous === undefined) delete process.env.DB_SYNCHRONOUS;
    else process.env.DB_SYNCHRONOUS = previous;
  }
  rows.push({
    measure: 'progress write capacity, FULL / NORMAL',
    value: `${((100 * capacity.FULL) / capacity.NORMAL).toFixed(0)} %`,
    target: '',
    result: '',
  });
}
