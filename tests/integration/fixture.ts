import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { Client } from '@libsql/client';
import { migrateDatabase } from '../../db/migrate.mjs';
import { openDatabase, type Db } from '../../src/lib/server/db';

export interface TestDb {
  db: Db;
  client: Client;
  /** The database's `file:` URL, to open a second client on the same file. */
  url: string;
  /** The throwaway folder the file lives in. */
  dir: string;
  /** Closes the client and deletes the folder. */
  close: () => void;
}

/**
 * A new SQLite file under tests/.tmp, migrated the way the server's start migrates it, and opened
 * the way the server opens it. Every integration test starts from one of these.
 */
export async function freshDb(name = 'test'): Promise<TestDb> {
  mkdirSync('tests/.tmp', { recursive: true });
  const dir = mkdtempSync(join('tests/.tmp', `${name}-`));
  const url = `file:${join(dir, `${name}.db`)}`;
  await migrateDatabase(url);
  const { db, client } = await openDatabase(url);
  return {
    db,
    client,
    url,
    dir,
    close: () => {
      client.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
