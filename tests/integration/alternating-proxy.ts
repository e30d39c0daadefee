import http from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A loopback reverse proxy that sends each request to the next server in turn (round robin per
 * request, not per connection: a kept-alive browser connection would otherwise stick to one), and
 * records which server answered what, under the name of the step the test is in. Host and every
 * other header go through unchanged, as nginx with `proxy_set_header Host $host` sends them, so
 * the servers see the proxy's address as the site's (SITE_URL) and Astro's origin check passes.
 * The two-servers test drives it, and so does the scale-out bench (tests/bench/scale-out.mjs, which
 * imports this file as it is: Node strips its types).
 */
export interface ProxyHit {
  step: string;
  /** Index into the targets: which server answered. */
  server: number;
  method: string;
  path: string;
  status: number;
}

export interface AlternatingProxy {
  port: number;
  hits: ProxyHit[];
  /** Names the step the following requests belong to. */
  step(name: string): void;
  /** The servers' ports, in order (a hit's `server` is an index into them). */
  route(ports: readonly number[]): void;
  /** Sends every following request to this one server only (the other is gone). */
  only(server: number | null): void;
  close(): Promise<void>;
}

/** Listens on `port` (0: any free port) before the servers start, so their SITE_URL can name it. */
export async function startAlternatingProxy(port = 0): Promise<AlternatingProxy> {
  let targets: readonly number[] = [];
  let agents: http.Agent[] = [];
  const hits: ProxyHit[] = [];
  let turn = 0;
  let step = 'start';
  let pinned: number | null = null;

  // A kept-alive connection the server has just closed as idle fails the next request sent on it
  // (ECONNRESET on a reused socket, nothing read): sent once more on a fresh connection, as Node's
  // documentation advises, so a slow machine's pause never shows up as a 502 here.
  const forward = (req: http.IncomingMessage, body: Buffer, res: http.ServerResponse, index: number, retried: boolean): void => {
    const upstream = http.request(
      { host: '127.0.0.1', port: targets[index], method: req.method, path: req.url, headers: req.headers, agent: agents[index] },
      (answer) => {
        hits.push({ step, server: index, method: req.method ?? '', path: req.url ?? '', status: answer.statusCode ?? 0 });
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    upstream.on('error', (error: NodeJS.ErrnoException) => {
      if (!retried && upstream.reusedSocket && error.code === 'ECONNRESET') return forward(req, body, res, index, true);
      hits.push({ step, server: index, method: req.method ?? '', path: req.url ?? '', status: 502 });
      if (!res.headersSent) res.writeHead(502).end();
      else res.destroy();
    });
    upstream.end(body);
  };

  const server = http.createServer((req, res) => {
    if (targets.length === 0) return void res.writeHead(503).end();
    const index = pinned ?? turn++ % targets.length;
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => forward(req, Buffer.concat(chunks), res, index, false));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
  return {
    port: (server.address() as AddressInfo).port,
    hits,
    step: (name) => {
      step = name;
    },
    route: (ports) => {
      targets = ports;
      // Enough connections to each server for the bench's requests in flight not to queue here.
      agents = ports.map(() => new http.Agent({ keepAlive: true, maxSockets: 64 }));
    },
    only: (index) => {
      pinned = index;
    },
    close: () =>
      new Promise((resolve) => {
        for (const agent of agents) agent.destroy();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
