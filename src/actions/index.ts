/** One file per domain; this only merges them. */
import { admin } from './admin';
import { auth } from './auth';

export const server = { auth, admin };
