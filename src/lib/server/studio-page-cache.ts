import type { APIContext, MiddlewareNext } from 'astro';
import type { Db } from './db';
import { publishedVersionOf } from './studio-catalog';

/**
 * The pages of published studio courses (src/pages/courses/[...studio].astro) as a reader who is not
 * signed in gets them, kept whole per published version: an MDX course's pages are files written at
 * build time, and a studio course's are written once per version like them, on the first request,
 * instead of on every one. Keyed by the address, the reader's text size and contrast (the page is
 * rendered with them) and the version learners see now, asked of the database on each request (one
 * small indexed query), so a publication in any process of the cluster is served at once. Signed-in
 * readers, addresses with a query and anything but a 200 page are rendered as before.
 */

const STUDIO_ROUTE = '/courses/[...studio]';
/** A few hundred lesson pages of ~50 KB: a few MB at most. */
const MAX_PAGES = 400;

interface KeptPage {
  body: string;
  headers: Array<[string, string]>;
}

const pages = new Map<string, KeptPage>();

function remember(key: string, page: KeptPage): void {
  pages.delete(key);
  pages.set(key, page);
  // Oldest first: a Map keeps insertion order.
  while (pages.size > MAX_PAGES) pages.delete(pages.keys().next().value as string);
}

export async function servedFromStudioPageCache(context: APIContext, db: Db | null, next: MiddlewareNext): Promise<Response | undefined> {
  if (context.routePattern !== STUDIO_ROUTE || context.request.method !== 'GET' || context.url.search !== '') return undefined;
  if (!db || context.locals.user || context.locals.pendingSecondStep) return undefined;
  const slug = context.url.pathname.split('/').filter(Boolean)[1];
  const version = slug ? await publishedVersionOf(db, slug) : null;
  if (version === null) return undefined;
  const { prefs } = context.locals;
  const key = `${context.url.pathname}|${version}|${prefs.size}|${prefs.contrast}`;
  const kept = pages.get(key);
  if (kept) return new Response(kept.body, { status: 200, headers: kept.headers });
  const response = await next();
  // A page that sets a cookie was rendered for someone in particular: never kept.
  if (response.status !== 200 || response.headers.has('set-cookie')) return response;
  const body = await response.text();
  const headers = [...response.headers.entries()];
  remember(key, { body, headers });
  return new Response(body, { status: 200, headers });
}
