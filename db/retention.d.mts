import type { Client } from '@libsql/client';

/** Deletes import batches older than IMPORT_BATCH_LIFETIME (src/lib/retention.ts); returns how many went. */
export declare function purgeExpiredImportBatches(client: Client, now?: number): Promise<number>;

/** Deletes throttle rows older than THROTTLE_ROW_LIFETIME (src/lib/retention.ts); returns how many went. */
export declare function purgeExpiredThrottles(client: Client, now?: number): Promise<number>;
