import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/lib/server/config';
import { safeErrorText } from '../../src/lib/server/log';
import { currentRequest, newRequestId, withRequestContext } from '../../src/lib/server/request-context';
import { withForwardedHttps } from '../../src/lib/server/server-process';
import { proxyMatcher } from '../../src/lib/server/config';
import type { IncomingMessage, ServerResponse } from 'node:http';

describe('what an error puts in the log', () => {
  it("is its message and its cause's, without a failed query's parameters", () => {
    const cause = new Error('SQLITE_CONSTRAINT: UNIQUE constraint failed: users.phone');
    const error = new Error("Failed query: insert into users (phone, password_hash) values (?, ?)\nparams: 13900000720,$argon2id$v=19$secret", { cause });
    const text = safeErrorText(error);
    expect(text).toContain('Failed query: insert into users');
    expect(text).toContain('UNIQUE constraint failed: users.phone');
    expect(text).not.toContain('13900000720');
    expect(text).not.toContain('argon2id');
    expect(text).not.toContain('\n');
  });

  it('is at most 300 characters', () => {
    expect(safeErrorText(new Error('长'.repeat(1000))).length).toBeLessThanOrEqual(300);
  });
});

describe('request ids', () => {
  it('are eight characters a retiree can read out: no 0/O or 1/I/L to confuse', () => {
    const ids = new Set(Array.from({ length: 2000 }, newRequestId));
    expect(ids.size).toBe(2000);
    for (const id of ids) expect(id).toMatch(/^[2-9A-HJKMNP-Z]{4}-[2-9A-HJKMNP-Z]{4}$/);
  });

  it('are the same everywhere inside one request, and absent outside', async () => {
    expect(currentRequest()).toBeUndefined();
    await withRequestContext({ id: 'ABCD-EFGH' }, async () => {
      await new Promise((done) => setTimeout(done, 1));
      expect(currentRequest()?.id).toBe('ABCD-EFGH');
    });
  });
});

describe('the operations settings', () => {
  it('have defaults', () => {
    expect(loadConfig({}).ops).toEqual({ logLevel: 'info', slowRequestMs: 1000, minFreeDiskMb: 500, backupMaxAgeHours: 0 });
  });

  it.each([
    ['LOG_LEVEL', 'loud'],
    ['SLOW_REQUEST_MS', '10'],
    ['MIN_FREE_DISK_MB', '-1'],
    ['BACKUP_MAX_AGE_HOURS', 'a day'],
  ])('refuse %s=%s, naming it', (name, value) => {
    expect(() => loadConfig({ [name]: value })).toThrow(new RegExp(`设置 ${name} 无效`));
  });
});

describe('X-Forwarded-Proto', () => {
  const seen = (remoteAddress: string, proto: string | undefined): boolean => {
    const req = { socket: { remoteAddress }, headers: proto ? { 'x-forwarded-proto': proto } : {} } as unknown as IncomingMessage;
    let encrypted = false;
    withForwardedHttps((request) => (encrypted = (request.socket as { encrypted?: boolean }).encrypted === true), proxyMatcher(['127.0.0.1', '10.0.0.0/8']))(req, {} as ServerResponse);
    return encrypted;
  };

  it('makes the request https only when one of our proxies says so', () => {
    expect(seen('127.0.0.1', 'https')).toBe(true);
    expect(seen('::ffff:10.1.2.3', 'https')).toBe(true);
    expect(seen('127.0.0.1', undefined)).toBe(false);
    expect(seen('127.0.0.1', 'http')).toBe(false);
    expect(seen('198.51.100.7', 'https')).toBe(false);
  });

  it('is read per request: a kept-alive connection from the proxy carries http and https requests alike', () => {
    const socket = { remoteAddress: '127.0.0.1' };
    const flags: boolean[] = [];
    const handler = withForwardedHttps((request) => flags.push((request.socket as { encrypted?: boolean }).encrypted === true), proxyMatcher(['127.0.0.1']));
    for (const proto of ['https', undefined, 'https']) handler({ socket, headers: proto ? { 'x-forwarded-proto': proto } : {} } as unknown as IncomingMessage, {} as ServerResponse);
    expect(flags).toEqual([true, false, true]);
  });
});
