import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { checkHealth, newestBackupAt, type HealthLimits } from '../../src/lib/server/health';
import { freshDb, type TestDb } from './fixture';

let t: TestDb;
let limits: HealthLimits;
const NOW = Date.UTC(2026, 10, 30, 12, 0, 0);

beforeEach(async () => {
  t = await freshDb('health');
  limits = { databaseUrl: t.url, minFreeDiskMb: 1, backupMaxAgeHours: 0, backupFolder: join(t.dir, 'backups'), now: NOW };
});

afterEach(() => t.close());

/** A finished backup named as `npm run backup` names it (ops contract): taken `hoursAgo` before NOW. */
function backupTaken(hoursAgo: number, name?: (stamp: string) => string): void {
  mkdirSync(limits.backupFolder, { recursive: true });
  const stamp = new Date(NOW - hoursAgo * 3_600_000).toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');
  writeFileSync(join(limits.backupFolder, name ? name(stamp) : `xiaguang-${stamp}.tar`), 'x');
}

describe('/api/health', () => {
  it('is ok on a migrated database with room on the disk, and really writes', async () => {
    const report = await checkHealth(t.db, limits);
    expect(report.status).toBe('ok');
    expect(report.checks.disk['freeMb']).toBeGreaterThan(1);
    const row = await t.client.execute("select value from app_settings where key = 'health.checked_at'");
    expect(row.rows[0]?.['value']).toBe(String(NOW));
  });

  it('fails when the free disk space is below MIN_FREE_DISK_MB, saying so in Chinese', async () => {
    const report = await checkHealth(t.db, { ...limits, minFreeDiskMb: 10_000_000 });
    expect(report.status).toBe('error');
    expect(report.checks.disk).toMatchObject({ ok: false, minFreeMb: 10_000_000 });
    expect(report.checks.disk.message).toMatch(/磁盘剩余空间只有 \d+ MB/);
  });

  it('fails when a migration has not been applied', async () => {
    await t.client.execute('delete from __drizzle_migrations where created_at = (select max(created_at) from __drizzle_migrations)');
    const report = await checkHealth(t.db, limits);
    expect(report.status).toBe('error');
    expect(report.checks.migrations.message).toContain('数据库结构不是最新的');
  });

  it('fails when the database takes no write (read-only, or a full disk), and when it cannot be opened', async () => {
    await t.client.execute('PRAGMA query_only = ON');
    const readOnly = await checkHealth(t.db, limits);
    expect(readOnly.status).toBe('error');
    expect(readOnly.checks.database.ok).toBe(true);
    expect(readOnly.checks.writable).toMatchObject({ ok: false, message: expect.stringContaining('数据库写不进去') });
    await t.client.execute('PRAGMA query_only = OFF');
    const unopened = await checkHealth(null, limits);
    expect(unopened.status).toBe('error');
    expect(unopened.checks.database.ok).toBe(false);
  });

  describe('the last backup', () => {
    it('is reported but not checked while BACKUP_MAX_AGE_HOURS is 0', async () => {
      backupTaken(100);
      const report = await checkHealth(t.db, limits);
      expect(report.status).toBe('ok');
      expect(report.checks.backup).toMatchObject({ ok: true, checked: false, ageHours: 100 });
    });

    it('fails when none exists, or the newest is older than BACKUP_MAX_AGE_HOURS', async () => {
      const checked = { ...limits, backupMaxAgeHours: 26 };
      expect((await checkHealth(t.db, checked)).checks.backup).toMatchObject({ ok: false, message: expect.stringContaining('还没有任何备份') });
      backupTaken(30);
      expect((await checkHealth(t.db, checked)).checks.backup).toMatchObject({ ok: false, ageHours: 30, message: expect.stringContaining('30 小时前') });
      backupTaken(2);
      const report = await checkHealth(t.db, checked);
      expect(report.status).toBe('ok');
      expect(report.checks.backup).toMatchObject({ ok: true, ageHours: 2 });
    });

    it('counts only finished backups named xiaguang-<UTC time>.tar, by the time in the name', async () => {
      backupTaken(1, (stamp) => `.xiaguang-${stamp}.tar.partial`);
      backupTaken(1, (stamp) => `other-${stamp}.tar`);
      expect(await newestBackupAt(limits.backupFolder)).toBeNull();
      backupTaken(5);
      backupTaken(3);
      expect(await newestBackupAt(limits.backupFolder)).toBe(NOW - 3 * 3_600_000);
    });
  });
});
