/**
 * `npm run db:seed` (a step of `npm start`): migrates the demo database and writes the demo data
 * into it when it is empty. Refuses, with a message and exit code 1, when demo mode is off (always
 * with NODE_ENV=production) or the database holds accounts that were not made in demo mode.
 */
import { pathToFileURL } from 'node:url';
import { migrateDatabase } from '../migrate.mjs';
import { demoDatabaseState, demoRefusal } from './demo-guard.mjs';
import { seedDemoData } from './demo-data';
import { openDatabase } from '../../src/lib/server/db';
import { isDemoMode } from '../../src/lib/server/demo';
import { getConfig } from '../../src/lib/server/config';

/** A refusal meant for the person at the terminal. */
export class DemoRefused extends Error {}

/** 'seeded' into an empty database, 'kept' a database that already holds only demo data. */
export async function prepareDemoDatabase(url: string, now = Date.now()): Promise<'seeded' | 'kept'> {
  if (getConfig().production) {
    throw new DemoRefused('NODE_ENV=production：正式环境从不写入演示数据。正式使用请运行 npm run build，然后 NODE_ENV=production node src/cluster.mjs。');
  }
  if (!isDemoMode()) throw new DemoRefused('演示数据只在演示模式（XG_DEMO=1，npm start 会设好）下写入。');
  await migrateDatabase(url);
  const { db, client } = await openDatabase(url);
  try {
    const found = await demoDatabaseState(client);
    if (found.state === 'real') throw new DemoRefused(demoRefusal(url, found.real));
    if (found.state === 'demo') return 'kept';
    // Another seed may have won the race since the check: then the database holds demo data only.
    return (await seedDemoData(db, now)) ? 'seeded' : 'kept';
  } finally {
    client.close();
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  prepareDemoDatabase(getConfig().databaseUrl).then(
    (outcome) => console.log(outcome === 'seeded' ? '演示数据已写入。' : '演示数据已在数据库里。'),
    (error: unknown) => {
      console.error(error instanceof DemoRefused ? error.message : error);
      process.exit(1);
    },
  );
}
