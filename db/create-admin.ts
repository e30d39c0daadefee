/**
 * `npm run admin:create`: makes the first admin (or gives an existing person the admin role) on the
 * database named by DATABASE_URL. Asks for the phone number, name and password, or reads
 * ADMIN_PHONE, ADMIN_NAME and ADMIN_PASSWORD for unattended set-up.
 *
 * `npm run admin:create -- --reset-2fa`: an admin who lost both the phone with the authenticator
 * and the recovery codes, with no other admin to reset it, gets two-step sign-in reset (and is
 * signed out everywhere); whoever can run this on the server may do it, nobody over the web.
 */
import { createInterface } from 'node:readline/promises';
import { stdin, stdout } from 'node:process';
import { eq } from 'drizzle-orm';
import { openDatabase } from '../src/lib/server/db';
import { adminToolInput, getConfig } from '../src/lib/server/config';
import { migrateDatabase } from './migrate.mjs';
import { hashPassword, passwordProblem } from '../src/lib/server/password';
import { insertUser } from '../src/lib/server/users';
import { recordAudit } from '../src/lib/server/audit';
import { resetTwoFactor } from '../src/lib/server/two-factor';
import { isValidPhone, normalizePhone } from '../src/lib/phone';
import { userRoles, users } from './schema';

async function ask(question: string, fromEnv: string | undefined): Promise<string> {
  if (fromEnv) return fromEnv;
  const rl = createInterface({ input: stdin, output: stdout });
  const answer = await rl.question(question);
  rl.close();
  return answer.trim();
}

async function main(): Promise<void> {
  const phone = normalizePhone(await ask('管理员手机号：', adminToolInput().phone));
  if (!isValidPhone(phone)) throw new Error('手机号应是11位数字，以1开头。');
  const url = getConfig().databaseUrl;
  // The first admin often comes before the server has ever started on this database.
  await migrateDatabase(url);
  const { db, client } = await openDatabase(url);
  try {
    const existing = (await db.select({ id: users.id }).from(users).where(eq(users.phone, phone)))[0];
    if (process.argv.includes('--reset-2fa')) {
      if (!existing) throw new Error(`没有手机号为 ${phone} 的账号。`);
      await resetTwoFactor(db, existing.id, null);
      console.log(`已重置手机号 ${phone} 的两步验证，并让它在所有设备上退出登录。请用密码登录后重新设置验证器。`);
      return;
    }
    if (existing) {
      const before = (await db.select({ role: userRoles.role }).from(userRoles).where(eq(userRoles.userId, existing.id))).map((row) => row.role);
      await db.insert(userRoles).values({ userId: existing.id, role: 'admin' }).onConflictDoNothing();
      if (!before.includes('admin')) await recordAudit(db, { kind: 'roles.change', actorId: null, subjectId: existing.id, detail: { before, after: [...before, 'admin'] } });
      console.log(`已给手机号 ${phone} 的账号加上管理员角色。`);
      return;
    }
    const name = await ask('姓名：', adminToolInput().name);
    if (name.length < 2) throw new Error('请填写姓名，至少两个字。');
    const password = await ask('密码（至少8个字符）：', adminToolInput().password);
    const problem = passwordProblem(password, phone);
    if (problem) throw new Error(problem);
    await insertUser(db, { phone, displayName: name, branchId: null, passwordHash: await hashPassword(password), roles: ['learner', 'admin'] });
    console.log(`管理员账号已创建：${name}（${phone}）。请用它登录 /admin/。`);
  } finally {
    client.close();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
