import type { APIRoute } from 'astro';
import { sql } from 'drizzle-orm';
import { getDb } from '../../lib/server/db';
import { json } from '../../lib/server/http';

export const prerender = false;

/** For uptime checks: 200 when the server and its database answer, 503 otherwise. */
export const GET: APIRoute = async () => {
  try {
    const db = await getDb();
    await db.run(sql`select 1`);
    return json({ status: 'ok', database: 'ok' });
  } catch (error) {
    console.error('health check: database unavailable', error);
    return json({ status: 'error', message: '数据库暂时无法访问' }, 503);
  }
};
