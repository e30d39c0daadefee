import { hash, verify } from '@node-rs/argon2';
import { dictionary } from '@zxcvbn-ts/language-common';

/** OWASP's argon2id parameters: 19 MiB, two passes, one lane. */
const ARGON2 = { memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;
/** Hashing is deliberately slow: one at a time per server process, so a burst of sign-ins (a contest
 * about to start) leaves the other work of the process room to run. */
const MAX_CONCURRENT_HASHES = 1;
/**
 * At most this many hashes wait their turn per process (about 3 seconds of work). Beyond it the
 * request is refused at once with ServerBusyError (HTTP 503, "系统繁忙，请稍后再试") instead of
 * joining an endless queue that a flood of sign-ups or wrong passwords could build.
 */
export const MAX_WAITING_HASHES = 64;

/** Shown to people when the hash queue is full; the page answers with HTTP 503. */
export const BUSY_MESSAGE = '系统繁忙，请稍后再试。请等一两分钟再点一次按钮，您填写的内容不会丢。';

/** The password hash queue is full: nothing was checked or changed; try again shortly. */
export class ServerBusyError extends Error {
  constructor() {
    super('password hash queue is full');
    this.name = 'ServerBusyError';
  }
}

let running = 0;
const waiting: Array<() => void> = [];

async function limited<T>(work: () => Promise<T>): Promise<T> {
  if (running >= MAX_CONCURRENT_HASHES) {
    if (waiting.length >= MAX_WAITING_HASHES) throw new ServerBusyError();
    // The slot is handed over by the hash that finishes, so nobody arriving meanwhile can jump in.
    await new Promise<void>((resolve) => waiting.push(resolve));
  } else {
    running += 1;
  }
  try {
    return await work();
  } finally {
    const next = waiting.shift();
    if (next) next();
    else running -= 1;
  }
}

export function hashPassword(password: string): Promise<string> {
  return limited(() => hash(password, ARGON2));
}

export function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  return limited(() => verify(passwordHash, password).catch(() => false));
}

/** A real hash to verify against when the account does not exist, so timing reveals nothing. */
let dummyHash: Promise<string> | undefined;
export function verifyAgainstDummy(password: string): Promise<boolean> {
  dummyHash ??= hashPassword('霞光学堂-not-a-real-account').catch((error: unknown) => {
    dummyHash = undefined;
    throw error;
  });
  return dummyHash.then((stored) => verifyPassword(stored, password)).then(() => false);
}

const CHINESE_FAVOURITES = ['woaini1314', '5201314', '52013140', '1314520', 'a123456789', 'abc12345', 'zhang123'];
const COMMON = new Set<string>([...(dictionary['passwords-common'] as string[]), ...CHINESE_FAVOURITES]);

/**
 * The only rules (NIST 800-63B): at least 8 characters, not a well-known password, not the phone
 * number. A reason in plain Chinese, or undefined when the password is fine.
 */
export function passwordProblem(password: string, phone?: string): string | undefined {
  if ([...password].length < 8) return '密码至少要8个字符，可以用一句好记的话。';
  if ([...password].length > 128) return '密码太长了，请不要超过128个字符。';
  const lower = password.toLowerCase();
  if (COMMON.has(lower) || /^(.)\1+$/.test(password) || '0123456789012'.includes(password)) {
    return '这个密码太常见，容易被别人猜到，请换一个。';
  }
  if (phone && password.includes(phone)) return '密码不能包含手机号，请换一个。';
  return undefined;
}
