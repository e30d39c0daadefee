// Security headers on every response the server sends: pages rendered on request, prerendered
// pages and assets (which @astrojs/node serves from disk without running the middleware), action
// and API answers, redirects and error pages. src/cluster.mjs wraps the built server's handler
// with withSecurityHeaders(); Node runs this file by stripping its types, so it imports only
// Node built-ins.
import { existsSync, readFileSync } from 'node:fs';
import type { IncomingMessage, OutgoingHttpHeaders, ServerResponse } from 'node:http';

/** For answers that are not pages (JSON, files, redirects): nothing may run, load or frame them. */
export const FALLBACK_CSP = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; object-src 'none'; form-action 'none'";

/**
 * For scripts: a script's own policy only matters when it runs as a worker, and Pagefind's worker
 * fetches its index and compiles its WebAssembly from this site.
 */
export const SCRIPT_CSP = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; frame-ancestors 'none'; base-uri 'none'; object-src 'none'; form-action 'none'";

/** The headers every response carries besides its Content-Security-Policy. */
export function commonHeaders(options: { hsts: boolean }): Array<[string, string]> {
  const headers: Array<[string, string]> = [
    ['X-Content-Type-Options', 'nosniff'],
    // Addresses can carry certificate codes and search words: other sites get nothing.
    ['Referrer-Policy', 'same-origin'],
    ['Permissions-Policy', 'camera=(), microphone=(), geolocation=(), payment=(), usb=()'],
    ['Cross-Origin-Opener-Policy', 'same-origin'],
    // For browsers (old in-app ones) that do not know frame-ancestors.
    ['X-Frame-Options', 'DENY'],
  ];
  // Only over https: a browser that saw it on http://127.0.0.1 would refuse plain http there.
  if (options.hsts) headers.push(['Strict-Transport-Security', 'max-age=31536000']);
  return headers;
}

/** `/courses/a/b/`, `/courses/a/b`, `/courses/a/b/index.html?x=1` → `/courses/a/b`. */
export function pagePath(url: string): string {
  let path = url.split(/[?#]/)[0] ?? '/';
  try {
    path = decodeURI(path);
  } catch {
    // Left as it came: the server answers 400 to an address it cannot decode.
  }
  path = path.replace(/\/index\.html$/, '/').replace(/\.html$/, '');
  if (path.length > 1) path = path.replace(/\/+$/, '');
  return path || '/';
}

/**
 * The Content-Security-Policy Astro computed for each prerendered page (its own script and style
 * hashes), from the `_headers.json` the node adapter writes with `staticHeaders: true`. Read here
 * rather than by the adapter, whose lookup matches by substring (`/courses/a/` would find the
 * policy of `/courses/a/lesson/`).
 */
export function readPageCsp(headersFile: string): Map<string, string> {
  const policies = new Map<string, string>();
  if (!existsSync(headersFile)) return policies;
  const entries = JSON.parse(readFileSync(headersFile, 'utf8')) as Array<{
    pathname: string;
    headers: Array<{ key: string; value: string }>;
  }>;
  for (const entry of entries) {
    const csp = entry.headers.find((header) => header.key.toLowerCase() === 'content-security-policy');
    if (csp) policies.set(pagePath(entry.pathname), csp.value);
  }
  return policies;
}

function headerIn(args: unknown[], name: string): string | undefined {
  for (const arg of args) {
    if (arg && typeof arg === 'object' && !Array.isArray(arg)) {
      for (const [key, value] of Object.entries(arg as OutgoingHttpHeaders)) {
        if (key.toLowerCase() === name && value !== undefined) return String(value);
      }
    }
  }
  return undefined;
}

type Handler = (req: IncomingMessage, res: ServerResponse) => void;

/**
 * Sets the common headers, then, just before the status line goes out, a Content-Security-Policy
 * if the answer has none of its own: the prerendered page's, the prerendered 404/500 page's for
 * those error pages, or FALLBACK_CSP. Pages rendered on request bring Astro's policy.
 */
export function withSecurityHeaders(handler: Handler, options: { hsts: boolean; pageCsp: ReadonlyMap<string, string> }): Handler {
  const common = commonHeaders(options);
  return (req, res) => {
    for (const [name, value] of common) res.setHeader(name, value);
    const path = pagePath(req.url ?? '/');
    const page = options.pageCsp.get(path);
    // By the address too: a 304 Not Modified has no Content-Type, and the browser stores the
    // headers it brings over the cached ones (a worker revalidated under FALLBACK_CSP could not
    // fetch anything).
    const scriptPath = /\.m?js$/.test(path);
    const writeHead = res.writeHead;
    // Node's implicit header write (res.write/end without writeHead) also comes through here.
    res.writeHead = function (this: ServerResponse, statusCode: number, ...rest: unknown[]) {
      if (headerIn(rest, 'content-security-policy') === undefined) {
        const type = headerIn(rest, 'content-type') ?? String(res.getHeader('content-type') ?? '');
        const errorPage = type.startsWith('text/html') ? options.pageCsp.get(`/${statusCode}`) : undefined;
        const script = scriptPath || /javascript/.test(type) ? SCRIPT_CSP : undefined;
        res.setHeader('Content-Security-Policy', page ?? errorPage ?? script ?? FALLBACK_CSP);
      }
      return (writeHead as (...args: unknown[]) => ServerResponse).apply(this, [statusCode, ...rest]);
    } as ServerResponse['writeHead'];
    handler(req, res);
  };
}
