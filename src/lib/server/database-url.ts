// DATABASE_URL alone says where the database is, so the same build runs on one machine or many:
//
//   file:data/xiaguang.db                  a SQLite file on this machine (the default)
//   libsql://db.example.cn?authToken=…     a libSQL server (sqld): every statement goes to it
//   file:data/replica.db?syncUrl=libsql%3A%2F%2Fdb.example.cn&authToken=…&syncInterval=5
//                                          an embedded replica: reads from the local copy, writes
//                                          sent to the server (the primary), the copy kept in step
//
// `authToken` and `tls` are @libsql/client's own URL parameters; `syncUrl` and `syncInterval` are
// ours, because the client takes an embedded replica's primary only as an option, never in its URL.
// Node built-ins only: src/cluster.mjs, db/*.mjs and config.ts run this file by stripping its types.
import { resolve } from 'node:path';

export type DatabaseKind = 'file' | 'memory' | 'replica' | 'server';

export interface DatabaseTarget {
  kind: DatabaseKind;
  /** The URL handed to @libsql/client, without our own parameters. */
  url: string;
  /** The local SQLite file, absolute (a database file or an embedded replica), or null. */
  file: string | null;
  /** For an embedded replica: the libSQL server it reads from and writes to. */
  syncUrl?: string;
  /** For an embedded replica: seconds between pulls of other servers' writes (libSQL's syncInterval). */
  syncInterval?: number;
  authToken?: string;
}

/** The parameters a `file:` URL may carry (anything else is a typo that would silently do nothing). */
export const FILE_URL_PARAMETERS: readonly string[] = ['syncUrl', 'syncInterval', 'authToken'];

/** A problem with DATABASE_URL in words (English: the config module names the setting in both languages), or null. */
export function databaseUrlProblem(databaseUrl: string): string | null {
  if (!/^(file:|libsql:\/\/|https?:\/\/|wss?:\/\/)/.test(databaseUrl)) return 'use file:…, libsql://…, http(s)://… or ws(s)://…';
  if (!databaseUrl.startsWith('file:')) return URL.canParse(databaseUrl) ? null : 'not a valid URL';
  const query = databaseUrl.includes('?') ? databaseUrl.slice(databaseUrl.indexOf('?') + 1) : '';
  const params = new URLSearchParams(query);
  for (const key of params.keys()) if (!FILE_URL_PARAMETERS.includes(key)) return `a file: URL takes only ${FILE_URL_PARAMETERS.join(', ')} (found ${key})`;
  const syncUrl = params.get('syncUrl');
  if (syncUrl !== null && !/^(libsql|https?|wss?):\/\/./.test(syncUrl)) return 'syncUrl must be the libSQL server, libsql://… or https://…';
  const interval = params.get('syncInterval');
  if (interval !== null && (syncUrl === null || !/^\d{1,5}$/.test(interval) || Number(interval) < 1)) return 'syncInterval is whole seconds (1 or more), with a syncUrl';
  return null;
}

/** What DATABASE_URL (and the older DATABASE_AUTH_TOKEN, when the URL carries no token) name. */
export function databaseTarget(databaseUrl: string, authToken?: string): DatabaseTarget {
  if (!databaseUrl.startsWith('file:')) return { kind: 'server', url: databaseUrl, file: null, ...(authToken ? { authToken } : {}) };
  const mark = databaseUrl.indexOf('?');
  const path = databaseUrl.slice('file:'.length, mark === -1 ? undefined : mark);
  if (!path || path.startsWith(':memory:')) return { kind: 'memory', url: databaseUrl, file: null };
  const params = new URLSearchParams(mark === -1 ? '' : databaseUrl.slice(mark + 1));
  const file = resolve(path);
  const syncUrl = params.get('syncUrl');
  if (!syncUrl) return { kind: 'file', url: `file:${path}`, file };
  const token = params.get('authToken') ?? authToken;
  const interval = params.get('syncInterval');
  return {
    kind: 'replica',
    url: `file:${path}`,
    file,
    syncUrl,
    ...(interval ? { syncInterval: Number(interval) } : {}),
    ...(token ? { authToken: token } : {}),
  };
}

/** The options for @libsql/client's createClient (besides timeout and concurrency). */
export function clientOptions(target: DatabaseTarget): { url: string; authToken?: string; syncUrl?: string; syncInterval?: number } {
  return {
    url: target.url,
    ...(target.authToken ? { authToken: target.authToken } : {}),
    ...(target.syncUrl ? { syncUrl: target.syncUrl } : {}),
    ...(target.syncInterval ? { syncInterval: target.syncInterval } : {}),
  };
}
