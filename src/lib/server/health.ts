// /api/health for monitors: every check that tells the IT person something needs doing. The page
// answers 200 when all pass and 503 when any fails, with each check's result in the JSON body.
import { statfs } from 'node:fs/promises';
import { dirname } from 'node:path';
import { sql } from 'drizzle-orm';
import journal from '../../../db/migrations/meta/_journal.json';
import { appSettings } from '../../../db/schema';
import type { Db } from './db';
import { getConfig } from './config';
import { latestBackup } from './backup-files';
import { dataFolder } from './data-dir';
import { databaseTarget } from './database-url';
import { safeErrorText } from './log';

export interface Check {
  ok: boolean;
  /** In Chinese, for the IT person, when the check fails or has something to say. */
  message?: string;
  [detail: string]: unknown;
}

export interface HealthReport {
  status: 'ok' | 'error';
  checks: { database: Check; writable: Check; migrations: Check; disk: Check; backup: Check };
}

/** What the checks compare against (the settings; tests pass their own). */
export interface HealthLimits {
  databaseUrl: string;
  minFreeDiskMb: number;
  backupMaxAgeHours: number;
  backupFolder: string;
  now: number;
}

/** The settings' limits. The backup folder is the one `npm run backup` writes (BACKUP_DIR). */
export function healthLimits(): HealthLimits {
  const config = getConfig();
  return {
    databaseUrl: config.databaseUrl,
    minFreeDiskMb: config.ops.minFreeDiskMb,
    backupMaxAgeHours: config.ops.backupMaxAgeHours,
    backupFolder: config.backupDir,
    now: Date.now(),
  };
}

const failed = (message: string, error?: unknown): Check => ({ ok: false, message, ...(error ? { error: safeErrorText(error) } : {}) });

async function attempt(run: () => Promise<Check>, message: string): Promise<Check> {
  try {
    return await run();
  } catch (error) {
    return failed(message, error);
  }
}

/** A real commit: a full disk or a read-only file fails here, as a learner's progress would. */
async function writable(db: Db, now: number): Promise<Check> {
  await db
    .insert(appSettings)
    .values({ key: 'health.checked_at', value: String(now), updatedAt: now })
    .onConflictDoUpdate({ target: appSettings.key, set: { value: String(now), updatedAt: now } });
  return { ok: true };
}

/** Every migration in db/migrations applied (the server's start applies them; a failed start may not have). */
async function migrations(db: Db): Promise<Check> {
  const expected = journal.entries.length;
  const latest = Math.max(...journal.entries.map((entry) => entry.when));
  const row = await db.get<{ applied: number; newest: number | null }>(sql`select count(*) as applied, max(created_at) as newest from __drizzle_migrations`);
  const current = Number(row.applied) >= expected && Number(row.newest ?? 0) >= latest;
  return current ? { ok: true, applied: Number(row.applied) } : { ok: false, applied: Number(row.applied), expected, message: '数据库结构不是最新的：请重新启动服务器（启动时会自动升级），或运行 npm run db:migrate。' };
}

/** Free space where the database (or, for a remote database, the uploaded pictures) lives. */
async function disk(limits: HealthLimits): Promise<Check> {
  const file = databaseTarget(limits.databaseUrl).file;
  const folder = file ? dirname(file) : dataFolder(limits.databaseUrl, '.');
  const found = await statfs(folder);
  const freeMb = Math.floor((found.bavail * found.bsize) / 1_048_576);
  return freeMb >= limits.minFreeDiskMb
    ? { ok: true, freeMb }
    : { ok: false, freeMb, minFreeMb: limits.minFreeDiskMb, message: `磁盘剩余空间只有 ${freeMb} MB，低于设置的 ${limits.minFreeDiskMb} MB：请清理磁盘或加大磁盘，否则学员的进度可能存不进去。` };
}

/** When the newest backup in `folder` was taken (from its name, as backup-files.ts reads it), or null. */
export async function newestBackupAt(folder: string): Promise<number | null> {
  return latestBackup(folder)?.takenAt.getTime() ?? null;
}

async function backup(limits: HealthLimits): Promise<Check> {
  const at = await newestBackupAt(limits.backupFolder);
  const ageHours = at === null ? null : Math.round(((limits.now - at) / 3_600_000) * 10) / 10;
  const base = { lastBackupAt: at === null ? null : new Date(at).toISOString(), ageHours };
  if (limits.backupMaxAgeHours === 0) return { ok: true, ...base, checked: false };
  if (ageHours === null) return { ok: false, ...base, message: '还没有任何备份：请运行 npm run backup，并设置每天自动备份。' };
  return ageHours <= limits.backupMaxAgeHours
    ? { ok: true, ...base }
    : { ok: false, ...base, message: `最近一次备份是 ${ageHours} 小时前，超过了设置的 ${limits.backupMaxAgeHours} 小时：请检查自动备份。` };
}

/** Runs every check; `db` is null when the database could not be opened at all. */
export async function checkHealth(db: Db | null, limits: HealthLimits): Promise<HealthReport> {
  const unreachable = failed('数据库打不开：请查看服务器日志。');
  const database = db ? await attempt(async () => (await db.run(sql`select 1`), { ok: true }), '数据库暂时无法访问：请查看服务器日志。') : unreachable;
  const checks = {
    database,
    writable: db && database.ok ? await attempt(() => writable(db, limits.now), '数据库写不进去（磁盘满了，或文件只读）：学员的进度存不进去。') : failed('数据库无法访问，没有检查能否写入。'),
    migrations: db && database.ok ? await attempt(() => migrations(db), '无法读取数据库结构的版本。') : failed('数据库无法访问，没有检查结构版本。'),
    disk: await attempt(() => disk(limits), '无法读取磁盘剩余空间。'),
    backup: await attempt(() => backup(limits), '无法读取备份文件夹。'),
  };
  return { status: Object.values(checks).every((check) => check.ok) ? 'ok' : 'error', checks };
}
