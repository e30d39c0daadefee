// The server's start (src/cluster.mjs) deletes personal data past its keeping time before any server
// process opens the database: opening connects and nothing else. Plain JavaScript, like migrate.mjs;
// src/lib/server/import-batches.ts applies the same lifetime on every preview and confirmation.
import { IMPORT_BATCH_LIFETIME, THROTTLE_ROW_LIFETIME } from '../src/lib/retention.ts';

/** Deletes import batches older than IMPORT_BATCH_LIFETIME (one day); returns how many went. */
export async function purgeExpiredImportBatches(client, now = Date.now()) {
  const deleted = await client.execute({ sql: 'DELETE FROM import_batches WHERE created_at <= ?', args: [now - IMPORT_BATCH_LIFETIME] });
  return deleted.rowsAffected;
}

/** Deletes throttle rows whose window started more than THROTTLE_ROW_LIFETIME ago; returns how many went. */
export async function purgeExpiredThrottles(client, now = Date.now()) {
  const deleted = await client.execute({ sql: 'DELETE FROM login_throttle WHERE window_started_at <= ?', args: [now - THROTTLE_ROW_LIFETIME] });
  return deleted.rowsAffected;
}
