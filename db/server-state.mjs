// Is a server using this database? `npm run restore` must not swap the file under a running
// server (its open connections would keep writing to the old, moved file, and their writes would
// be lost). Two signs, either of which refuses the restore:
//  1. the pid file beside the database (`xiaguang.db.pid`): written by src/cluster.mjs's primary when it starts, removed
//     when it exits. A file left by a killed server names a process that no longer runs (or runs
//     something else), and is ignored.
//  2. SQLite's own locks: any process that has the database open (a worker, `npm run dev`, a
//     script) holds a shared lock on it, so an exclusive lock tried with no waiting fails.
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'libsql';
import { serverPidFile } from '../src/lib/server/data-dir.ts';

export { serverPidFile };

/** Marks the server as running for as long as this process lives (the cluster's primary calls it). */
export function markServerRunning(databaseUrl) {
  const file = serverPidFile(databaseUrl);
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, `${process.pid}\n`);
  process.once('exit', () => {
    try {
      if (readFileSync(file, 'utf8').trim() === String(process.pid)) rmSync(file, { force: true });
    } catch {
      // Already gone.
    }
  });
}

/** The pid in the pid file when that process still runs the server; otherwise null (`npm run reload` too). */
export function runningServerPid(databaseUrl) {
  let pid;
  try {
    pid = Number(readFileSync(serverPidFile(databaseUrl), 'utf8').trim());
  } catch {
    return null;
  }
  if (!Number.isSafeInteger(pid) || pid <= 0) return null;
  try {
    process.kill(pid, 0);
  } catch (error) {
    if (error?.code !== 'EPERM') return null;
  }
  // A pid is reused once its process is gone: on Linux, check it is still our server.
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes('cluster.mjs') ? pid : null;
  } catch {
    return existsSync('/proc/self') ? null : pid;
  }
}

/**
 * Whether some process has the database file open (it holds SQLite's shared lock). Through libSQL's
 * own Database with `exec` only: @libsql/client keeps a closed connection (and its locks) until its
 * prepared statements are collected, and the second look, just before the swap, would find this one.
 */
function databaseInUse(file) {
  if (!existsSync(file)) return false;
  const db = new Database(file, { timeout: 0 });
  try {
    db.exec('PRAGMA locking_mode = EXCLUSIVE');
    db.exec('BEGIN EXCLUSIVE');
    db.exec('ROLLBACK');
    return false;
  } catch (error) {
    if (/SQLITE_BUSY|SQLITE_LOCKED/.test(String(error?.code ?? ''))) return true;
    throw error;
  } finally {
    db.close();
  }
}

/** Why the database is in use (a Chinese sentence), or null when nothing has it open. */
export async function serverRunningReason(databaseUrl, file) {
  const pid = runningServerPid(databaseUrl);
  if (pid !== null) return `霞光学堂服务器正在运行（进程号 ${pid}）。`;
  if (databaseInUse(file)) return '数据库正被另一个程序打开（多半是服务器还在运行）。';
  return null;
}
