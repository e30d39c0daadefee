import type { APIRoute } from 'astro';
import { sql } from 'drizzle-orm';
import { getDb } from '../../lib/server/db';

export const prerender = false;

/** For uptime checks: 200 when the server and its database answer, 503 otherwise. */
export const GET: APIRoute = async () => {
  const headers = { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' };
  try {
    const db = await getDb();
    await db.run(sql`select 1`);
    return new Response(JSON.stringify({ status: 'ok', database: 'ok' }), { headers });
  } catch (error) {
    console.error('health check: database unavailable', error);
    return new Response(JSON.stringify({ status: 'error', message: '数据库暂时无法访问' }), {
      status: 503,
      headers,
    });
  }
};
