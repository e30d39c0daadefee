import { defineMiddleware } from 'astro:middleware';
import { DEFAULT_PREFS, readPrefs } from './lib/preferences';
import { getDb } from './lib/server/db';

// Create and migrate the database (and seed it in demo mode) as soon as the server loads, rather
// than on the first request that happens to need it. Failures are logged; /api/health reports them.
getDb().catch((error: unknown) => console.error('database: could not open or migrate', error));

export const onRequest = defineMiddleware((context, next) => {
  // Prerendered pages are built with no request cookies: their inline head script applies the
  // reader's preferences instead.
  context.locals.prefs = context.isPrerendered
    ? DEFAULT_PREFS
    : readPrefs((name) => context.cookies.get(name)?.value);
  return next();
});
