import { getConfig } from './server/config';

/** Demo mode: `npm start` on a developer's machine (XG_DEMO=1). Production never is. */
export function isDemoMode(): boolean {
  return getConfig().demo;
}
