// What makes a file a restorable 霞光学堂 database, checked on every backup's snapshot before it is
// kept and on every file before it is restored: SQLite's own integrity_check, the tables of this
// application, and a schema version this program knows (its migrations, by hash, in order).
import { closeSync, openSync, readSync } from 'node:fs';
import { createClient } from '@libsql/client';
import { readMigrationFiles } from 'drizzle-orm/migrator';
import { MIGRATIONS } from './migrate.mjs';
import { ArchiveRefused } from './backup-archive.mjs';

/** Drizzle's record of migrations, and the table of 霞光学堂's first one (0000_init). */
const OWN_TABLES = ['__drizzle_migrations', 'app_settings'];
const SQLITE_HEADER = 'SQLite format 3\0';

/** Whether `file` starts with SQLite's header. */
export function isSqliteFile(file) {
  const fd = openSync(file, 'r');
  try {
    const bytes = Buffer.alloc(16);
    return readSync(fd, bytes, 0, 16, 0) === 16 && bytes.toString('latin1') === SQLITE_HEADER;
  } finally {
    closeSync(fd);
  }
}

/**
 * Checks the database file `file` (nobody else has it open). Resolves to
 * `{ applied, known, behind }`: migrations applied in it, migrations this program has, and how many
 * it lacks (restore brings it up to date). Throws ArchiveRefused with a Chinese message otherwise.
 */
export async function checkDatabaseFile(file) {
  if (!isSqliteFile(file)) throw new ArchiveRefused('这个文件不是霞光学堂的数据库，也不是它的备份。');
  const client = createClient({ url: `file:${file}` });
  try {
    let integrity;
    try {
      integrity = (await client.execute('PRAGMA integrity_check')).rows.map((row) => String(Object.values(row)[0]));
    } catch {
      throw new ArchiveRefused('这个数据库文件已损坏，SQLite 无法读取它，不能用来恢复。');
    }
    if (integrity.length !== 1 || integrity[0] !== 'ok') {
      throw new ArchiveRefused(`这个数据库文件已损坏（完整性检查没有通过：${integrity.slice(0, 3).join('；')}），不能用来恢复。`);
    }
    const tables = new Set((await client.execute("SELECT name FROM sqlite_master WHERE type = 'table'")).rows.map((row) => String(row.name)));
    if (!OWN_TABLES.every((table) => tables.has(table))) throw new ArchiveRefused('这个数据库不是霞光学堂的数据库（缺少霞光学堂的数据表）。');
    const applied = (await client.execute('SELECT hash, created_at FROM __drizzle_migrations ORDER BY created_at')).rows;
    const known = readMigrationFiles({ migrationsFolder: MIGRATIONS });
    if (applied.length === 0) throw new ArchiveRefused('这个数据库不是霞光学堂的数据库（没有霞光学堂的结构版本记录）。');
    if (applied.length > known.length) {
      throw new ArchiveRefused('这个备份来自更新版本的霞光学堂（数据库结构更新），请先把程序升级到同一版本再恢复。');
    }
    applied.forEach((row, index) => {
      const ours = known[index];
      if (ours.hash !== String(row.hash) || Number(ours.folderMillis) !== Number(row.created_at)) {
        throw new ArchiveRefused('这个数据库的结构版本和本程序对不上（可能来自另一个版本或被改动过），不能用来恢复。');
      }
    });
    return { applied: applied.length, known: known.length, behind: known.length - applied.length };
  } finally {
    client.close();
  }
}
