import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { backupName, backupsToDelete, backupTakenAt, latestBackup } from '../../src/lib/server/backup-files';
import { loadConfig } from '../../src/lib/server/config';

const at = (iso: string): { takenAt: Date; iso: string } => ({ takenAt: new Date(iso), iso });

describe('backup names', () => {
  it('name a backup by the UTC second its snapshot was taken, and read it back', () => {
    const when = new Date('2026-11-30T03:30:05.123Z');
    expect(backupName(when)).toBe('xiaguang-20261130T033005Z.tar');
    expect(backupTakenAt('xiaguang-20261130T033005Z.tar')?.toISOString()).toBe('2026-11-30T03:30:05.000Z');
  });

  it('ignore half-written files and anything else in the folder when finding the newest backup', () => {
    mkdirSync('tests/.tmp', { recursive: true });
    const folder = mkdtempSync(join('tests/.tmp', 'backup-names-'));
    try {
      expect(latestBackup(join(folder, 'missing'))).toBeNull();
      for (const name of ['xiaguang-20261128T033000Z.tar', 'xiaguang-20261129T033000Z.tar', '.xiaguang-20261130T033000Z.tar.partial', 'xiaguang-20261201T033000Z.tar.bak', 'notes.txt']) {
        writeFileSync(join(folder, name), '');
      }
      expect(latestBackup(folder)?.name).toBe('xiaguang-20261129T033000Z.tar');
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });
});

describe('rotation', () => {
  it('keeps the newest backup of each of the last N days and of each of the last M weeks', () => {
    // Three a day for ten days, 2026-11-21 (Saturday) to 2026-11-30 (Monday).
    const backups = Array.from({ length: 10 }, (_, day) =>
      ['03:30', '12:00', '20:00'].map((time) => at(`2026-11-${String(21 + day).padStart(2, '0')}T${time}:00Z`)),
    ).flat();
    const deleted = new Set(backupsToDelete(backups, 3, 2).map((backup) => backup.iso));
    const kept = backups.filter((backup) => !deleted.has(backup.iso)).map((backup) => backup.iso);
    expect(kept).toEqual([
      // The last three days' newest; last week's newest (Sunday 2026-11-29) is one of them.
      '2026-11-28T20:00:00Z',
      '2026-11-29T20:00:00Z',
      '2026-11-30T20:00:00Z',
    ]);
    // Weekly reaches back past the daily ones: the week of 2026-11-16 to 22 keeps its newest.
    const weekly = new Set(backupsToDelete(backups, 1, 3).map((backup) => backup.iso));
    expect(backups.filter((backup) => !weekly.has(backup.iso)).map((backup) => backup.iso)).toEqual([
      '2026-11-22T20:00:00Z',
      '2026-11-29T20:00:00Z',
      '2026-11-30T20:00:00Z',
    ]);
  });

  it('never deletes the only or the newest backup', () => {
    expect(backupsToDelete([at('2026-11-30T03:30:00Z')], 1, 0)).toEqual([]);
  });
});

describe('backup and durability settings', () => {
  it('default to data/backups beside the database, 7 daily, 4 weekly, no schedule, synchronous FULL', () => {
    const config = loadConfig({});
    expect(config.backupDir).toBe(join(process.cwd(), 'data', 'backups'));
    expect(config).toMatchObject({ backupKeepDaily: 7, backupKeepWeekly: 4, backupDailyAt: undefined, dbSynchronous: 'FULL' });
    expect(loadConfig({ DATABASE_URL: 'file:/srv/xiaguang/site.db' }).backupDir).toBe('/srv/xiaguang/backups');
    expect(loadConfig({ BACKUP_DIR: '/mnt/usb/xiaguang', BACKUP_DAILY_AT: '3:30', DB_SYNCHRONOUS: 'normal' })).toMatchObject({
      backupDir: '/mnt/usb/xiaguang',
      backupDailyAt: { hour: 3, minute: 30 },
      dbSynchronous: 'NORMAL',
    });
  });
});
