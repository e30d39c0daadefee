// The progress fast lane, server side: a lesson page's progress heartbeat (POST /api/progress/
// from its script) answered without Astro's request handling, by progress-lane.ts inside the
// built server, which registers itself on globalThis when the bundle loads its middleware.
//
// Why: a heartbeat is a fifth of what a class of retirees sends while reading, and Astro's
// request, routing and middleware took about two thirds of its time (issue 14 item 6). The lane
// answers the same way with the same checks; whatever is not the plain case goes to Astro
// untouched (its body unread), so everything unusual keeps Astro's one set of rules.
//
// Here only what the headers say: a form post to exactly /api/progress/ from this site's own
// address (the same Origin comparison as Astro's checkOrigin: the protocol of the connection, as
// withForwardedHttps leaves it, and the Host header), small, from a script (not a page's form),
// with a cookie. Node runs this file directly from src/cluster.mjs (types stripped): built-ins only.
import type { IncomingMessage, ServerResponse } from 'node:http';

type Handler = (req: IncomingMessage, res: ServerResponse) => void;
/** Resolves true once it has answered; false when it leaves the request (body unread) to Astro. */
export type Lane = (req: IncomingMessage, res: ServerResponse) => Promise<boolean>;

const REGISTRY = Symbol.for('xiaguang.progressLane');
/** A heartbeat's form is under a hundred bytes; anything much larger is not one. */
export const LANE_BODY_LIMIT = 2048;

export function registeredLane(): Lane | undefined {
  return (globalThis as Record<symbol, Lane | undefined>)[REGISTRY];
}

export function registerLane(lane: Lane): void {
  (globalThis as Record<symbol, Lane | undefined>)[REGISTRY] = lane;
}

/** The request's own origin as Astro's checkOrigin sees it, when its Origin header is exactly that. */
function sameOrigin(req: IncomingMessage): boolean {
  const host = req.headers.host;
  const origin = req.headers.origin;
  if (!host || !origin) return false;
  const protocol = (req.socket as { encrypted?: boolean }).encrypted ? 'https' : 'http';
  const own = `${protocol}://${host}`;
  if (origin !== own) return false;
  try {
    // Only a host the URL parser keeps as it is (no default port, no upper case to fold).
    return new URL(own).origin === own;
  } catch {
    return false;
  }
}

/** Could the lane answer this request by its headers alone? */
export function laneCandidate(req: IncomingMessage): boolean {
  if (req.method !== 'POST' || (req.url !== '/api/progress/' && req.url !== '/api/progress')) return false;
  const { headers } = req;
  if (!(headers['content-type'] ?? '').startsWith('application/x-www-form-urlencoded')) return false;
  if (headers['transfer-encoding'] !== undefined || !/^\d{1,4}$/.test(headers['content-length'] ?? '') || Number(headers['content-length']) > LANE_BODY_LIMIT) return false;
  if ((headers.accept ?? '').includes('text/html') || !headers.cookie) return false;
  return sameOrigin(req);
}

/** `handler` with the progress lane in front of it (once the built server has registered one). */
export function withProgressLane(handler: Handler): Handler {
  return (req, res) => {
    const lane = registeredLane();
    if (!lane || !laneCandidate(req)) return handler(req, res);
    lane(req, res).then(
      (answered) => {
        if (!answered) handler(req, res);
      },
      (error: unknown) => {
        // The lane answers its own failures; this is a failure before it could.
        console.error('progress lane failed', error);
        if (!res.headersSent) handler(req, res);
        else res.destroy();
      },
    );
  };
}
