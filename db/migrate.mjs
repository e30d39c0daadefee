// `npm run db:migrate`, and the server's start (src/cluster.mjs): brings the database named by
// DATABASE_URL (read through src/lib/server/config.ts, which Node 24 runs by stripping its types) up to the newest migration in db/migrations. Idempotent: a migrated database is left
// as it is. Plain JavaScript so that `node src/cluster.mjs` can run it before the server starts,
// without a TypeScript loader; opening the database (src/lib/server/db.ts) never migrates.
import { createClient } from '@libsql/client';
import { drizzle } from 'drizzle-orm/libsql';
import { migrate } from 'drizzle-orm/libsql/migrator';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { getConfig } from '../src/lib/server/config.ts';
import { clientOptions, databaseTarget } from '../src/lib/server/database-url.ts';

export const MIGRATIONS = fileURLToPath(new URL('./migrations', import.meta.url));

/**
 * The database file behind a `file:` URL, or null for a libSQL server, an embedded replica (its
 * file is a copy libSQL keeps: back up and restore the server's) or an in-memory database.
 */
export function databaseFile(url) {
  const target = databaseTarget(url);
  return target.kind === 'file' ? target.file : null;
}

/** A client on `url` for the command-line steps (migrate, demo check), creating the folder. */
export function connect(url, authToken = getConfig().databaseAuthToken) {
  const target = databaseTarget(url, authToken);
  if (target.file) mkdirSync(dirname(target.file), { recursive: true });
  return createClient({ ...clientOptions(target), timeout: 5000 });
}

/**
 * Apply every pending migration. Two processes migrating one new database at the same moment
 * (a browser test's set-up beside the server it starts) race: the loser's batch fails (the table
 * exists) and rolls back, and its next try finds the work done.
 */
export async function migrateDatabase(url = getConfig().databaseUrl) {
  const client = connect(url);
  try {
    if (databaseFile(url)) await client.execute('PRAGMA journal_mode = WAL');
    for (let attempt = 1; ; attempt++) {
      try {
        await migrate(drizzle(client), { migrationsFolder: MIGRATIONS });
        return;
      } catch (error) {
        if (attempt >= 5) throw error;
        await new Promise((done) => setTimeout(done, 50 * attempt + Math.random() * 100));
      }
    }
  } finally {
    client.close();
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const url = getConfig().databaseUrl;
  migrateDatabase(url).then(
    () => console.log(`数据库已是最新结构：${databaseFile(url) ?? url}`),
    (error) => {
      console.error('数据库迁移失败：', error);
      process.exit(1);
    },
  );
}
