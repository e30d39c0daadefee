import type { Client } from '@libsql/client';

export declare const DEFAULT_DATABASE_URL: string;
/** The file behind a `file:` URL, or null for a libSQL server or an in-memory database. */
export declare function databaseFile(url: string): string | null;
/** A client on `url` for the command-line steps, creating the folder of a file database. */
export declare function connect(url: string, authToken?: string): Client;
/** Apply every pending migration in db/migrations; idempotent. */
export declare function migrateDatabase(url?: string): Promise<void>;
