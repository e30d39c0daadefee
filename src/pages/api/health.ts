import type { APIRoute } from 'astro';
import { getDb } from '../../lib/server/db';
import { checkHealth, healthLimits } from '../../lib/server/health';
import { json } from '../../lib/server/http';
import { logger } from '../../lib/server/log';

export const prerender = false;

/**
 * For monitors: 200 when the database answers and takes a write, its structure is current, the
 * disk has room and (when BACKUP_MAX_AGE_HOURS is set) a recent backup exists; 503 otherwise, with
 * each check's result in the JSON body (src/lib/server/health.ts).
 */
export const GET: APIRoute = async () => {
  const db = await getDb().catch((error: unknown) => {
    logger().error({ err: error }, 'health check: database could not be opened');
    return null;
  });
  const report = await checkHealth(db, healthLimits());
  if (report.status !== 'ok') logger().warn({ checks: report.checks }, 'health check failed');
  return json(report, report.status === 'ok' ? 200 : 503);
};
