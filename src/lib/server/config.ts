// Every environment setting, read and validated once. Nothing else in src/ or db/ reads
// process.env (src/cluster.mjs imports this very file: Node 24 runs it by stripping the types, so
// it imports nothing but Node built-ins, zod and database-url.ts, and uses no TypeScript-only syntax).
//
// Why not astro:env: its public server variables are baked in at build time, and this module must
// also serve src/cluster.mjs and the db/ command-line tools, which run outside Astro's bundle.
import { availableParallelism } from 'node:os';
import { BlockList, isIP } from 'node:net';
import { dirname, resolve } from 'node:path';
import { z } from 'zod';
import { databaseTarget, databaseUrlProblem } from './database-url.ts';

export interface Config {
  /** PORT: the port the server listens on. */
  port: number;
  /** HOST: the address it listens on. */
  host: string;
  /** DATABASE_URL: `file:…` (embedded SQLite) or a libSQL server's URL. */
  databaseUrl: string;
  /** DATABASE_AUTH_TOKEN: for a remote libSQL server. */
  databaseAuthToken: string | undefined;
  /** SITE_URL: the public address (canonical and link-preview URLs), read when the server starts. */
  siteUrl: URL;
  /** Whether SITE_URL was set at all (production must set it). */
  siteUrlSet: boolean;
  /** NODE_ENV === 'production'. */
  production: boolean;
  /** XG_DEMO=1 outside production: demo data and the demo banner. */
  demo: boolean;
  /** OPEN_REGISTRATION=1: registration without an invitation code. */
  openRegistration: boolean;
  /** XG_SECRET_KEY, or undefined for `secret.key` beside the database file. */
  secretKey: string | undefined;
  /** XG_SHOW_DRAFTS=1: draft courses and lessons are published (authors' previews). */
  showDrafts: boolean;
  /** WORKERS: server processes in src/cluster.mjs. */
  workers: number;
  /** TRUSTED_PROXY: addresses or CIDR ranges of our own reverse proxies (empty: none). */
  trustedProxies: readonly string[];
  /** Secure, `__Host-` session cookie: always in production, and whenever SITE_URL is https. */
  secureCookies: boolean;
  /** CONTENT_DIR: the MDX content the build reads (the benchmark and tests use other content). */
  contentDir: string;
  /** BACKUP_DIR, absolute: where `npm run backup` writes (default: `backups` beside the database). */
  backupDir: string;
  /** BACKUP_KEEP_DAILY: how many days keep their newest backup. */
  backupKeepDaily: number;
  /** BACKUP_KEEP_WEEKLY: how many weeks (Monday to Sunday, UTC) keep their newest backup. */
  backupKeepWeekly: number;
  /** BACKUP_DAILY_AT: `HH:MM` (server local time) for the server's own daily backup, or undefined: none. */
  backupDailyAt: { hour: number; minute: number } | undefined;
  /** DB_SYNCHRONOUS: SQLite's `synchronous` for a file database (see README, 断电时会丢什么). */
  dbSynchronous: 'NORMAL' | 'FULL';
  /** Operations (logs, health): see OPS_SETTINGS. */
  ops: OpsConfig;
}

/** The settings of logging and /api/health. */
export interface OpsConfig {
  /** LOG_LEVEL: the least important log lines written (default info). */
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug';
  /** SLOW_REQUEST_MS: a request that takes longer is listed as slow on 管理 › 运行情况. */
  slowRequestMs: number;
  /** MIN_FREE_DISK_MB: /api/health answers 503 with less free space beside the database. */
  minFreeDiskMb: number;
  /** BACKUP_MAX_AGE_HOURS: /api/health answers 503 when the newest backup is older (0: not checked). */
  backupMaxAgeHours: number;
}

export const DEFAULT_DATABASE_URL = 'file:data/xiaguang.db';
export const DEFAULT_SITE_URL = 'http://localhost:4321';

/** A message naming the setting, in Chinese for the operator and English for the log search. */
const invalid = (name: string, zh: string, en: string): string => `设置 ${name} 无效：${zh}（${name}: ${en}）`;

