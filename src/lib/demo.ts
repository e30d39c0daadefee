/** Demo mode: `npm start` on a developer's machine. Production never is. */
export function isDemoMode(): boolean {
  return process.env.XG_DEMO === '1' && process.env.NODE_ENV !== 'production';
}
