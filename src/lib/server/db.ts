import { createClient, type Client } from '@libsql/client';
import { drizzle, type LibSQLDatabase } from 'drizzle-orm/libsql';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import * as schema from '../../../db/schema';
import { serializeClient } from './serialized-client';
import { cacheStatements } from './statement-cache';
import { getConfig } from './config';
import { onClose } from './shutdown';
import { clientOptions, databaseTarget } from './database-url';

export type Db = LibSQLDatabase<typeof schema>;
/** What db.transaction hands its callback. */
export type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];
/** The database or a transaction: for writes that may join the caller's transaction. */
export type Writer = Pick<Db, 'insert' | 'update' | 'delete' | 'select'>;

export { DEFAULT_DATABASE_URL } from './config';
const BUSY_TIMEOUT_MS = 5000;

export interface Opened {
  db: Db;
  client: Client;
}

/**
 * Connect and set the pragmas, nothing else: migrating (db/migrate.mjs, run when the server starts
 * and by `npm run db:migrate`) and demo data (db/seed/) are explicit steps of their own.
 */
export async function openDatabase(url: string): Promise<Opened> {
  const target = databaseTarget(url, getConfig().databaseAuthToken);
  if (target.file) mkdirSync(dirname(target.file), { recursive: true });
  if (target.kind === 'file' || target.kind === 'memory') cacheStatements();
  // `timeout` is SQLite's busy_timeout: a writer waits for another process's lock instead of
  // failing. (A PRAGMA run through the client would reach one pooled connection only.)
  // One connection: serializeClient already runs this process's statements one at a time, and a
  // single connection keeps the per-connection pragmas below in force for the whole process.
  const client = serializeClient(
    createClient({ ...clientOptions(target), timeout: BUSY_TIMEOUT_MS, concurrency: 1 }),
  );
  // Only on a file this process owns: an embedded replica's file is libSQL's to manage, and a
  // libSQL server keeps its own journal and durability settings.
  if (target.kind === 'file' || target.kind === 'memory') {
    // WAL (stored in the file) lets other processes read while one writes. DB_SYNCHRONOUS (FULL
    // by default) decides what a power cut may cost: FULL syncs the WAL at every commit, so nothing
    // acknowledged is lost; NORMAL syncs only at checkpoints, so the last commits before the cut
    // may go (never the database's integrity, and never on a mere process crash). Group commit
    // makes FULL cheap: one sync per batch, not per write (README, 断电时会丢什么; `npm run bench -- --only durability`).
    await client.execute('PRAGMA journal_mode = WAL');
    await client.execute(`PRAGMA synchronous = ${getConfig().dbSynchronous}`);
  }
  await client.execute('PRAGMA foreign_keys = ON');
  return { db: drizzle(client, { schema }), client };
}

let opening: Promise<Opened> | undefined;

/** The one shared client of this process, opened on first use. */
export function getDb(): Promise<Db> {
  opening ??= openDatabase(getConfig().databaseUrl).then((opened) => {
    // Closed last when the server stops, after every queued write (shutdown.ts).
    onClose(() => opened.client.close());
    return opened;
  }).catch((error: unknown) => {
    opening = undefined;
    throw error;
  });
  return opening.then((opened) => opened.db);
}