const text = z.string().trim();
const optionalText = text.optional().transform((value) => (value ? value : undefined));

function flag(name: string): z.ZodType<boolean, string | undefined> {
  return z
    .enum(['', '0', '1'], { error: invalid(name, '只能是 1（开）或 0（关）。', 'use 1 or 0') })
    .optional()
    .transform((value) => value === '1');
}

function integer(name: string, min: number, max: number, fallback: number): z.ZodType<number, string | undefined> {
  return optionalText.pipe(
    z
      .string()
      .regex(/^\d+$/, invalid(name, `应是 ${min} 到 ${max} 之间的整数。`, `an integer from ${min} to ${max}`))
      .transform(Number)
      .refine((n) => n >= min && n <= max, invalid(name, `应是 ${min} 到 ${max} 之间的整数。`, `an integer from ${min} to ${max}`))
      .optional(),
  ).transform((value) => value ?? fallback);
}

const LOOPBACK_HOSTS = new Set(['localhost', '[::1]']);
export function isLoopbackUrl(url: URL): boolean {
  return LOOPBACK_HOSTS.has(url.hostname) || /^127\.\d+\.\d+\.\d+$/.test(url.hostname);
}

const siteUrl = optionalText
  .transform((value) => value ?? DEFAULT_SITE_URL)
  .pipe(
    z
      .string()
      .refine(
        (value) => URL.canParse(value) && /^https?:$/.test(new URL(value).protocol),
        invalid('SITE_URL', '应是网站的完整地址，例如 https://xiaguang.example.cn', 'a full http(s) URL such as https://xiaguang.example.cn'),
      )
      .transform((value) => new URL(value)),
  );

const databaseUrl = optionalText
  .transform((value) => value ?? DEFAULT_DATABASE_URL)
  .superRefine((value, context) => {
    const problem = databaseUrlProblem(value);
    if (problem) {
      context.addIssue({
        code: 'custom',
        message: invalid(
          'DATABASE_URL',
          '应是 file:数据库文件、libsql:// 或 https:// 开头的 libSQL 服务器地址，或 file:本地副本?syncUrl=libsql://…（见 README 的“扩展到多台服务器”）。',
          problem,
        ),
      });
    }
  });

/** An IPv4/IPv6 address or a CIDR range (10.0.0.0/8, fd00::/8). */
function parseProxy(entry: string): { address: string; prefix: number | undefined; family: 'ipv4' | 'ipv6' } | null {
  const [address = '', prefixText, extra] = entry.split('/');
  const version = isIP(address);
  if (version === 0 || extra !== undefined) return null;
  const family = version === 4 ? 'ipv4' : 'ipv6';
  if (prefixText === undefined) return { address, prefix: undefined, family };
  if (!/^\d+$/.test(prefixText) || Number(prefixText) > (version === 4 ? 32 : 128)) return null;
  return { address, prefix: Number(prefixText), family };
}

const trustedProxies = optionalText
  .transform((value) => (value ?? '').split(/[\s,]+/).filter(Boolean))
  .refine(
    (entries) => entries.every((entry) => parseProxy(entry) !== null),
    invalid(
      'TRUSTED_PROXY',
      '应是反向代理的 IP 地址或网段，多个用逗号分开，例如 127.0.0.1 或 10.0.0.0/8。',
      'IP addresses or CIDR ranges, comma-separated, e.g. 127.0.0.1 or 10.0.0.0/8',
    ),
  );

const secretKey = optionalText.refine(
  (value) => value === undefined || value.length >= 32,
  invalid('XG_SECRET_KEY', '至少要 32 个字符（可用 openssl rand -base64 32 生成）。', 'at least 32 characters'),
);

const backupDailyAt = optionalText.pipe(
  z
    .string()
    .regex(/^([01]?\d|2[0-3]):[0-5]\d$/, invalid('BACKUP_DAILY_AT', '应是每天备份的时刻，例如 03:30（24 小时制），不要每天自动备份就留空。', 'a time of day such as 03:30, or empty for none'))
    .transform((value) => {
      const [hour = 0, minute = 0] = value.split(':').map(Number);
      return { hour, minute };
    })
    .optional(),
);

