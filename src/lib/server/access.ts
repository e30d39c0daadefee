import type { APIContext, AstroGlobal } from 'astro';
import { routeRule } from '../access-map';
import { verdict, type Access, type Caller, type Verdict } from '../permissions';
import { safeReturnPath } from '../preferences';
import { json } from './http';
import type { User } from './users';

/** Pages and endpoints alike: what the answer to a refused request needs. */
type Context = Pick<APIContext, 'locals' | 'url' | 'request' | 'redirect' | 'rewrite' | 'routePattern'> | AstroGlobal;

/**
 * How the refused request is answered: a page to read, a form that posted, a script (JSON), or
 * a script calling an action (JSON as Astro's action client reads an ActionError: with its code,
 * so the caller sees 401 or 403, not a failure of the server).
 */
export type RefusalStyle = 'page' | 'form' | 'json' | 'action';

export function callerOf(locals: App.Locals): Caller {
  return { user: locals.user, withheldRoles: locals.withheldRoles, secondStep: locals.pendingSecondStep !== null };
}

/** What a script is told, by pages, endpoints and actions alike. */
export const REFUSALS = {
  'sign-in': { status: 401, code: 'UNAUTHORIZED', message: '请先登录。' },
  'two-step': { status: 403, code: 'FORBIDDEN', message: '管理员账号要先开启两步验证（在“账号设置”里），才能这样做。' },
  forbidden: { status: 403, code: 'FORBIDDEN', message: '没有权限这样做。' },
} as const satisfies Record<Exclude<Verdict, 'allow'>, { status: number; code: string; message: string }>;

/**
 * The answer to a refused request: sign in (and come back to `back`), turn on two-step sign-in
 * (admins who have not yet), or the Chinese 403 page; scripts get JSON with 401 or 403.
 */
export function refusal(context: Context, outcome: Exclude<Verdict, 'allow'>, style: RefusalStyle, back: string): Response | Promise<Response> {
  if (style === 'json') return json({ message: REFUSALS[outcome].message }, REFUSALS[outcome].status);
  if (style === 'action') return json({ type: 'AstroActionError', code: REFUSALS[outcome].code, message: REFUSALS[outcome].message }, REFUSALS[outcome].status);
  const status = style === 'form' ? 303 : 302;
  const next = encodeURIComponent(back);
  if (outcome === 'sign-in') return context.redirect(`/login/?next=${next}`, status);
  if (outcome === 'two-step') return context.redirect(`/account/two-factor/?required=1&next=${next}`, status);
  return context.rewrite('/forbidden/');
}

/**
 * The route map's answer for this request, or undefined to let it through. A route without a rule
 * is refused for everyone. Endpoints answer scripts with JSON; a plain form posted to one (the
 * 我学完了 button without JavaScript) is sent to sign in and back to the page it came from.
 */
export function guardRoute(context: Context): Response | Promise<Response> | undefined {
  // Astro's own routes (/_actions/…, /_server-islands/…): actions have their own map (ACTION_ACCESS).
  if (context.routePattern.startsWith('/_')) return undefined;
  const rule = routeRule(context.routePattern);
  const outcome = rule ? verdict(callerOf(context.locals), rule.access) : 'forbidden';
  if (outcome === 'allow') return undefined;
  const here = context.url.pathname + context.url.search;
  if (!rule?.endpoint) return refusal(context, outcome, 'page', here);
  const wantsPage = context.request.method === 'POST' && (context.request.headers.get('accept') ?? '').includes('text/html');
  if (!wantsPage) return refusal(context, outcome, 'json', here);
  return refusal(context, outcome, 'form', sameOriginPath(context.request.headers.get('referer'), context.url.origin));
}

function sameOriginPath(address: string | null, origin: string): string {
  try {
    const url = new URL(address ?? '');
    return url.origin === origin ? safeReturnPath(url.pathname + url.search) : '/';
  } catch {
    return '/';
  }
}

/**
 * The signed-in person this page or endpoint's rule admits (access-map.ts), or the response that
 * refuses everyone else. Middleware already refused them; this gives the page its person.
 */
export async function routeUser(context: Context): Promise<User | Response> {
  const refused = guardRoute(context);
  if (refused) return refused;
  const { user } = context.locals;
  if (user) return user;
  const here = context.url.pathname + context.url.search;
  return refusal(context, 'sign-in', routeRule(context.routePattern)?.endpoint ? 'json' : 'page', here);
}

/** The same rule for anything else that must be checked by hand (e.g. a single link). */
export function allowed(locals: App.Locals, access: Access): boolean {
  return verdict(callerOf(locals), access) === 'allow';
}
