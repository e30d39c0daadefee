import { openDatabase } from '../../src/lib/server/db';
import { migrateDatabase } from '../../db/migrate.mjs';
import { hashPassword } from '../../src/lib/server/password';
import { insertUser } from '../../src/lib/server/users';
import { invitations } from '../../db/schema';
import { installTotp } from '../../src/lib/server/two-factor';
import { decodeBase32 } from '@oslojs/encoding';
import { E2E_DB_URL, E2E_INVITATION, E2E_PASSWORD, E2E_TOTP_KEY, E2E_USERS } from './accounts';

/** Accounts and an invitation code for the browser tests, in the server's throwaway database. */
export default async function globalSetup(): Promise<void> {
  // The server migrates when it starts; migrating here too (idempotent) does not depend on the order.
  await migrateDatabase(E2E_DB_URL);
  const { db, client } = await openDatabase(E2E_DB_URL);
  const passwordHash = await hashPassword(E2E_PASSWORD);
  for (const user of Object.values(E2E_USERS)) {
    const id = await insertUser(db, { phone: user.phone, displayName: user.name, branchId: null, passwordHash, roles: user.roles ?? ['learner'], volunteer: user.volunteer ?? false, privacyAcceptedAt: user.privacyPending ? null : Date.now() });
    if (user.totp) await installTotp(db, id, decodeBase32(E2E_TOTP_KEY), 0, Date.now());
  }
  await db.insert(invitations).values({ code: E2E_INVITATION, branchId: null, maxUses: 100, expiresAt: Date.now() + 86_400_000, createdAt: Date.now() });
  client.close();
}
