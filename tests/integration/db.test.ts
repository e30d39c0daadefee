import { afterAll, describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import type { Client } from '@libsql/client';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { openDatabase } from '../../src/lib/server/db';
import { migrateDatabase } from '../../db/migrate.mjs';
import { appSettings } from '../../db/schema';
import { freshDb } from './fixture';

mkdirSync('tests/.tmp', { recursive: true });
const dir = mkdtempSync(join('tests/.tmp', 'db-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const tables = async (client: Client): Promise<string[]> =>
  (await client.execute("select name from sqlite_master where type = 'table' order by name")).rows.map((row) => String(row[0]));

describe('opening the database', () => {
  it('connects and sets the pragmas, and creates nothing: no tables, no migrations, no data', async () => {
    const opened = await openDatabase(`file:${join(dir, 'nested', 'plain.db')}`);
    try {
      expect((await opened.client.execute('PRAGMA journal_mode')).rows[0]?.[0]).toBe('wal');
      expect((await opened.client.execute('PRAGMA foreign_keys')).rows[0]?.[0]).toBe(1);
      expect(Number((await opened.client.execute('PRAGMA busy_timeout')).rows[0]?.[0])).toBeGreaterThanOrEqual(1000);
      expect(await tables(opened.client)).toEqual([]);
    } finally {
      opened.client.close();
    }
  });

  it('migrates as an explicit step, and migrating again (or twice at once) changes nothing', async () => {
    const url = `file:${join(dir, 'migrated.db')}`;
    await Promise.all([migrateDatabase(url), migrateDatabase(url)]);
    const opened = await openDatabase(url);
    try {
      const applied = await opened.client.execute('select count(*) from __drizzle_migrations');
      expect(Number(applied.rows[0]?.[0])).toBeGreaterThan(0);
      expect(await tables(opened.client)).toEqual(expect.arrayContaining(['users', 'sessions', 'contests', 'app_settings']));
      const before = { tables: await tables(opened.client), applied: applied.rows };
      await migrateDatabase(url);
      expect({ tables: await tables(opened.client), applied: (await opened.client.execute('select count(*) from __drizzle_migrations')).rows }).toEqual(before);
      // Migrating never seeds: demo data is a step of its own (db/seed/).
      expect(await opened.db.select().from(appSettings)).toEqual([]);
      expect(Number((await opened.client.execute('select count(*) from users')).rows[0]?.[0])).toBe(0);
    } finally {
      opened.client.close();
    }
  });

  it('enforces foreign keys, also after a transaction', async () => {
    const fixture = await freshDb('fk');
    try {
      await fixture.db.transaction(async (tx) => {
        await tx.insert(appSettings).values({ key: 'k', value: 'v', updatedAt: 1 });
      });
      await expect(fixture.client.execute("insert into user_roles (user_id, role) values (999, 'learner')")).rejects.toThrow(/FOREIGN KEY/);
    } finally {
      fixture.close();
    }
  });

  it('waits for another process that holds the write lock, then writes', async () => {
    const fixture = await freshDb('lock');
    // Another server process: takes the write lock (BEGIN IMMEDIATE), writes, and keeps it ~1.5 s.
    const holder = spawn(
      process.execPath,
      [
        '--input-type=module',
        '-e',
        `import { createClient } from '@libsql/client';
         const client = createClient({ url: ${JSON.stringify(fixture.url)} });
         const tx = await client.transaction('write');
         await tx.execute("insert into app_settings (key, value, updated_at) values ('holder', '1', 1)");
         console.log('locked');
         await new Promise((done) => setTimeout(done, 1500));
         await tx.commit();
         client.close();`,
      ],
      { stdio: ['ignore', 'pipe', 'inherit'] },
    );
    try {
      await new Promise<void>((resolve, reject) => {
        holder.stdout.on('data', (chunk: Buffer) => (chunk.toString().includes('locked') ? resolve() : undefined));
        holder.once('exit', (code) => reject(new Error(`lock holder exited early (${code})`)));
      });
      const started = Date.now();
      // Without busy_timeout this fails at once with SQLITE_BUSY.
      await fixture.client.execute("insert into app_settings (key, value, updated_at) values ('waiter', '1', 2)");
      expect(Date.now() - started).toBeGreaterThanOrEqual(500);
      const keys = (await fixture.client.execute('select key from app_settings order by updated_at')).rows.map((row) => row[0]);
      expect(keys).toEqual(['holder', 'waiter']);
    } finally {
      if (holder.exitCode === null) await new Promise((done) => holder.once('exit', done));
      fixture.close();
    }
  });
});
