// The way the production server sent prerendered pages before src/lib/server/prerendered-pages.ts:
// the built server's handler (the node adapter's static handler, then Astro) inside
// withSecurityHeaders, as src/cluster.mjs wired it. prerendered-pages.test.ts compares the
// production server's answers with this one's. Run by Node directly: `node adapter-static-server.mjs
// <entry> <port>`; prints `listening` once it is.
import { createServer } from 'node:http';
import { dirname, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { readPageCsp, withSecurityHeaders } from '../../src/lib/server/security-headers.ts';

const [entry, port] = process.argv.slice(2);
process.env.ASTRO_NODE_AUTOSTART = 'disabled';
const { handler } = await import(pathToFileURL(resolve(entry)).href);
const pageCsp = readPageCsp(resolve(dirname(resolve(entry)), '..', '_headers.json'));
createServer(withSecurityHeaders(handler, { hsts: false, pageCsp })).listen(Number(port), '127.0.0.1', () => process.stdout.write('listening\n'));
