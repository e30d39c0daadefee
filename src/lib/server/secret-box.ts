import { createCipheriv, createDecipheriv, createHash, createHmac, randomBytes } from 'node:crypto';
import { chmodSync, existsSync, linkSync, mkdirSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { getConfig } from './config';
import { databaseTarget } from './database-url';

const NONCE_BYTES = 12;
const TAG_BYTES = 16;

let cached: Buffer | undefined;

/**
 * The server's 256-bit secret key: from XG_SECRET_KEY (any long random string, for example
 * `openssl rand -base64 32`), or else from `secret.key` beside the database file, created on
 * first use and readable only by the server's user. Kept out of the database on purpose, so a
 * copied database or backup alone cannot decrypt what the key protects.
 */
function secretKey(): Buffer {
  if (cached) return cached;
  const { secretKey: fromEnv, databaseUrl: url } = getConfig();
  if (fromEnv) {
    cached = createHash('sha256').update(fromEnv).digest();
    return cached;
  }
  // A server or replica is shared by several machines: they must all use one key (checkServerStart).
  const target = databaseTarget(url);
  if (target.kind !== 'file' || !target.file) throw new Error('Set XG_SECRET_KEY when the database is not a local file');
  const file = resolve(dirname(target.file), 'secret.key');
  if (!existsSync(file)) {
    // Written whole under a temporary name, then linked into place: when several server processes
    // start at once, exactly one key wins and nobody reads a half-written file.
    mkdirSync(dirname(file), { recursive: true });
    const draft = `${file}.${process.pid}.tmp`;
    writeFileSync(draft, randomBytes(32).toString('base64'), { mode: 0o600 });
    chmodSync(draft, 0o600);
    try {
      linkSync(draft, file);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    } finally {
      unlinkSync(draft);
    }
  }
  cached = createHash('sha256').update(readFileSync(file, 'utf8').trim()).digest();
  return cached;
}

/** AES-256-GCM: nonce ‖ ciphertext ‖ tag. */
export function seal(plain: Uint8Array): Buffer {
  const nonce = randomBytes(NONCE_BYTES);
  const cipher = createCipheriv('aes-256-gcm', secretKey(), nonce);
  const body = Buffer.concat([cipher.update(plain), cipher.final()]);
  return Buffer.concat([nonce, body, cipher.getAuthTag()]);
}

/** The plain bytes, or null when the box was sealed with another key or tampered with. */
export function open(sealed: Uint8Array): Uint8Array | null {
  const data = Buffer.from(sealed);
  if (data.length < NONCE_BYTES + TAG_BYTES) return null;
  try {
    const decipher = createDecipheriv('aes-256-gcm', secretKey(), data.subarray(0, NONCE_BYTES));
    decipher.setAuthTag(data.subarray(data.length - TAG_BYTES));
    return new Uint8Array(Buffer.concat([decipher.update(data.subarray(NONCE_BYTES, data.length - TAG_BYTES)), decipher.final()]));
  } catch {
    return null;
  }
}

/**
 * HMAC-SHA256 under a key derived from the secret key: for short codes (recovery codes) whose
 * plain SHA-256 could be brute-forced from a copy of the database.
 */
export function keyedHash(text: string): Buffer {
  const macKey = createHash('sha256').update('xiaguang-mac').update(secretKey()).digest();
  return createHmac('sha256', macKey).update(text).digest();
}
