import { eq } from 'drizzle-orm';
import { appSettings, branches, invitations, lessonProgress, studyDays } from '../../../db/schema';
import type { Role } from '../../../db/schema';
import { beijingDay } from '../progress-rules';
import type { Db } from './db';
import { hashPassword } from './password';
import { installTotp } from './two-factor';
import { insertUser, type User } from './users';
import { codeAt } from '../two-factor-rules';
import { isDemoMode } from '../demo';
import { decodeBase32 } from '@oslojs/encoding';

const SEEDED_KEY = 'demo_seeded_at';

/** Demo accounts, one per role; listed in the README and for demo use only. */
export const DEMO_PASSWORD = 'xiaguang-demo';
export const DEMO_INVITATION = 'XIAGUANG2026';
/**
 * The demo admin's authenticator key (admins must use two-step sign-in). Add it to any
 * authenticator app by hand, or read the current code off the demo sign-in page.
 */
export const DEMO_TOTP_KEY = 'XIAGUANGXUETANGDEMOADMIN22222222';
export const DEMO_ACCOUNTS: Array<{ phone: string; name: string; roles: Role[] }> = [
  { phone: '13800000001', name: '王秀兰', roles: ['learner'] },
  { phone: '13800000002', name: '李建国', roles: ['learner', 'instructor'] },
  { phone: '13800000003', name: '张卫东', roles: ['learner', 'organiser'] },
  { phone: '13800000004', name: '赵玉梅', roles: ['learner', 'admin'] },
];

/**
 * Demo data for `npm start`, written once into an empty database: branches, one account per role,
 * an invitation code, and some progress so every screen has something real to show. Production
 * (NODE_ENV=production) never calls it.
 */
export async function seedDemoData(db: Db, now = Date.now()): Promise<void> {
  const done = await db.select().from(appSettings).where(eq(appSettings.key, SEEDED_KEY));
  if (done.length > 0) return;
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  await db.transaction(async (tx) => {
    const branchIds = await tx
      .insert(branches)
      .values(['老干部局离退休第一党支部', '老干部局离退休第二党支部'].map((name) => ({ name, createdAt: now })))
      .returning({ id: branches.id });
    const ids: number[] = [];
    for (const [index, account] of DEMO_ACCOUNTS.entries()) {
      ids.push(
        await insertUser(
          tx,
          { phone: account.phone, displayName: account.name, branchId: branchIds[index % 2]?.id ?? null, passwordHash, roles: account.roles },
          now,
        ),
      );
    }
    for (const [index, account] of DEMO_ACCOUNTS.entries()) {
      if (account.roles.includes('admin')) await installTotp(tx, ids[index] as number, decodeBase32(DEMO_TOTP_KEY), 0, now);
    }
    await tx.insert(invitations).values({ code: DEMO_INVITATION, branchId: branchIds[0]?.id ?? null, maxUses: 100, expiresAt: now + 365 * 86_400_000, createdAt: now });
    const learner = ids[0] as number;
    const day = 86_400_000;
    const lessons = ['party-spirit/constitution-and-oath', 'party-spirit/original-aspiration', 'party-spirit/rights-and-duties'];
    for (const [index, lessonId] of lessons.entries()) {
      const at = now - (3 - index) * day;
      await tx.insert(lessonProgress).values({
        userId: learner,
        lessonId,
        courseId: 'party-spirit',
        openedAt: at,
        lastSeenAt: at,
        completedAt: index < 2 ? at + 600_000 : null,
        seconds: 600,
      });
      await tx.insert(studyDays).values({ userId: learner, day: beijingDay(at), seconds: 600 });
    }
    await tx.insert(appSettings).values({ key: SEEDED_KEY, value: String(now), updatedAt: now });
  });
}

/** Demo mode only: the code the demo admin's authenticator would show now, so anyone can try it. */
export function demoAuthenticatorCode(user: Pick<User, 'phone' | 'roles'>, now = Date.now()): string | null {
  if (!isDemoMode()) return null;
  const account = DEMO_ACCOUNTS.find((demo) => demo.phone === user.phone);
  if (!account?.roles.includes('admin')) return null;
  return codeAt(decodeBase32(DEMO_TOTP_KEY), now);
}
