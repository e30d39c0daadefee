// Prerendered pages (dist/client/**/index.html: lessons, courses, help guides…) sent before Astro,
// from memory, as the node adapter's static handler sends them (`send` 1.x): the same status, body
// and headers (Accept-Ranges, Cache-Control public max-age=0, Last-Modified, ETag from the file's
// size and time, Content-Type, Content-Length; 304 to a fresh conditional GET with the content
// headers removed; HEAD without a body). The security headers and the page's
// Content-Security-Policy come from withSecurityHeaders around it, as before.
//
// Why: the adapter matches the route, builds a web Request, stats the folder and the file and
// streams the file for every page read, about a millisecond of a core each (issue 14 item 6).
// Here a page is one stat (so a file replaced on disk is read again, as `send` would) and a write
// of a kept Buffer.
//
// Only the plain case is answered here; anything else goes to the adapter unchanged: other
// methods, addresses with percent-escapes, dots at a segment's start, double slashes or a
// fragment, requests with Range, If-Range, If-Match or If-Unmodified-Since, and every address
// without an index.html file (including the 404 page). Node runs this file directly from
// src/cluster.mjs (types stripped): Node built-ins and `fresh` (send's own) only.
import { readFileSync, statSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { join } from 'node:path';
import fresh from 'fresh';

type Handler = (req: IncomingMessage, res: ServerResponse) => void;

interface KeptFile {
  ino: number;
  mtimeMs: number;
  size: number;
  body: Buffer;
  etag: string;
  lastModified: string;
}

/** `/`, `/a/b`, `/a/b/`, `/a/b/index.html`: segments of plain characters, none starting with a dot. */
const PLAIN_PATH = /^\/(?:[A-Za-z0-9_-][A-Za-z0-9._-]*\/)*(?:[A-Za-z0-9_-][A-Za-z0-9._-]*)?$/;
/** Headers whose handling stays with `send`. */
const LEFT_TO_SEND = ['range', 'if-range', 'if-match', 'if-unmodified-since'];

/** The index.html a plain address names under `client` (the folder's page, as the adapter resolves it), or null. */
export function prerenderedFile(client: string, url: string): string | null {
  const query = url.indexOf('?');
  const path = query < 0 ? url : url.slice(0, query);
  if (!PLAIN_PATH.test(path)) return null;
  if (path.endsWith('/index.html')) return join(client, path);
  return join(client, path.endsWith('/') ? path : `${path}/`, 'index.html');
}

function decodes(url: string): boolean {
  try {
    decodeURI(url);
    return true;
  } catch {
    return false;
  }
}

/** The handler with prerendered pages under `client` (dist/client) sent first. */
export function withPrerenderedPages(handler: Handler, options: { client: string }): Handler {
  const kept = new Map<string, KeptFile>();
  return (req, res) => {
    const url = req.url ?? '/';
    if ((req.method !== 'GET' && req.method !== 'HEAD') || url.includes('#') || LEFT_TO_SEND.some((name) => req.headers[name] !== undefined)) {
      return handler(req, res);
    }
    // The adapter answers 400 to an address it cannot decode, its query included.
    if (url.includes('%') && !decodes(url)) return handler(req, res);
    const path = prerenderedFile(options.client, url);
    const stats = path ? statSync(path, { throwIfNoEntry: false }) : undefined;
    if (!path || !stats || !stats.isFile()) return handler(req, res);
    let file = kept.get(path);
    if (!file || file.ino !== stats.ino || file.mtimeMs !== stats.mtimeMs || file.size !== stats.size) {
      let body: Buffer;
      try {
        body = readFileSync(path);
      } catch {
        return handler(req, res);
      }
      // Replaced between stat and read: the adapter answers this one.
      if (body.length !== stats.size) return handler(req, res);
      file = {
        ino: stats.ino,
        mtimeMs: stats.mtimeMs,
        size: stats.size,
        body,
        etag: `W/"${stats.size.toString(16)}-${stats.mtime.getTime().toString(16)}"`,
        lastModified: stats.mtime.toUTCString(),
      };
      kept.set(path, file);
    }
    // In `send`'s order; a header a wrapper set already is kept, as `send` keeps it.
    if (!res.getHeader('Accept-Ranges')) res.setHeader('Accept-Ranges', 'bytes');
    if (!res.getHeader('Cache-Control')) res.setHeader('Cache-Control', 'public, max-age=0');
    if (!res.getHeader('Last-Modified')) res.setHeader('Last-Modified', file.lastModified);
    if (!res.getHeader('ETag')) res.setHeader('ETag', file.etag);
    // What `send` asks (the same `fresh`); If-Match and If-Unmodified-Since went to `send` above.
    if (fresh(req.headers, { etag: file.etag, 'last-modified': file.lastModified })) {
      res.statusCode = 304;
      res.end();
      return;
    }
    if (!res.getHeader('Content-Type')) res.setHeader('Content-Type', 'text/html; charset=utf-8');
    res.setHeader('Content-Length', file.size);
    res.statusCode = 200;
    res.end(req.method === 'HEAD' ? undefined : file.body);
  };
}
