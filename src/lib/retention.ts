/**
 * PIPL keeping times that the server enforces without a scheduler. Pure and without imports, so the
 * server's start step (db/retention.mjs, run by src/cluster.mjs under Node's type stripping) and the
 * server library read the same number.
 */

/**
 * A spreadsheet import batch holds names and phone numbers, so it is kept one day, confirmed or
 * not: long enough to check a file, fix it and confirm, never a second copy of the people list.
 */
export const IMPORT_BATCH_LIFETIME = 24 * 60 * 60 * 1000;

/**
 * Rows of the sign-in and request throttle (login_throttle: phone numbers, addresses, guide reads)
 * are deleted a day after their window started: far past the 15-minute window that gives them
 * meaning, so deleting them changes no decision, and the table does not grow without end.
 */
export const THROTTLE_ROW_LIFETIME = 24 * 60 * 60 * 1000;
