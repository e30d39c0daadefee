import { decodeBase32 } from '@oslojs/encoding';
import { and, eq } from 'drizzle-orm';
import { users } from '../../../db/schema';
import { codeAt } from '../two-factor-rules';
import type { Db } from './db';
import { getConfig } from './config';

/** Demo mode: `npm start` on a developer's machine. Production never is. */
export function isDemoMode(): boolean {
  return getConfig().demo;
}

/**
 * The demo admin (seeded by db/seed/demo.ts). Its authenticator key is public (README), so the
 * two-step page may show its current code, on the demo site only.
 */
export const DEMO_ADMIN_PHONE = '13800000004';
export const DEMO_TOTP_KEY = 'XIAGUANGXUETANGDEMOADMIN22222222';

/**
 * Demo mode only: the code the demo admin's authenticator would show now, so anyone can try
 * two-step sign-in. Null for everyone else, and always outside demo mode or for an account with
 * that phone number that was not made by the demo.
 */
export async function demoAuthenticatorCode(db: Db, user: { id: number; phone: string }, now = Date.now()): Promise<string | null> {
  if (!isDemoMode() || user.phone !== DEMO_ADMIN_PHONE) return null;
  const demo = await db.select({ id: users.id }).from(users).where(and(eq(users.id, user.id), eq(users.demo, true)));
  return demo.length > 0 ? codeAt(decodeBase32(DEMO_TOTP_KEY), now) : null;
}
