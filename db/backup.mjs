// `npm run backup`: a consistent snapshot of the database taken while the site keeps serving
// (SQLite's `VACUUM INTO` reads one transaction's view of the database, so every write committed
// before it started is in the copy and nothing half-written is), checked with integrity_check and
// the schema check restore uses, packed with the uploaded pictures (data/media/) into
// `<BACKUP_DIR>/xiaguang-<UTC time>.tar`, synced to the disk, then the rotation (BACKUP_KEEP_DAILY,
// BACKUP_KEEP_WEEKLY) deletes older backups. Never in a backup: the secret key (secret.key or
// XG_SECRET_KEY: keep it separately, see the README) and the search index (rebuilt at start).
// Plain JavaScript like migrate.mjs; src/cluster.mjs runs it as a child process for the daily
// backup (BACKUP_DAILY_AT).
import { spawn } from 'node:child_process';
import { closeSync, existsSync, fsyncSync, mkdirSync, openSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { getConfig } from '../src/lib/server/config.ts';
import { dataFolder } from '../src/lib/server/data-dir.ts';
import { backupName, backupsToDelete, latestBackup, listBackups } from '../src/lib/server/backup-files.ts';
import { DATABASE_MEMBER, writeArchive } from './backup-archive.mjs';
import { checkDatabaseFile } from './backup-check.mjs';
import { connect, databaseFile } from './migrate.mjs';

/** Syncs a folder, so a rename or deletion in it survives a power cut. */
export function syncFolder(folder) {
  const fd = openSync(folder, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/** One backup at a time per folder: `.backup.lock` holds the pid of the one running. */
function takeLock(folder) {
  const lock = join(folder, '.backup.lock');
  try {
    writeFileSync(lock, String(process.pid), { flag: 'wx' });
  } catch {
    const holder = Number(readFileSync(lock, 'utf8'));
    let alive = false;
    try {
      process.kill(holder, 0);
      alive = true;
    } catch (error) {
      alive = error?.code === 'EPERM';
    }
    if (alive && holder !== process.pid) throw new Error(`另一份备份正在进行（进程号 ${holder}），请等它完成。`);
    writeFileSync(lock, String(process.pid));
  }
  return () => rmSync(lock, { force: true });
}

/**
 * Takes one backup of `config`'s database (the server may be serving). Returns
 * `{ file, bytes, pictures, seconds, deleted }`; throws an Error with a Chinese message on failure,
 * leaving no partial file under a backup's name.
 */
export async function takeBackup(config = getConfig()) {
  const live = databaseFile(config.databaseUrl);
  if (!live) throw new Error('DATABASE_URL 指向 libSQL 服务器：请在那台服务器上备份，这里只备份本机的数据库文件。');
  if (!existsSync(live)) throw new Error(`找不到数据库文件 ${live}（DATABASE_URL）。`);
  const started = performance.now();
  const folder = config.backupDir;
  mkdirSync(folder, { recursive: true });
  const release = takeLock(folder);
  // Leftovers of a backup that was killed half-way (only ever under these names).
  for (const name of readdirSync(folder)) if (/^\.(snapshot-.*\.db|xiaguang-.*\.tar\.partial)$/.test(name)) rmSync(join(folder, name), { force: true });
  const snapshot = join(folder, `.snapshot-${process.pid}.db`);
  const takenAt = new Date();
  const name = backupName(takenAt);
  const partial = join(folder, `.${name}.partial`);
  try {
    const client = connect(config.databaseUrl);
    try {
      await client.execute({ sql: 'VACUUM INTO ?', args: [snapshot] });
    } finally {
      client.close();
    }
    const schema = await checkDatabaseFile(snapshot).catch((error) => {
      throw new Error(`备份没有完成：复制出的数据库没有通过检查（${error.message}）`);
    });
    const media = dataFolder(config.databaseUrl, 'media');
    const pictures = existsSync(media)
      ? readdirSync(media, { withFileTypes: true })
          .filter((entry) => entry.isFile() && !entry.name.endsWith('.tmp'))
          .map((entry) => ({ name: `media/${entry.name}`, path: join(media, entry.name) }))
      : [];
    writeArchive(partial, [{ name: DATABASE_MEMBER, path: snapshot }, ...pictures], {
      takenAt: takenAt.toISOString(),
      migrations: schema.applied,
    });
    renameSync(partial, join(folder, name));
    syncFolder(folder);
    const deleted = backupsToDelete(listBackups(folder), config.backupKeepDaily, config.backupKeepWeekly);
    for (const old of deleted) rmSync(old.file, { force: true });
    if (deleted.length) syncFolder(folder);
    return {
      file: join(folder, name),
      bytes: statSync(join(folder, name)).size,
      pictures: pictures.length,
      seconds: (performance.now() - started) / 1000,
      deleted: deleted.map((old) => old.name),
    };
  } finally {
    rmSync(snapshot, { force: true });
    rmSync(partial, { force: true });
    release();
  }
}

const SCHEDULE_CHECK_MS = 60_000;
const RETRY_MS = 3_600_000;

/**
 * The server's own daily backup (BACKUP_DAILY_AT, server local time), for the cluster's primary
 * only. Every minute: once today's time has passed and the newest backup is older than it, run
 * `db/backup.mjs` as a child process (the snapshot and the packing never block a server process).
 * A server started after the day's time catches up at once; a failure is retried an hour later.
 */
export function scheduleDailyBackups(config = getConfig(), log = console) {
  const at = config.backupDailyAt;
  if (!at) return () => undefined;
  let running = false;
  let lastTry = 0;
  const check = () => {
    const now = new Date();
    const due = new Date(now.getFullYear(), now.getMonth(), now.getDate(), at.hour, at.minute);
    if (running || now < due || Date.now() - lastTry < RETRY_MS) return;
    if ((latestBackup(config.backupDir)?.takenAt ?? new Date(0)) >= due) return;
    running = true;
    lastTry = Date.now();
    const child = spawn(process.execPath, [fileURLToPath(import.meta.url)], { stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    child.on('exit', (code) => {
      running = false;
      if (code === 0) log.log(`daily backup: ${output.trim()}`);
      else log.error(`daily backup failed (exit ${code}): ${output.trim()}`);
    });
  };
  const timer = setInterval(check, SCHEDULE_CHECK_MS);
  timer.unref();
  check();
  return () => clearInterval(timer);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  takeBackup().then(
    (done) => {
      const mb = (done.bytes / 1024 / 1024).toFixed(1);
      console.log(`备份完成：${done.file}（${mb} MB，含 ${done.pictures} 个图片文件，用时 ${done.seconds.toFixed(1)} 秒）。`);
      if (done.deleted.length) console.log(`按保留规则删除了 ${done.deleted.length} 份旧备份：${done.deleted.join('，')}`);
      console.log('提醒：密钥（secret.key 或 XG_SECRET_KEY）不在备份里，请另外妥善保存。');
    },
    (error) => {
      console.error(`备份失败：${error instanceof Error ? error.message : String(error)}`);
      process.exit(1);
    },
  );
}
