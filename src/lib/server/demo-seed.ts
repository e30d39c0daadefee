import { eq } from 'drizzle-orm';
import { appSettings } from '../../../db/schema';
import type { Db } from './db';

const SEEDED_KEY = 'demo_seeded_at';

/**
 * Demo data for `npm start`, written once into an empty database. Later issues add accounts and
 * progress here; production (NODE_ENV=production) never calls it.
 */
export async function seedDemoData(db: Db): Promise<void> {
  const done = await db.select().from(appSettings).where(eq(appSettings.key, SEEDED_KEY));
  if (done.length > 0) return;
  const now = Date.now();
  await db.insert(appSettings).values({ key: SEEDED_KEY, value: String(now), updatedAt: now }).onConflictDoNothing();
}
