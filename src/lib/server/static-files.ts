// The build's files (dist/client: stylesheets, scripts, pictures, the search files, and the pages
// prerendered-pages.ts does not answer) sent before Astro, as the node adapter's standalone
// server sent them: its static handler (`send` 1.x, the same options) first, then Astro for
// anything that is not a file. Astro's handler here is the adapter's middleware-mode one
// (astro.config.mjs), which renders pages and runs endpoints and actions only.
//
// Why: the standalone server looked every request up on disk before Astro, a progress heartbeat
// or a contest answer included: a web Request built to match the route, an lstat, then `send`'s
// stat and its 404 error, about a quarter of a millisecond of a core each (issue 14 item 6). Here an
// address with nothing on disk goes to Astro after one lstat; one with a file or folder is sent
// exactly as before (tests/integration/prerendered-pages.test.ts compares the two servers).
// Node runs this file directly from src/cluster.mjs (types stripped): Node built-ins and `send` only.
import { lstatSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { join, posix, resolve, sep } from 'node:path';
import send from 'send';

type Handler = (req: IncomingMessage, res: ServerResponse) => void;

/** Hashed build files (Vite's assetsDir): their names change with their content. */
const HASHED = '/_astro/';

/**
 * What the standalone server did for a request it could not decode (400), and where its static
 * handler would look: `null` when nothing lies at the address (or it leaves the folder), so that
 * `send` could only have failed and handed the request on.
 */
function onDisk(client: string, urlPath: string): { isDirectory: boolean } | null {
  let fsPath = urlPath;
  try {
    fsPath = decodeURI(fsPath);
  } catch {
    // As the adapter: the raw path.
  }
  const filePath = join(client, fsPath);
  const resolved = resolve(filePath);
  if (resolved !== client && !resolved.startsWith(client + sep)) return null;
  const stats = lstatSync(filePath, { throwIfNoEntry: false });
  return stats ? { isDirectory: stats.isDirectory() } : null;
}

/** `handler` (Astro) behind the build's files under `client` (dist/client). */
export function withStaticFiles(handler: Handler, options: { client: string }): Handler {
  const client = resolve(options.client);
  return (req, res) => {
    const url = req.url ?? '/';
    try {
      decodeURI(url);
    } catch {
      res.writeHead(400);
      res.end('Bad request.');
      return;
    }
    const withoutFragment = url.includes('#') ? url.slice(0, url.indexOf('#')) : url;
    const query = withoutFragment.indexOf('?');
    const urlPath = query >= 0 ? withoutFragment.slice(0, query) : withoutFragment;
    const found = onDisk(client, urlPath);
    if (!found) return handler(req, res);
    // trailingSlash 'ignore': a folder named without its slash is its index.html.
    const pathname = found.isDirectory && !urlPath.endsWith('/') ? `${urlPath}/index.html` : urlPath;
    const normalized = posix.normalize(pathname.startsWith('/') ? pathname : `/${pathname}`);
    const stream = send(req, normalized, { root: client, dotfiles: normalized.startsWith('/.well-known/') ? 'allow' : 'deny', extensions: [] });
    let sending = false;
    stream.on('error', (error: Error & { statusCode?: number }) => {
      if (!sending) return handler(req, res);
      const status = error.statusCode ?? 500;
      if (status >= 500) console.error(String(error));
      res.writeHead(status);
      res.end(status >= 500 ? 'Internal server error' : '');
    });
    stream.on('file', () => {
      sending = true;
    });
    stream.on('stream', () => {
      if (normalized.startsWith(HASHED)) res.setHeader('Cache-Control', 'public, max-age=31536000, immutable');
    });
    stream.pipe(res);
  };
}
