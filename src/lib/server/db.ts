import { createClient, type Client } from '@libsql/client';
import { drizzle, type LibSQLDatabase } from 'drizzle-orm/libsql';
import { migrate } from 'drizzle-orm/libsql/migrator';
import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import * as schema from '../../../db/schema';
import { seedDemoData } from './demo-seed';
import { serializeClient } from './serialized-client';
import { isDemoMode } from '../demo';
import { purgeImportBatches } from './import-batches';

export type Db = LibSQLDatabase<typeof schema>;

export const DEFAULT_DATABASE_URL = 'file:data/xiaguang.db';
const BUSY_TIMEOUT_MS = 5000;

interface Opened {
  db: Db;
  client: Client;
}

/** Open a database, apply the pragmas and every pending migration. Idempotent. */
export async function openDatabase(url: string, options: { demo?: boolean } = {}): Promise<Opened> {
  if (url.startsWith('file:')) {
    const file = url.slice('file:'.length);
    if (file && file !== ':memory:') mkdirSync(dirname(resolve(file)), { recursive: true });
  }
  const authToken = process.env.DATABASE_AUTH_TOKEN;
  // `timeout` is SQLite's busy_timeout, applied to every pooled connection: a writer waits for the
  // lock instead of failing. (A PRAGMA run through the client would reach one connection only.)
  // One connection: serializeClient already runs this process's statements one at a time, and a
  // single connection keeps the per-connection pragmas below in force for the whole process.
  const client = serializeClient(
    createClient({ url, timeout: BUSY_TIMEOUT_MS, concurrency: 1, ...(authToken ? { authToken } : {}) }),
  );
  if (url.startsWith('file:')) {
    // WAL (stored in the file) lets other processes read while one writes. With WAL,
    // synchronous=NORMAL never corrupts the database; a power cut may lose the last commits, not
    // an application crash. FULL would wait for the disk on every commit (~7 ms here).
    await client.execute('PRAGMA journal_mode = WAL');
    await client.execute('PRAGMA synchronous = NORMAL');
  }
  await client.execute('PRAGMA foreign_keys = ON');
  const db = drizzle(client, { schema });
  await prepareSchemaAndData(db, options.demo === true);
  return { db, client };
}

/**
 * Migrations, then demo data in demo mode. Several server processes may open a new database at the
 * same moment: the loser of that race fails (the table exists, the phone number is taken), and on
 * the next try finds the work done. Both steps are idempotent.
 */
async function prepareSchemaAndData(db: Db, demo: boolean): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      await migrate(db, { migrationsFolder: resolve(process.env.MIGRATIONS_DIR ?? 'db/migrations') });
      if (demo) await seedDemoData(db);
      // Personal data past its keeping time goes when the server starts (and on later imports).
      await purgeImportBatches(db);
      return;
    } catch (error) {
      if (attempt >= 5) throw error;
      await new Promise((done) => setTimeout(done, 50 * attempt + Math.random() * 100));
    }
  }
}

let opening: Promise<Opened> | undefined;

/** The one shared client of this process, opened on first use. */
export function getDb(): Promise<Db> {
  opening ??= openDatabase(process.env.DATABASE_URL ?? DEFAULT_DATABASE_URL, {
    demo: isDemoMode(),
  }).catch((error: unknown) => {
    opening = undefined;
    throw error;
  });
  return opening.then((opened) => opened.db);
}
