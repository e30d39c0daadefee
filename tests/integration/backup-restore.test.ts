import { fork, spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { createClient } from '@libsql/client';
import Database from 'libsql';
import { afterEach, describe, expect, it } from 'vitest';
import { listBackups } from '../../src/lib/server/backup-files';
import { loadConfig } from '../../src/lib/server/config';
import { scheduleDailyBackups } from '../../db/backup.mjs';

/** `node db/<tool>.mjs args` with DATABASE_URL (and BACKUP_DIR) of the case: exit code and output. */
function runTool(tool: 'backup' | 'restore', args: string[], env: Record<string, string>): Promise<{ status: number | null; out: string }> {
  return new Promise((done) => {
    const child = spawn(process.execPath, [`db/${tool}.mjs`, ...args], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (chunk) => (out += chunk));
    child.stderr.on('data', (chunk) => (out += chunk));
    child.on('exit', (status) => done({ status, out }));
  });
}

function startWriter(url: string, userId: number): Promise<ChildProcess> {
  return new Promise((ready, failed) => {
    const child = fork('tests/integration/backup-writer.ts', [], {
      execArgv: ['--import', 'tsx'],
      env: { ...process.env, WORKER_DATABASE_URL: url, WORKER_USER_ID: String(userId) },
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    child.once('message', () => ready(child));
    child.once('exit', (code) => failed(new Error(`writer exited with ${code}`)));
  });
}

/** Every write the writer has acknowledged when it answers (`stop`: after finishing and closing). */
function acknowledged(writer: ChildProcess, what: 'report' | 'stop'): Promise<string[]> {
  return new Promise((done, failed) => {
    // A writer that died cannot answer: say so at once rather than wait for the test's time limit.
    // 'close' (not 'exit'): it comes after the channel is drained, so an answer sent just before a
    // clean exit is still read first.
    const died = (code: number | null) => failed(new Error(`writer exited with ${code} before answering ${what}`));
    writer.once('close', died);
    writer.once('message', (message: { acknowledged: string[] }) => {
      writer.off('close', died);
      done(message.acknowledged);
    });
    writer.send({ [what]: true });
  });
}

/** The bytes of the live database, its WAL and the pictures: what "untouched" means. */
function fingerprint(dir: string, name: string): string {
  const hash = createHash('sha256');
  for (const file of [`${name}.db`, `${name}.db-wal`, ...readdirSync(join(dir, 'media')).map((file) => `media/${file}`)]) {
    hash.update(file);
    if (existsSync(join(dir, file))) hash.update(readFileSync(join(dir, file)));
  }
  return hash.digest('hex');
}

/** `node db/migrate.mjs` on `url`, in a process of its own (see LiveSite). */
function migrate(url: string): void {
  const result = spawnSync(process.execPath, ['db/migrate.mjs'], { env: { ...process.env, DATABASE_URL: url }, encoding: 'utf8' });
  if (result.status !== 0) throw new Error(result.stderr);
}

/**
 * A database as a stopped server leaves it. This process touches it only through libSQL's Database
 * with `exec` and closes it at once: @libsql/client (and a prepared statement) keeps a closed
 * connection, and its lock, until the garbage collector runs, and restore would rightly refuse.
 */
interface LiveSite {
  url: string;
  file: string;
  dir: string;
  userId: number;
  env: Record<string, string>;
}

function exec(file: string, sql: string): void {
  const db = new Database(file);
  try {
    db.exec(sql);
  } finally {
    db.close();
  }
}

const opened: string[] = [];
afterEach(() => {
  for (const dir of opened.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** A migrated database with one learner, a picture in media/ and a secret.key beside it. */
function liveSite(name: string): LiveSite {
  mkdirSync('tests/.tmp', { recursive: true });
  const dir = mkdtempSync(join('tests/.tmp', `${name}-`));
  opened.push(dir);
  const file = join(dir, `${name}.db`);
  const url = `file:${file}`;
  migrate(url);
  exec(file, `INSERT INTO users (phone, display_name, created_at) VALUES ('13900000740', '备份测试', ${Date.now()})`);
  mkdirSync(join(dir, 'media'));
  writeFileSync(join(dir, 'media', `${'a'.repeat(64)}-640.webp`), 'picture bytes');
  writeFileSync(join(dir, 'secret.key'), 'the secret key of this server, never in a backup');
  return { url, file, dir, userId: 1, env: { DATABASE_URL: url, BACKUP_DIR: join(dir, 'backups') } };
}

// Each case runs the command-line tools as processes of their own: slow on a loaded machine.
const SLOW = 420_000;

describe('npm run backup and npm run restore', () => {
  it('a backup taken while two server processes write holds every write acknowledged before it started, and restores into a fresh instance', async () => {
    const site = liveSite('backup');
    const writers = await Promise.all([startWriter(site.url, site.userId), startWriter(site.url, site.userId)]);
    let before: string[] = [];
    let after: string[] = [];
    try {
      await new Promise((wait) => setTimeout(wait, 500));
      before = (await Promise.all(writers.map((writer) => acknowledged(writer, 'report')))).flat();
      const backup = await runTool('backup', [], site.env);
      expect(backup.out).toContain('备份完成');
      expect(backup.status).toBe(0);
    } finally {
      after = (await Promise.all(writers.map((writer) => acknowledged(writer, 'stop')))).flat();
    }
    // The writers kept going through the backup.
    expect(before.length).toBeGreaterThan(50);
    expect(after.length).toBeGreaterThan(before.length);

    const [backup] = listBackups(join(site.dir, 'backups'));
    expect(backup).toBeDefined();
    const target = join(site.dir, 'restored');
    const restored = await runTool('restore', [backup?.file ?? ''], { DATABASE_URL: `file:${join(target, 'xiaguang.db')}` });
    expect(restored.out).toContain('恢复完成');
    expect(restored.status).toBe(0);

    const client = createClient({ url: `file:${join(target, 'xiaguang.db')}` });
    try {
      expect((await client.execute('PRAGMA integrity_check')).rows[0]?.[0]).toBe('ok');
      const rows = new Set((await client.execute('SELECT lesson_id FROM lesson_progress')).rows.map((row) => String(row[0])));
      const missing = before.filter((lesson) => !rows.has(lesson));
      expect(missing).toEqual([]);
      // A snapshot, not a later state: nothing beyond what had been written by the end.
      expect(rows.size).toBeLessThanOrEqual(after.length);
    } finally {
      client.close();
    }
    // The pictures came back; the secret key was never in the backup.
    expect(readFileSync(join(target, 'media', `${'a'.repeat(64)}-640.webp`), 'utf8')).toBe('picture bytes');
    expect(existsSync(join(target, 'secret.key'))).toBe(false);
    expect(readFileSync(backup?.file ?? '').includes('never in a backup')).toBe(false);
  }, SLOW);

  it('refuses a corrupt, a truncated and a foreign file, and a database of another program, with the live data untouched', async () => {
    const site = liveSite('refuse');
    const taken = await runTool('backup', [], site.env);
    expect(taken.status).toBe(0);
    const good = listBackups(join(site.dir, 'backups'))[0]?.file ?? '';
    const bytes = readFileSync(good);

    const corrupt = join(site.dir, 'corrupt.tar');
    const damaged = Buffer.from(bytes);
    damaged.write('garbage!', 100_000);
    writeFileSync(corrupt, damaged);
    const truncated = join(site.dir, 'truncated.tar');
    copyFileSync(good, truncated);
    truncateSync(truncated, Math.floor(bytes.length / 2));
    const foreignText = join(site.dir, 'notes.tar');
    writeFileSync(foreignText, '这不是备份，只是一份笔记。\n'.repeat(100));
    const foreignDb = join(site.dir, 'other-app.db');
    exec(foreignDb, 'CREATE TABLE orders (id INTEGER PRIMARY KEY, total REAL)');
    // A 霞光学堂 database whose inside is damaged: pages of its file overwritten.
    const brokenDb = join(site.dir, 'broken.db');
    exec(site.file, `VACUUM INTO '${brokenDb}'`);
    const broken = readFileSync(brokenDb);
    broken.fill(0x5a, 4096 * 3, 4096 * 6);
    writeFileSync(brokenDb, broken);

    const untouched = fingerprint(site.dir, 'refuse');
    const cases: Array<[string, RegExp]> = [
      [corrupt, /已损坏/],
      [truncated, /不完整/],
      [foreignText, /不是霞光学堂的备份/],
      [foreignDb, /不是霞光学堂的数据库/],
      [brokenDb, /已损坏/],
      [join(site.dir, 'no-such-file.tar'), /找不到备份文件/],
    ];
    for (const [file, message] of cases) {
      const result = await runTool('restore', [file], site.env);
      expect(result.status, file).toBe(1);
      expect(result.out, file).toMatch(/没有恢复：/);
      expect(result.out, file).toMatch(message);
      expect(fingerprint(site.dir, 'refuse'), file).toBe(untouched);
    }
    expect(readdirSync(site.dir).filter((name) => name.startsWith('before-restore') || name.startsWith('.restore'))).toEqual([]);
  }, SLOW);

  it('refuses while another process has the database open, and restores once it has closed', async () => {
    const site = liveSite('in-use');
    const taken = await runTool('backup', [], site.env);
    expect(taken.status).toBe(0);
    const file = listBackups(join(site.dir, 'backups'))[0]?.file ?? '';
    const server = new Database(site.file);
    server.exec('SELECT count(*) FROM users');
    const refused = await runTool('restore', [file], site.env);
    server.close();
    expect(refused.status).toBe(1);
    expect(refused.out).toMatch(/没有恢复：数据库正被另一个程序打开.*请先停止服务器/);
    const restored = await runTool('restore', [file], site.env);
    expect(restored.status).toBe(0);
    // The replaced database is kept aside.
    const aside = readdirSync(site.dir).filter((name) => name.startsWith('before-restore-'));
    expect(aside).toHaveLength(1);
    expect(existsSync(join(site.dir, aside[0] ?? '', 'in-use.db'))).toBe(true);
  }, SLOW);

  it('brings an older backup up to the current schema when it restores it', async () => {
    const site = liveSite('older');
    // A database from before the last migration (0013_party_joined_on): migrate a copy, then undo that step.
    const old = resolve(site.dir, 'old.db');
    migrate(`file:${old}`);
    exec(old, 'ALTER TABLE users DROP COLUMN party_joined_on; DELETE FROM __drizzle_migrations WHERE created_at = (SELECT max(created_at) FROM __drizzle_migrations);');
    const restored = await runTool('restore', [old], site.env);
    expect(restored.out).toContain('服务器启动时会自动升级');
    expect(restored.status).toBe(0);
    migrate(site.url);
    const live = createClient({ url: site.url });
    try {
      const columns = (await live.execute("SELECT name FROM pragma_table_info('users')")).rows.map((row) => row['name']);
      expect(columns).toContain('party_joined_on');
    } finally {
      live.close();
    }
  }, SLOW);

  it('the daily backup of the server (BACKUP_DAILY_AT) runs once the time of day has passed, and not again that day', async () => {
    const site = liveSite('daily');
    const now = new Date();
    const env = { ...site.env, BACKUP_DAILY_AT: '00:00' };
    const saved = { ...process.env };
    Object.assign(process.env, env);
    const logged: string[] = [];
    let stop = (): void => undefined;
    const ran = new Promise<void>((done) => {
      const log = { log: (line: string) => (logged.push(line), done()), error: (line: string) => (logged.push(line), done()) };
      stop = scheduleDailyBackups(loadConfig(process.env), log);
    });
    try {
      await ran;
      expect(logged.join('\n')).toContain('备份完成');
      const backups = listBackups(join(site.dir, 'backups'));
      expect(backups).toHaveLength(1);
      expect(backups[0]?.takenAt.getTime()).toBeGreaterThanOrEqual(Math.floor(now.getTime() / 1000) * 1000);
      // Today's backup exists now: a second schedule (a restarted server) takes none.
      const again = scheduleDailyBackups(loadConfig(process.env), { log: (line: string) => logged.push(line), error: (line: string) => logged.push(line) });
      await new Promise((wait) => setTimeout(wait, 3000));
      again();
      expect(listBackups(join(site.dir, 'backups'))).toHaveLength(1);
    } finally {
      stop();
      process.env = saved;
    }
  }, SLOW);
});
