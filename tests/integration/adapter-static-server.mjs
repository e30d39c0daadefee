// The way the production server sent the build's files before src/lib/server/prerendered-pages.ts
// and static-files.ts: the node adapter's own standalone server (a 400 for an address it cannot
// decode, its static handler, then Astro) inside withSecurityHeaders, as src/cluster.mjs wired it.
// prerendered-pages.test.ts compares the production server's answers with this one's. The build's
// entry still carries the adapter's standalone server (`startServer`, whatever the mode); its http
// server is wrapped here as cluster.mjs wrapped its handler. Run by Node directly:
// `node adapter-static-server.mjs <entry> <port>`; prints `listening` once it is.
import http from 'node:http';
import { dirname, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { readPageCsp, withSecurityHeaders } from '../../src/lib/server/security-headers.ts';

const [entry, port] = process.argv.slice(2);
const pageCsp = readPageCsp(resolve(dirname(resolve(entry)), '..', '_headers.json'));
const createServer = http.createServer;
http.createServer = (listener) => createServer(withSecurityHeaders(listener, { hsts: false, pageCsp }));
process.env.PORT = port;
process.env.HOST = '127.0.0.1';
process.env.ASTRO_NODE_LOGGING = 'disabled';
const { startServer } = await import(pathToFileURL(resolve(entry)).href);
const { server } = startServer();
server.server.once('listening', () => process.stdout.write('listening\n'));
