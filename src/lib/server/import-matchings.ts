import { like } from 'drizzle-orm';
import { appSettings } from '../../../db/schema';
import type { Db } from './db';

/**
 * Column matchings saved by organisers and admins, for the next file with the same columns (the
 * same header names in the same order, see headerSignature). Site-wide: a district's organisers
 * pass the same 问卷星 export around. Kept in app_settings under import-matching:<kind>:<hash>.
 */
export type MatchingKind = 'questions' | 'learners';

async function keyOf(kind: MatchingKind, signature: string): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(signature)));
  return `import-matching:${kind}:${Buffer.from(digest).toString('hex').slice(0, 32)}`;
}

/** Every saved matching of this kind, looked up by signature. */
export async function savedMatchings(db: Db, kind: MatchingKind): Promise<(signature: string) => readonly string[] | undefined> {
  const rows = await db.select().from(appSettings).where(like(appSettings.key, `import-matching:${kind}:%`));
  const bySignature = new Map<string, string[]>();
  for (const row of rows) {
    try {
      const saved = JSON.parse(row.value) as { signature?: unknown; fields?: unknown };
      if (typeof saved.signature === 'string' && Array.isArray(saved.fields) && saved.fields.every((field) => typeof field === 'string')) {
        bySignature.set(saved.signature, saved.fields as string[]);
      }
    } catch {
      // A damaged entry is as good as none: the columns are guessed again.
    }
  }
  return (signature) => bySignature.get(signature);
}

export async function saveMatching(db: Db, kind: MatchingKind, signature: string, fields: readonly string[], now = Date.now()): Promise<void> {
  const key = await keyOf(kind, signature);
  const value = JSON.stringify({ signature, fields });
  await db.insert(appSettings).values({ key, value, updatedAt: now }).onConflictDoUpdate({ target: appSettings.key, set: { value, updatedAt: now } });
}
