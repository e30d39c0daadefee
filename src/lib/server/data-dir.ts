import { dirname, resolve } from 'node:path';
import { databaseTarget } from './database-url.ts';

/**
 * A folder of files the server writes (uploaded pictures, the live search index), beside the
 * database file as `secret.key` is: data/media/ for the default data/xiaguang.db, tests/.tmp/media/
 * for the tests' database. A remote database keeps them under data/. Imports only Node built-ins
 * (src/cluster.mjs runs it directly).
 */
export function dataFolder(databaseUrl: string, name: string): string {
  const file = databaseTarget(databaseUrl).file;
  return resolve(file ? dirname(file) : resolve('data'), name);
}

/**
 * The running server's pid file, written by src/cluster.mjs's primary and read by `npm run reload`:
 * `xiaguang.db.pid` beside the database file, `data/server.pid` for a remote database.
 */
export function serverPidFile(databaseUrl: string): string {
  const file = databaseTarget(databaseUrl).file;
  return file ? `${file}.pid` : dataFolder(databaseUrl, 'server.pid');
}
