import { createClient, type Client } from '@libsql/client';
import { drizzle, type LibSQLDatabase } from 'drizzle-orm/libsql';
import { migrate } from 'drizzle-orm/libsql/migrator';
import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import * as schema from '../../../db/schema';
import { seedDemoData } from './demo-seed';

export type Db = LibSQLDatabase<typeof schema>;

export const DEFAULT_DATABASE_URL = 'file:data/xiaguang.db';

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
  const client = createClient(authToken ? { url, authToken } : { url });
  if (url.startsWith('file:')) {
    // WAL lets readers and one writer work at once; busy_timeout waits instead of failing.
    await client.execute('PRAGMA journal_mode = WAL');
    await client.execute('PRAGMA busy_timeout = 5000');
    await client.execute('PRAGMA synchronous = NORMAL');
  }
  await client.execute('PRAGMA foreign_keys = ON');
  const db = drizzle(client, { schema });
  await migrate(db, { migrationsFolder: resolve(process.env.MIGRATIONS_DIR ?? 'db/migrations') });
  if (options.demo) await seedDemoData(db);
  return { db, client };
}

let opening: Promise<Opened> | undefined;

/** The one shared client of this process, opened on first use. */
export function getDb(): Promise<Db> {
  opening ??= openDatabase(process.env.DATABASE_URL ?? DEFAULT_DATABASE_URL, {
    demo: process.env.XG_DEMO === '1' && process.env.NODE_ENV !== 'production',
  }).catch((error: unknown) => {
    opening = undefined;
    throw error;
  });
  return opening.then((opened) => opened.db);
}
