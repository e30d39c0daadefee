import { dirname, resolve } from 'node:path';

/**
 * A folder of files the server writes (uploaded pictures, the live search index), beside the
 * database file as `secret.key` is: data/media/ for the default data/xiaguang.db, tests/.tmp/media/
 * for the tests' database. A remote database keeps them under data/. Imports only Node built-ins
 * (src/cluster.mjs runs it directly).
 */
export function dataFolder(databaseUrl: string, name: string): string {
  const file = databaseUrl.startsWith('file:') ? databaseUrl.slice('file:'.length) : '';
  const base = file && file !== ':memory:' ? dirname(resolve(file)) : resolve('data');
  return resolve(base, name);
}

/**
 * The running server's pid file, written by src/cluster.mjs's primary and read by `npm run reload`:
 * `xiaguang.db.pid` beside the database file, `data/server.pid` for a remote database.
 */
export function serverPidFile(databaseUrl: string): string {
  const file = databaseUrl.startsWith('file:') ? databaseUrl.slice('file:'.length) : '';
  return file && file !== ':memory:' ? `${resolve(file)}.pid` : dataFolder(databaseUrl, 'server.pid');
}
