import { defineMiddleware, sequence } from 'astro:middleware';
import { ActionError, getActionContext } from 'astro:actions';
import { actionAccess } from './lib/access-map';
import { verdict } from './lib/permissions';
import { callerOf, guardRoute, refusal } from './lib/server/access';
import { DEFAULT_PREFS, readPrefs } from './lib/preferences';
import { getDb } from './lib/server/db';
import { getConfig } from './lib/server/config';
import { invalidateSession, validateSessionToken } from './lib/server/session';
import { deleteSessionCookie, SESSION_COOKIE, setSessionCookie } from './lib/server/session-cookie';
import { signInState } from './lib/sign-in-state';
import { firstPageRedirect } from './lib/first-pages';
import { unreadCount } from './lib/server/messages';
import { json } from './lib/server/http';
import { actionBodyLimit, BODY_TOO_LARGE } from './lib/body-limits';
import { workflowPanel } from './lib/server/studio-workflow-panel';
import { isStudioFileRender } from './lib/server/studio-pages';
import { currentRequest, newRequestId, withRequestContext } from './lib/server/request-context';
import { registerProgressLane } from './lib/server/progress-lane';
import type { Db } from './lib/server/db';
import type { APIContext } from 'astro';

// Lesson pages' heartbeats are answered before Astro from now on (src/lib/server/fast-lane.ts).
registerProgressLane();

const serve = defineMiddleware(async (context, next) => {
  context.locals.user = null;
  context.locals.session = null;
  context.locals.pendingSecondStep = null;
  context.locals.withheldRoles = [];
  context.locals.unreadMessages = null;
  context.locals.siteUrl = getConfig().siteUrl;
  context.locals.demo = getConfig().demo;
  if (context.isPrerendered) {
    // Built ahead of time, with no request cookies: the inline head script applies preferences.
    context.locals.prefs = DEFAULT_PREFS;
    return next();
  }
  if (isStudioFileRender(context.request.headers)) {
    // A published studio page as it is written to its file (src/lib/server/studio-pages.ts): for
    // nobody, as a prerendered page is; no cookie is read.
    context.locals.prefs = DEFAULT_PREFS;
    context.locals.asFile = true;
    return next();
  }
  context.locals.prefs = readPrefs((name) => context.cookies.get(name)?.value);
  // The first request rendered on demand opens the database (connect and pragmas only: the server's
  // start migrated it); later calls reuse the open client. Never at module load: `astro build`
  // loads this file.
  const db = await getDb().catch((error: unknown) => {
    console.error('database: could not open', error);
    return null;
  });
  const token = context.cookies.get(SESSION_COOKIE)?.value;
  if (token && db) await loadSession(context, db, token);
  return firstPage(context) ?? guardActions(context) ?? guardRoute(context) ?? (await busyFormAction(context)) ?? next();
});

/**
 * Gives the request's log line (src/lib/server/server-process.ts) its route pattern and person.
 * Outside the production wrapper (astro dev) it starts the request's context itself, with the
 * X-Request-Id header, so the error page always has an id to show.
 */
const trace = defineMiddleware(async (context, next) => {
  const request = currentRequest();
  if (!request) {
    const id = newRequestId();
    const response = await withRequestContext({ id }, () => trace(context, next) as Promise<Response>);
    try {
      response.headers.set('X-Request-Id', id);
    } catch {
      // A response with immutable headers (a redirect): the id is in the log.
    }
    return response;
  }
  // The route asked for: the error page and rewrites (/busy/) pass through here again.
  request.route ??= context.routePattern;
  const response = await next();
  if (context.locals.user) request.person = context.locals.user.id;
  return response;
});

export const onRequest = sequence(trace, serve);

/** A signed-in person who must see a page first (the privacy notice, codes issued for them) is sent there. */
function firstPage(context: APIContext): Response | undefined {
  const { user, session } = context.locals;
  if (!user || !session) return undefined;
  // A notice waits for the next sign-in: a session already open when the code was issued (someone
  // mid-contest, a hall screen) is not interrupted.
  const unseenNotices = user.unseenNoticeAt !== null && user.unseenNoticeAt < session.createdAt;
  const first = firstPageRedirect({ privacyAccepted: user.privacyAcceptedAt !== null, unseenNotices }, context.request.method, context.url);
  return first ? context.redirect(first, 302) : undefined;
}

/**
 * Runs a form post's action here (Astro then skips it) so that a server at capacity answers with
 * the 系统繁忙 page and HTTP 503 instead of the form page; scripts get Astro's JSON 503 as it is.
 */
async function busyFormAction(context: APIContext): Promise<Response | undefined> {
  const { action, setActionResult, serializeActionResult } = getActionContext(context);
  if (action?.calledFrom !== 'form') return undefined;
  // Astro's origin check runs after middleware: anything it could refuse is left to it, untouched.
  if (context.request.headers.get('origin') !== context.url.origin) return undefined;
  const result = await action.handler();
  if (result.error instanceof ActionError && result.error.code === 'SERVICE_UNAVAILABLE') return context.rewrite('/busy/');
  setActionResult(action.name, serializeActionResult(result));
  return undefined;
}

/**
 * Refuses an action call from someone who may not make it, before its input is parsed (the one
 * permission map; an action without an entry is refused for everyone): JSON for scripts; for a
 * plain form, the page a person understands (sign in, turn on two-step sign-in, or the 403 page).
 */
function guardActions(context: APIContext): Response | Promise<Response> | undefined {
  const { action } = getActionContext(context);
  if (!action) return undefined;
  const access = actionAccess(action.name);
  const outcome = access ? verdict(callerOf(context.locals), access) : 'forbidden';
  if (outcome === 'allow') return tooLarge(context, action.name);
  const page = new URL(context.url);
  page.searchParams.delete('_action');
  return refusal(context, outcome, action.calledFrom === 'form' ? 'form' : 'action', page.pathname + page.search);
}

/**
 * A body larger than this action's own limit (src/lib/body-limits.ts; Astro's single limit is the
 * largest of them, for the picture upload) is refused before anything reads it.
 */
function tooLarge(context: APIContext, name: string): Response | undefined {
  const length = Number(context.request.headers.get('content-length') ?? 0);
  return length > actionBodyLimit(name) ? json({ message: BODY_TOO_LARGE }, 413) : undefined;
}

async function loadSession(context: APIContext, db: Db, token: string): Promise<void> {
  const valid = await validateSessionToken(db, token);
  if (!valid || valid.user.disabled) {
    if (valid) await invalidateSession(db, valid.session.id);
    deleteSessionCookie(context.cookies);
    return;
  }
  if (valid.renewed) setSessionCookie(context.cookies, token, valid.expiresAt);
  const state = signInState(valid.user, valid.session);
  if (state.kind === 'second-step') {
    context.locals.pendingSecondStep = { user: valid.user, session: valid.session };
    return;
  }
  context.locals.user = state.user;
  context.locals.session = valid.session;
  context.locals.withheldRoles = state.withheldRoles;
  // Counted only if the page's header asks (never for actions, endpoints or redirects), and once.
  const userId = state.user.id;
  let unread: Promise<number> | undefined;
  context.locals.unreadMessages = () => (unread ??= unreadCount(db, userId));
  // Read only by the studio's workflow panel (components stay off the server modules).
  context.locals.studioWorkflow = (courseId, results) => workflowPanel(db, courseId, results);
}
