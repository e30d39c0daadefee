/** One file per domain; this only merges them. */
import { auth } from './auth';

export const server = { auth };