const dbSynchronous = optionalText
  .transform((value) => (value ?? 'FULL').toUpperCase())
  .pipe(z.enum(['NORMAL', 'FULL'], { error: invalid('DB_SYNCHRONOUS', '只能是 FULL（默认，断电也不丢已保存的数据）或 NORMAL。', 'FULL (default) or NORMAL') }));

/** The backup folder: BACKUP_DIR, or `backups` beside the database file (data/backups by default), as data-dir.ts places media. */
function backupFolder(setting: string | undefined, databaseUrl: string): string {
  if (setting) return resolve(setting);
  const file = databaseTarget(databaseUrl).file;
  return resolve(file ? dirname(file) : resolve('data'), 'backups');
}
const OPS_SETTINGS = {
  LOG_LEVEL: z
    .enum(['', 'fatal', 'error', 'warn', 'info', 'debug'], { error: invalid('LOG_LEVEL', '只能是 fatal、error、warn、info 或 debug。', 'one of fatal, error, warn, info, debug') })
    .optional()
    .transform((value) => value || 'info'),
  SLOW_REQUEST_MS: integer('SLOW_REQUEST_MS', 50, 600_000, 1000),
  MIN_FREE_DISK_MB: integer('MIN_FREE_DISK_MB', 0, 10_000_000, 500),
  BACKUP_MAX_AGE_HOURS: integer('BACKUP_MAX_AGE_HOURS', 0, 10_000, 0),
};

const schema = z.object({
  // 0: any free port (tests that start their own server read the port from the log).
  PORT: integer('PORT', 0, 65535, 4321),
  HOST: optionalText.transform((value) => value ?? '127.0.0.1'),
  DATABASE_URL: databaseUrl,
  DATABASE_AUTH_TOKEN: optionalText,
  SITE_URL: siteUrl,
  NODE_ENV: optionalText,
  XG_DEMO: flag('XG_DEMO'),
  OPEN_REGISTRATION: flag('OPEN_REGISTRATION'),
  XG_SECRET_KEY: secretKey,
  XG_SHOW_DRAFTS: flag('XG_SHOW_DRAFTS'),
  WORKERS: integer('WORKERS', 1, 16, Math.min(availableParallelism(), 4)),
  TRUSTED_PROXY: trustedProxies,
  CONTENT_DIR: optionalText.transform((value) => value ?? './content'),
  BACKUP_DIR: optionalText,
  BACKUP_KEEP_DAILY: integer('BACKUP_KEEP_DAILY', 1, 365, 7),
  BACKUP_KEEP_WEEKLY: integer('BACKUP_KEEP_WEEKLY', 0, 520, 4),
  BACKUP_DAILY_AT: backupDailyAt,
  DB_SYNCHRONOUS: dbSynchronous,
  ...OPS_SETTINGS,
});

/**
 * Reads and validates the settings in `env`. Throws one Error listing every invalid setting, each
 * named in Chinese and English. (`astro build` sets NODE_ENV=production itself, so the rules for
 * a production server are checked when it starts: checkServerStart.)
 */
