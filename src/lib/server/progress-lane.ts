// The progress fast lane, inside the built server (see fast-lane.ts for why and for the checks the
// headers get there): a heartbeat from a signed-in person's lesson page, answered as
// POST /api/progress/ answers it (progressPost, the same JSON), without Astro's request, routing
// and middleware. It takes only the plain case, decided before the body is read: a valid session
// that needs no write (not lapsed, not due for renewal, whose cookie Astro would send again), a
// person not disabled and past the second step, whom the endpoint's rule admits. Anything else
// resolves false and Astro answers, with the body still unread.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { routeRule } from '../access-map';
import { verdict } from '../permissions';
import { signInState } from '../sign-in-state';
import { getDb } from './db';
import { JSON_HEADERS } from './http';
import { LANE_BODY_LIMIT, registerLane } from './fast-lane';
import { progressPost } from './progress-post';
import { logger, safeErrorText } from './log';
import { currentRequest } from './request-context';
import { checkSessionToken } from './session';
import { SESSION_COOKIE } from './session-cookie';

/** The endpoint's route pattern, as Astro names it in the request's log line, and its rule in the permission map. */
const ROUTE = '/api/progress';
const RULE = routeRule(ROUTE);

/** The session cookie's value when the header names it once (twice: Astro decides which counts). */
function sessionToken(header: string): string | undefined {
  let token: string | undefined;
  for (const part of header.split(';')) {
    const at = part.indexOf('=');
    if (at < 0 || part.slice(0, at).trim() !== SESSION_COOKIE) continue;
    if (token !== undefined) return undefined;
    token = part.slice(at + 1).trim();
  }
  return token;
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((done, failed) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= LANE_BODY_LIMIT) chunks.push(chunk);
    });
    req.once('end', () => (size > LANE_BODY_LIMIT ? failed(new Error('body over the lane limit')) : done(Buffer.concat(chunks).toString('utf8'))));
    req.once('error', failed);
  });
}

/** As json() answers, on the Node response. */
function answer(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { ...JSON_HEADERS, 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

async function progressLane(req: IncomingMessage, res: ServerResponse): Promise<boolean> {
  const token = sessionToken(req.headers.cookie ?? '');
  if (!token || !RULE) return false;
  const db = await getDb();
  const check = await checkSessionToken(db, token);
  if (check.kind !== 'valid' || check.renew || check.user.disabled) return false;
  const state = signInState(check.user, check.session);
  if (state.kind !== 'signed-in' || verdict({ user: state.user, withheldRoles: state.withheldRoles, secondStep: false }, RULE.access) !== 'allow') return false;
  // From here the lane answers, whatever happens.
  const request = currentRequest();
  if (request) {
    request.route = ROUTE;
    request.person = state.user.id;
    request.lane = 'progress';
  }
  try {
    const fields = Object.fromEntries(new URLSearchParams(await readBody(req)));
    const result = await progressPost(db, state.user.id, fields);
    answer(res, result.status, result.body);
  } catch (error) {
    logger().error({ err: error, route: ROUTE }, 'progress lane: could not record');
    if (request) request.error = safeErrorText(error);
    if (!res.headersSent) answer(res, 500, { message: '网站暂时出了点问题，学习记录没有保存。请过几分钟再试。' });
  }
  return true;
}

/** Called when the built server loads its middleware (src/middleware.ts). */
export function registerProgressLane(): void {
  registerLane(progressLane);
}
