import { createServer, type RequestListener } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { FALLBACK_CSP, pagePath, SCRIPT_CSP, withSecurityHeaders } from '../../src/lib/server/security-headers';

describe('pagePath', () => {
  it('finds one prerendered page however its address is written', () => {
    for (const url of ['/courses/a/b/', '/courses/a/b', '/courses/a/b/index.html', '/courses/a/b/?q=1#top']) {
      expect(pagePath(url)).toBe('/courses/a/b');
    }
    expect(pagePath('/')).toBe('/');
    expect(pagePath('/%E7%BA%A2/')).toBe('/红');
  });
});

/** The headers a wrapped handler's answer goes out with, over a real socket. */
async function headersOf(handler: RequestListener, path: string, hsts = false): Promise<Headers> {
  const pageCsp = new Map([['/courses/a', "script-src 'self' 'sha256-page'"], ['/404', "script-src 'self' 'sha256-404'"]]);
  const server = createServer(withSecurityHeaders(handler, { hsts, pageCsp }));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  try {
    const { port } = server.address() as AddressInfo;
    return (await fetch(`http://127.0.0.1:${port}${path}`)).headers;
  } finally {
    server.close();
  }
}

describe('withSecurityHeaders', () => {
  const file: RequestListener = (_req, res) => {
    res.setHeader('Content-Type', 'text/html');
    res.end('<p>prerendered</p>');
  };

  it('gives a prerendered page its own policy, and every answer the common headers', async () => {
    const headers = await headersOf(file, '/courses/a/');
    expect(headers.get('content-security-policy')).toBe("script-src 'self' 'sha256-page'");
    expect(headers.get('x-content-type-options')).toBe('nosniff');
    expect(headers.get('strict-transport-security')).toBeNull();
  });

  it('keeps the policy a page rendered on request brings', async () => {
    const rendered: RequestListener = (_req, res) => {
      res.writeHead(200, { 'content-type': 'text/html', 'content-security-policy': "script-src 'self' 'sha256-own'" });
      res.end();
    };
    expect((await headersOf(rendered, '/login/')).get('content-security-policy')).toBe("script-src 'self' 'sha256-own'");
  });

  it('uses the 404 page policy for the 404 page, the script policy for scripts and the strict one otherwise', async () => {
    const missing: RequestListener = (_req, res) => {
      res.writeHead(404, { 'content-type': 'text/html' });
      res.end();
    };
    expect((await headersOf(missing, '/nope/')).get('content-security-policy')).toBe("script-src 'self' 'sha256-404'");
    const script: RequestListener = (_req, res) => {
      res.setHeader('Content-Type', 'text/javascript');
      res.end('1');
    };
    expect((await headersOf(script, '/pagefind/pagefind-worker.js')).get('content-security-policy')).toBe(SCRIPT_CSP);
    // A revalidated worker script (304, no Content-Type) keeps the policy it needs.
    const notModified: RequestListener = (_req, res) => {
      res.writeHead(304);
      res.end();
    };
    expect((await headersOf(notModified, '/pagefind/pagefind-worker.js')).get('content-security-policy')).toBe(SCRIPT_CSP);
    const json: RequestListener = (_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end('{}');
    };
    const headers = await headersOf(json, '/api/health', true);
    expect(headers.get('content-security-policy')).toBe(FALLBACK_CSP);
    expect(headers.get('strict-transport-security')).toMatch(/^max-age=\d+/);
  });
});
