import { defineMiddleware } from 'astro:middleware';
import { DEFAULT_PREFS, readPrefs } from './lib/preferences';

export const onRequest = defineMiddleware((context, next) => {
  // Prerendered pages have no request cookies; their inline head script applies the preferences.
  context.locals.prefs = context.isPrerendered
    ? DEFAULT_PREFS
    : readPrefs((name) => context.cookies.get(name)?.value);
  return next();
});
