// The backup folder's rules, shared by `npm run backup` (db/backup.mjs), `npm run restore`
// (db/restore.mjs), the server's daily backup (src/cluster.mjs) and the health check: how a backup
// is named, which is the newest, and which the rotation keeps. Node built-ins only, no relative
// imports, no TypeScript-only syntax: db/*.mjs and src/cluster.mjs import it directly (Node strips
// the types).
import { readdirSync } from 'node:fs';
import { join } from 'node:path';

/** A finished backup: `xiaguang-20261130T172248Z.tar` (when its snapshot was taken, UTC). */
export const BACKUP_NAME = /^xiaguang-(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z\.tar$/;

export interface BackupFile {
  /** The file's name inside the backup folder. */
  name: string;
  /** Its full path. */
  file: string;
  takenAt: Date;
}

/** The file name for a snapshot taken at `when`. */
export function backupName(when: Date): string {
  const stamp = when.toISOString().replace(/\.\d{3}Z$/, 'Z').replace(/[-:]/g, '');
  return `xiaguang-${stamp}.tar`;
}

/** When a backup's snapshot was taken, from its name; null for any other file. */
export function backupTakenAt(name: string): Date | null {
  const match = BACKUP_NAME.exec(name);
  if (!match) return null;
  const [year, month, day, hour, minute, second] = match.slice(1).map(Number) as [number, number, number, number, number, number];
  const when = new Date(Date.UTC(year, month - 1, day, hour, minute, second));
  return Number.isNaN(when.getTime()) ? null : when;
}

/** The finished backups in `folder`, newest first (none when the folder does not exist). */
export function listBackups(folder: string): BackupFile[] {
  let names: string[];
  try {
    names = readdirSync(folder);
  } catch {
    return [];
  }
  const found: BackupFile[] = [];
  for (const name of names) {
    const takenAt = backupTakenAt(name);
    if (takenAt) found.push({ name, file: join(folder, name), takenAt });
  }
  return found.sort((a, b) => b.takenAt.getTime() - a.takenAt.getTime());
}

/** The newest finished backup in `folder`, or null: the health check's "last backup age". */
export function latestBackup(folder: string): BackupFile | null {
  return listBackups(folder)[0] ?? null;
}

const DAY_MS = 86_400_000;
const dayOf = (when: Date): number => Math.floor(when.getTime() / DAY_MS);
/** Weeks run Monday to Sunday (UTC); 1970-01-01 was a Thursday. */
const weekOf = (when: Date): number => Math.floor((dayOf(when) + 3) / 7);

/**
 * The rotation: the newest backup of each of the `daily` most recent days that have one, and the
 * newest of each of the `weekly` most recent weeks that have one, are kept; the newest backup of all
 * is always kept. Returns the backups to delete (the input may be in any order).
 */
export function backupsToDelete<T extends { takenAt: Date }>(backups: readonly T[], daily: number, weekly: number): T[] {
  const newestFirst = [...backups].sort((a, b) => b.takenAt.getTime() - a.takenAt.getTime());
  const keep = new Set<T>(newestFirst.slice(0, 1));
  for (const [period, count] of [
    [dayOf, daily],
    [weekOf, weekly],
  ] as const) {
    const seen = new Set<number>();
    for (const backup of newestFirst) {
      const key = period(backup.takenAt);
      if (seen.has(key)) continue;
      if (seen.size >= count) break;
      seen.add(key);
      keep.add(backup);
    }
  }
  return newestFirst.filter((backup) => !keep.has(backup));
}
