// The mixed-load benchmark (issue 14 item 6) runs end to end in a short smoke run: 3 s per run,
// 20 people, over the build in dist/ (npm test builds first). Not timed: it checks that every run
// completes and the table has its rows, that no accepted write is missing and that the restored
// database holds every row committed before the backup; only the throughput goal may be missed on a
// busy machine.
import { spawn } from 'node:child_process';
import { existsSync, rmSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';

const TMP = 'tests/.tmp/bench-smoke';
/** The bench's ports are 4441–4449: the smoke run takes 4446–4448, beside a full run's 4441–4443. */
const PORT = 4446;

function runBench(): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['tests/bench/run.mjs', '--only', 'mixed', '--seconds', '3', '--users', '20', '--build', 'dist', '--port', String(PORT)], {
      env: { ...process.env, BENCH_TMP: TMP },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.on('exit', (code) => resolve({ code, stdout, stderr }));
  });
}

/** The table's rows by measure: { value, target, result }. */
function tableRows(stdout: string): Map<string, { value: string; target: string; result: string }> {
  const rows = new Map<string, { value: string; target: string; result: string }>();
  for (const line of stdout.split('\n')) {
    const cells = line.split(' | ').map((cell) => cell.trim());
    if (cells.length === 4 && cells[0]?.startsWith('mixed load')) rows.set(cells[0], { value: cells[1] ?? '', target: cells[2] ?? '', result: cells[3] ?? '' });
  }
  return rows;
}

afterAll(() => rmSync(TMP, { recursive: true, force: true }));

describe.skipIf(!existsSync('dist/server/entry.mjs'))('npm run bench -- --only mixed --seconds 3', () => {
  it('runs the site, the ceiling, both synchronous settings and the restored backup, and prints the table', async () => {
    const { code, stdout, stderr } = await runBench();
    const rows = tableRows(stdout);
    // A run that failed leaves one row saying why, in place of its figures.
    expect([...rows].filter(([, row]) => row.value.startsWith('failed:')), stderr).toEqual([]);
    const runs = ['site (cluster), synchronous=FULL', 'bare ceiling, synchronous=FULL', 'site (cluster), synchronous=NORMAL', 'bare ceiling, synchronous=NORMAL', 'site restarted from the restored backup, FULL'];
    for (const run of runs) {
      expect(rows.get(`mixed load, ${run}: throughput`)?.value, `${run}\n${stderr}`).toMatch(/^\d+ requests\/s \(\d+ in [\d.]+ s, 20 people\)$/);
      expect(rows.get(`mixed load, ${run}: latency p50 / p95 / p99`)?.value).toMatch(/^\d+ \/ \d+ \/ \d+ ms$/);
      expect(rows.get(`mixed load, ${run}: load generator CPU`)?.value).toMatch(/% of one core/);
      expect(rows.get(`mixed load, ${run}: accepted writes missing from the database`)?.result).toBe('ok');
    }
    expect(rows.get('mixed load: rows committed before the backup, found in the restored database')?.result).toBe('ok');
    for (const mode of ['FULL', 'NORMAL']) {
      expect(rows.get(`mixed load, site / bare ceiling, synchronous=${mode}: throughput`)?.value).toMatch(/^\d+ % \(\d+ vs \d+ requests\/s\)$/);
      expect(rows.get(`mixed load, site vs bare ceiling, synchronous=${mode}: p99`)?.value).toMatch(/ ms vs \d+ ms/);
    }
    expect(rows.get('mixed load, site: synchronous=NORMAL vs FULL')?.value).toMatch(/^NORMAL \d+ requests\/s/);
    // Timing is not judged here: the only rows allowed to miss are the throughput goal and, on a
    // machine busy enough to time a request out, the error counts.
    const missed = [...rows].filter(([, row]) => row.result === 'MISSED').map(([measure]) => measure);
    for (const measure of missed) expect(measure).toMatch(/: throughput$|: errors$/);
    // An error the server answered (a status other than 200) is a failure whatever the machine.
    for (const [measure, row] of rows) if (measure.endsWith(': errors')) expect(row.value, measure).not.toMatch(/HTTP \d|not saved/);
    expect(code, stderr).toBe(missed.length > 0 ? 1 : 0);
  }, 600_000);
});
