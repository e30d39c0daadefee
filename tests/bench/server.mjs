// The production server for a benchmark: src/cluster.mjs over a build, on 127.0.0.1, with its own
// throwaway database, plus accounts with ready-made sessions (the sign-in itself is not measured).
import { spawn } from 'node:child_process';
import { createHash, randomInt } from 'node:crypto';
import { mkdirSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { createClient } from '@libsql/client';

const BASE32 = 'abcdefghijklmnopqrstuvwxyz234567';

/** 32 characters of [a-z2-7], the shape of session ids and secrets (160 random bits). */
const randomToken = () => Array.from({ length: 32 }, () => BASE32[randomInt(32)]).join('');

async function waitForHealth(base, server) {
  const deadline = Date.now() + 90_000;
  while (Date.now() < deadline) {
    if (server.exitCode !== null) throw new Error(`server exited with code ${server.exitCode}`);
    const up = await fetch(`${base}/api/health`).then((r) => r.ok).catch(() => false);
    if (up) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error('server did not answer /api/health within 90 s');
}

/**
 * Starts the server and waits until it answers (src/cluster.mjs creates and migrates the
 * database before the server starts). Returns the base URL, a database client, the server's stderr so far, and stop().
 * `script` runs another server the same way (the bare ceiling: bare-server.ts, with nodeArgs
 * ['--import', 'tsx']). `env` adds settings (DB_SYNCHRONOUS, …); `keepDatabase` serves the database
 * file as it is (a restored backup) instead of a new one.
 */
export async function startBenchServer({ outDir, port, dbFile, nodeArgs = [], script = 'src/cluster.mjs', env: extra = {}, keepDatabase = false }) {
  mkdirSync(dirname(dbFile), { recursive: true });
  if (!keepDatabase) for (const suffix of ['', '-wal', '-shm']) rmSync(`${dbFile}${suffix}`, { force: true });
  const base = `http://127.0.0.1:${port}`;
  // No demo data, whatever the caller's shell has set; production on loopback (its cookie is
  // Secure and __Host- prefixed, as in production).
  const { XG_DEMO: _demo, ...env } = process.env;
  const server = spawn(process.execPath, [...nodeArgs, script], {
    env: {
      ...env,
      HOST: '127.0.0.1',
      PORT: String(port),
      DATABASE_URL: `file:${dbFile}`,
      NODE_ENV: 'production',
      SITE_URL: base,
      XG_SERVER_ENTRY: join(outDir, 'server/entry.mjs'),
      ...extra,
    },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let errors = '';
  server.stderr.setEncoding('utf8');
  server.stderr.on('data', (chunk) => {
    if (errors.length < 4000) errors += chunk;
  });
  const kill = () => {
    if (server.exitCode === null && server.signalCode === null) server.kill();
  };
  process.once('exit', kill);
  const client = createClient({ url: `file:${dbFile}`, timeout: 5000 });
  const stop = async () => {
    client.close();
    kill();
    process.removeListener('exit', kill);
    if (server.exitCode === null && server.signalCode === null) {
      await new Promise((resolve) => {
        const force = setTimeout(() => server.kill('SIGKILL'), 5000);
        server.once('exit', () => {
          clearTimeout(force);
          resolve();
        });
      });
    }
  };
  try {
    await waitForHealth(base, server);
  } catch (error) {
    await stop();
    throw error;
  }
  return { base, client, stop, serverErrors: () => errors, pid: server.pid };
}

/** `count` accounts with `role`, each with one session; returns their ids and cookies. */
export async function seedAccounts(client, { count, role, namePrefix }) {
  const now = Date.now();
  const accounts = Array.from({ length: count }, (_, index) => ({
    phone: `139${String(10_000_000 + index).padStart(8, '0')}`,
    sessionId: randomToken(),
    secret: randomToken(),
  }));
  const statements = accounts.flatMap((account, index) => [
    {
      sql: 'INSERT INTO users (phone, display_name, branch_id, password_hash, volunteer, created_at) VALUES (?, ?, NULL, NULL, 0, ?)',
      args: [account.phone, `${namePrefix}${index + 1}`, now],
    },
    { sql: 'INSERT INTO user_roles (user_id, role) SELECT id, ? FROM users WHERE phone = ?', args: [role, account.phone] },
    {
      sql: "INSERT INTO sessions (id, user_id, secret_hash, created_at, last_active_at, device) SELECT ?, id, ?, ?, ?, 'bench' FROM users WHERE phone = ?",
      args: [account.sessionId, createHash('sha256').update(account.secret).digest(), now, now, account.phone],
    },
  ]);
  await client.batch(statements, 'write');
  const ids = new Map((await client.execute('SELECT id, phone FROM users')).rows.map((row) => [row.phone, Number(row.id)]));
  return accounts.map((account) => ({ userId: ids.get(account.phone), cookie: `__Host-xg_session=${account.sessionId}.${account.secret}` }));
}
