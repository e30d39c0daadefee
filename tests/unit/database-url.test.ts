// DATABASE_URL alone configures the database client (issue 14, item 5): a file, a libSQL server
// with its token in the URL, or an embedded replica of one. No libSQL server runs here, so these
// check what the client is given, never a connection.
import { resolve } from 'node:path';
import { expandConfig } from '@libsql/core/config';
import { describe, expect, it } from 'vitest';
import { checkServerStart, loadConfig } from '../../src/lib/server/config';
import { clientOptions, databaseTarget } from '../../src/lib/server/database-url';
import { dataFolder, serverPidFile } from '../../src/lib/server/data-dir';
import { databaseFile } from '../../db/migrate.mjs';

const REPLICA = 'file:data/replica.db?syncUrl=libsql%3A%2F%2Fdb.example.cn&authToken=token-1&syncInterval=5';

describe('DATABASE_URL', () => {
  it('a file: the client gets the file, and files the server writes go beside it', () => {
    const target = databaseTarget('file:data/xiaguang.db');
    expect(target).toEqual({ kind: 'file', url: 'file:data/xiaguang.db', file: resolve('data/xiaguang.db') });
    expect(clientOptions(target)).toEqual({ url: 'file:data/xiaguang.db' });
    expect(databaseFile('file:data/xiaguang.db')).toBe(resolve('data/xiaguang.db'));
    expect(serverPidFile('file:data/xiaguang.db')).toBe(resolve('data/xiaguang.db.pid'));
  });

  it('a libSQL server: the URL goes to the client as it is, and the client reads the token from it', () => {
    const url = 'libsql://db.example.cn?authToken=secret-token';
    const target = databaseTarget(url);
    expect(target).toMatchObject({ kind: 'server', file: null });
    expect(clientOptions(target)).toEqual({ url });
    expect(expandConfig(clientOptions(target), false)).toMatchObject({ scheme: 'wss', authToken: 'secret-token', authority: { host: 'db.example.cn' } });
    expect(databaseFile(url), 'backup and restore refuse: the server keeps its own').toBeNull();
    expect(dataFolder(url, 'media')).toBe(resolve('data/media'));
    // The older separate setting still works when the URL carries no token.
    expect(clientOptions(databaseTarget('https://db.example.cn', 'from-setting'))).toEqual({ url: 'https://db.example.cn', authToken: 'from-setting' });
  });

  it('an embedded replica: a local file plus the server it syncs with, all in the one URL', () => {
    const target = databaseTarget(REPLICA);
    expect(target).toEqual({
      kind: 'replica',
      url: 'file:data/replica.db',
      file: resolve('data/replica.db'),
      syncUrl: 'libsql://db.example.cn',
      syncInterval: 5,
      authToken: 'token-1',
    });
    expect(clientOptions(target)).toEqual({ url: 'file:data/replica.db', syncUrl: 'libsql://db.example.cn', syncInterval: 5, authToken: 'token-1' });
    // The client accepts what it is given (our own parameters are gone from its URL).
    expect(expandConfig({ ...clientOptions(target) }, false)).toMatchObject({ scheme: 'file', path: 'data/replica.db', syncUrl: 'libsql://db.example.cn' });
    expect(databaseFile(REPLICA), 'a replica is never backed up or restored as the database').toBeNull();
    expect(dataFolder(REPLICA, 'media')).toBe(resolve('data/media'));
    expect(loadConfig({ DATABASE_URL: REPLICA }).backupDir).toBe(resolve('data/backups'));
  });

  it.each([
    'postgres://db',
    'file:data/x.db?mode=ro',
    'file:data/x.db?syncUrl=ftp://db',
    'file:data/x.db?syncInterval=5',
    'file:data/x.db?syncUrl=libsql://db&syncInterval=soon',
  ])('refuses %s, naming DATABASE_URL', (url) => {
    expect(() => loadConfig({ DATABASE_URL: url })).toThrow(/设置 DATABASE_URL 无效：/);
  });

  it('a shared database needs one XG_SECRET_KEY for every server: the start refuses without it', () => {
    for (const url of ['libsql://db.example.cn?authToken=t', REPLICA]) {
      expect(() => checkServerStart(loadConfig({ DATABASE_URL: url }))).toThrow(/设置 XG_SECRET_KEY 无效：.*同一个值/);
      expect(() => checkServerStart(loadConfig({ DATABASE_URL: url, XG_SECRET_KEY: 'k'.repeat(40) }))).not.toThrow();
    }
    expect(() => checkServerStart(loadConfig({ DATABASE_URL: 'file:data/x.db' }))).not.toThrow();
  });
});
