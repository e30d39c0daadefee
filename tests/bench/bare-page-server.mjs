// The ceiling beside the studio page bench (studio-bench.mjs): a plain node:http server, in as
// many processes as src/cluster.mjs starts, sending one page from memory (BARE_PAGE_FILE, the
// studio lesson's HTML as the real server sends it) to every request. Nothing in the real server's
// way of sending a page can be faster than this; the ratio shows what the rest costs.
import cluster from 'node:cluster';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { availableParallelism } from 'node:os';

const workers = Number(process.env.WORKERS) || Math.min(availableParallelism(), 4);
const body = readFileSync(process.env.BARE_PAGE_FILE ?? '');

if (cluster.isPrimary && workers > 1) {
  for (let index = 0; index < workers; index++) cluster.fork();
} else {
  createServer((request, response) => {
    response.writeHead(200, { 'content-type': 'text/html; charset=UTF-8', 'content-length': body.length });
    response.end(request.method === 'HEAD' ? undefined : body);
  }).listen(Number(process.env.PORT), process.env.HOST);
}
