// The demo's one rule about databases: demo data goes only into an empty database, and demo mode
// never runs on a database that holds real accounts (any account created while demo mode was off).
// Plain JavaScript: src/cluster.mjs checks it at start, db/seed/demo.ts before seeding.
import { databaseFile } from '../migrate.mjs';

/**
 * 'empty' (no accounts: seed), 'demo' (only accounts made in demo mode: already seeded), or
 * 'real' with the number of other accounts (refuse). Needs a migrated database.
 */
export async function demoDatabaseState(client) {
  const result = await client.execute('select count(*) as accounts, coalesce(sum(demo = 0), 0) as real from users');
  const accounts = Number(result.rows[0]?.accounts ?? 0);
  const real = Number(result.rows[0]?.real ?? 0);
  if (accounts === 0) return { state: 'empty', real: 0 };
  return real > 0 ? { state: 'real', real } : { state: 'demo', real: 0 };
}

/** Why demo mode may not use `url`, naming the file and how to use another one. */
export function demoRefusal(url, real) {
  const where = databaseFile(url) ?? url;
  return [
    `演示模式不能使用这个数据库：${where}`,
    `其中有 ${real} 个不是在演示模式下建立的账号（真实账号），演示数据不能写进去，演示站点也不能用它。`,
    '请换一个数据库文件来运行演示，例如：',
    '  DATABASE_URL=file:data/demo.db npm start',
    '正式使用请不要用 npm start，而是：npm run build，然后 NODE_ENV=production node src/cluster.mjs。',
  ].join('\n');
}