export function loadConfig(env: Record<string, string | undefined>): Config {
  const parsed = schema.safeParse(env);
  if (!parsed.success) {
    throw new Error(parsed.error.issues.map((issue) => issue.message).join('\n'));
  }
  const values = parsed.data;
  const production = values.NODE_ENV === 'production';
  return {
    port: values.PORT,
    host: values.HOST,
    databaseUrl: values.DATABASE_URL,
    databaseAuthToken: values.DATABASE_AUTH_TOKEN,
    siteUrl: values.SITE_URL,
    siteUrlSet: Boolean(env['SITE_URL']?.trim()),
    production,
    demo: values.XG_DEMO && !production,
    openRegistration: values.OPEN_REGISTRATION,
    secretKey: values.XG_SECRET_KEY,
    showDrafts: values.XG_SHOW_DRAFTS,
    workers: values.WORKERS,
    trustedProxies: values.TRUSTED_PROXY,
    secureCookies: production || values.SITE_URL.protocol === 'https:',
    contentDir: values.CONTENT_DIR,
    backupDir: backupFolder(values.BACKUP_DIR, values.DATABASE_URL),
    backupKeepDaily: values.BACKUP_KEEP_DAILY,
    backupKeepWeekly: values.BACKUP_KEEP_WEEKLY,
    backupDailyAt: values.BACKUP_DAILY_AT,
    dbSynchronous: values.DB_SYNCHRONOUS,
    ops: {
      logLevel: values.LOG_LEVEL as OpsConfig['logLevel'],
      slowRequestMs: values.SLOW_REQUEST_MS,
      minFreeDiskMb: values.MIN_FREE_DISK_MB,
      backupMaxAgeHours: values.BACKUP_MAX_AGE_HOURS,
    },
  };
}

/**
 * The settings a production server must have before it serves anything: an explicit https://
 * SITE_URL (the session cookie is Secure, and links shared in WeChat must work), or a loopback
 * one, which is how the browser tests and benchmarks run the production build on 127.0.0.1.
 * src/cluster.mjs calls it before it forks any worker.
 */
export function checkServerStart(config: Config): void {
  // Every server on a shared database must seal and open two-step keys with one key: a secret.key
  // file made on each machine would differ (secret-box.ts).
  if (!config.secretKey && ['server', 'replica'].includes(databaseTarget(config.databaseUrl).kind)) {
    throw new Error(
      invalid(
        'XG_SECRET_KEY',
        '数据库不是本机的一个文件（libSQL 服务器或本地副本）时必须设置，而且每台服务器要设成同一个值（可用 openssl rand -base64 32 生成）。',
        'required, and the same on every server, when DATABASE_URL is not a local file',
      ),
    );
  }
  if (!config.production) return;
  if (!config.siteUrlSet) {
    throw new Error(
      invalid('SITE_URL', '生产环境（NODE_ENV=production）必须设置网站的 https:// 地址。', 'must be set to the https:// address when NODE_ENV=production'),
    );
  }
  if (config.siteUrl.protocol !== 'https:' && !isLoopbackUrl(config.siteUrl)) {
    throw new Error(
      invalid(
        'SITE_URL',
        `生产环境（NODE_ENV=production）必须是 https:// 开头的网站地址，现在是 ${config.siteUrl.origin}。`,
        'must be an https:// address when NODE_ENV=production (only http://127.0.0.1:… or http://localhost:… may be http)',
      ),
    );
  }
}

let cached: Config | undefined;

/** This process's settings, read from the environment on first use. */
export function getConfig(): Config {
  cached ??= loadConfig(process.env);
  return cached;
}

/** For tests that change the environment between cases. */
export function resetConfig(): void {
  cached = undefined;
}

/** A matcher for TRUSTED_PROXY's addresses and ranges. */
export function proxyMatcher(entries: readonly string[]): (address: string) => boolean {
  const list = new BlockList();
  for (const entry of entries) {
    const proxy = parseProxy(entry);
    if (!proxy) continue;
    if (proxy.prefix === undefined) list.addAddress(proxy.address, proxy.family);
    else list.addSubnet(proxy.address, proxy.prefix, proxy.family);
  }
  return (address) => {
    const version = isIP(address);
    return version !== 0 && list.check(address, version === 4 ? 'ipv4' : 'ipv6');
  };
}

/**
 * `npm run admin:create` answers given ahead (ADMIN_PHONE, ADMIN_NAME, ADMIN_PASSWORD) for an
 * unattended set-up; the tool asks for whatever is missing. Not server settings, so not in Config.
 */
export function adminToolInput(): { phone: string | undefined; name: string | undefined; password: string | undefined } {
  const value = (name: string): string | undefined => process.env[name]?.trim() || undefined;
  return { phone: value('ADMIN_PHONE'), name: value('ADMIN_NAME'), password: value('ADMIN_PASSWORD') };
}
