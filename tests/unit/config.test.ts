import { afterEach, describe, expect, it } from 'vitest';
import { checkServerStart, getConfig, loadConfig, resetConfig } from '../../src/lib/server/config';
import { clientAddress } from '../../src/lib/server/client-address';

describe('loadConfig', () => {
  it('gives the documented defaults when nothing is set', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({
      port: 4321,
      host: '127.0.0.1',
      databaseUrl: 'file:data/xiaguang.db',
      production: false,
      demo: false,
      openRegistration: false,
      showDrafts: false,
      trustedProxies: [],
      secureCookies: false,
    });
    expect(config.siteUrl.href).toBe('http://localhost:4321/');
    expect(config.workers).toBeGreaterThanOrEqual(1);
    expect(config.workers).toBeLessThanOrEqual(4);
  });

  it.each([
    [{ PORT: '80a' }, 'PORT'],
    [{ PORT: '70000' }, 'PORT'],
    [{ PORT: '-1' }, 'PORT'],
    [{ WORKERS: '0' }, 'WORKERS'],
    [{ XG_DEMO: 'yes' }, 'XG_DEMO'],
    [{ OPEN_REGISTRATION: 'true' }, 'OPEN_REGISTRATION'],
    [{ SITE_URL: 'xiaguang.example.cn' }, 'SITE_URL'],
    [{ DATABASE_URL: 'postgres://db' }, 'DATABASE_URL'],
    [{ XG_SECRET_KEY: 'short' }, 'XG_SECRET_KEY'],
    [{ TRUSTED_PROXY: '10.0.0.0/33' }, 'TRUSTED_PROXY'],
    [{ TRUSTED_PROXY: 'proxy.local' }, 'TRUSTED_PROXY'],
    [{ BACKUP_DAILY_AT: '25:00' }, 'BACKUP_DAILY_AT'],
    [{ BACKUP_DAILY_AT: 'nightly' }, 'BACKUP_DAILY_AT'],
    [{ BACKUP_KEEP_DAILY: '0' }, 'BACKUP_KEEP_DAILY'],
    [{ BACKUP_KEEP_WEEKLY: 'four' }, 'BACKUP_KEEP_WEEKLY'],
    [{ DB_SYNCHRONOUS: 'OFF' }, 'DB_SYNCHRONOUS'],
  ])('refuses %o, naming the setting in Chinese and English', (env, name) => {
    expect(() => loadConfig(env)).toThrow(new RegExp(`设置 ${name} 无效：.*（${name}: `));
  });

  it('lists every invalid setting at once', () => {
    expect(() => loadConfig({ PORT: 'x', WORKERS: 'y' })).toThrow(/PORT[\s\S]*WORKERS/);
  });

  it('refuses to serve production without an https SITE_URL, unless it is loopback', () => {
    const serve = (env: Record<string, string>): void => checkServerStart(loadConfig(env));
    expect(() => serve({ NODE_ENV: 'production', SITE_URL: 'http://xiaguang.example.cn' })).toThrow(
      /设置 SITE_URL 无效：生产环境.*https:\/\//,
    );
    expect(() => serve({ NODE_ENV: 'production' })).toThrow(/设置 SITE_URL 无效：生产环境.*必须设置/);
    for (const site of ['https://xiaguang.example.cn', 'http://127.0.0.1:4401', 'http://localhost:4321']) {
      expect(() => serve({ NODE_ENV: 'production', SITE_URL: site })).not.toThrow();
    }
    // A developer machine, and `astro build` (which sets NODE_ENV=production itself), need none.
    expect(() => serve({})).not.toThrow();
    expect(() => loadConfig({ NODE_ENV: 'production' })).not.toThrow();
  });

  it('makes the session cookie Secure in production and over https, not on a developer machine', () => {
    expect(loadConfig({ NODE_ENV: 'production', SITE_URL: 'http://127.0.0.1:4401' }).secureCookies).toBe(true);
    expect(loadConfig({ SITE_URL: 'https://xiaguang.example.cn' }).secureCookies).toBe(true);
    expect(loadConfig({ SITE_URL: 'http://localhost:4321' }).secureCookies).toBe(false);
  });

  it('never runs demo mode in production', () => {
    expect(loadConfig({ XG_DEMO: '1' }).demo).toBe(true);
    expect(loadConfig({ XG_DEMO: '1', NODE_ENV: 'production', SITE_URL: 'https://xiaguang.example.cn' }).demo).toBe(false);
  });
});

describe('clientAddress', () => {
  const saved = process.env.TRUSTED_PROXY;
  afterEach(() => {
    if (saved === undefined) delete process.env.TRUSTED_PROXY;
    else process.env.TRUSTED_PROXY = saved;
    resetConfig();
  });
  const request = (forwardedFor?: string): Request =>
    new Request('http://127.0.0.1/', forwardedFor ? { headers: { 'x-forwarded-for': forwardedFor } } : {});
  const withProxies = (value: string | undefined): void => {
    if (value === undefined) delete process.env.TRUSTED_PROXY;
    else process.env.TRUSTED_PROXY = value;
    resetConfig();
    getConfig();
  };

  it('ignores X-Forwarded-For from a peer that is not a trusted proxy', () => {
    withProxies(undefined);
    expect(clientAddress({ clientAddress: '203.0.113.9', request: request('198.51.100.1') })).toBe('203.0.113.9');
    withProxies('127.0.0.1');
    expect(clientAddress({ clientAddress: '203.0.113.9', request: request('198.51.100.1') })).toBe('203.0.113.9');
  });

  it('behind our proxy, takes the entry our proxy added, not what the client wrote before it', () => {
    withProxies('127.0.0.1, 10.0.0.0/8');
    const spoofed = request('1.2.3.4, 203.0.113.9');
    expect(clientAddress({ clientAddress: '::ffff:127.0.0.1', request: spoofed })).toBe('203.0.113.9');
    // Two of our proxies in a row: skip both.
    expect(clientAddress({ clientAddress: '127.0.0.1', request: request('1.2.3.4, 203.0.113.9, 10.1.2.3') })).toBe('203.0.113.9');
    // A trusted proxy that forwarded nothing is itself the client (a health check, say).
    expect(clientAddress({ clientAddress: '127.0.0.1', request: request() })).toBe('127.0.0.1');
    // Garbage in the header is never returned.
    expect(clientAddress({ clientAddress: '127.0.0.1', request: request('not-an-ip') })).toBe('127.0.0.1');
  });
});
