import { isIP } from 'node:net';
import { getConfig, proxyMatcher, type Config } from './config';

let matcher: { config: Config; trusted: (address: string) => boolean } | undefined;

/** `::ffff:10.0.0.1` → `10.0.0.1`; `10.0.0.1:5000` and `[::1]:5000` → the address alone. */
function normalize(entry: string): string {
  let address = entry.trim();
  const bracketed = /^\[([^\]]+)\](?::\d+)?$/.exec(address);
  if (bracketed?.[1]) address = bracketed[1];
  else if (/^\d+\.\d+\.\d+\.\d+:\d+$/.test(address)) address = address.slice(0, address.lastIndexOf(':'));
  if (/^::ffff:\d+\.\d+\.\d+\.\d+$/i.test(address)) address = address.slice('::ffff:'.length);
  return address;
}

/**
 * The address of the person making the request, for per-IP limits and logs. It is the socket's
 * peer, unless that peer is one of our own reverse proxies (TRUSTED_PROXY): then it is the
 * right-most X-Forwarded-For entry that is not a trusted proxy, the one our proxy added. Entries
 * further left were written by the client and are never believed; a client connecting directly
 * cannot change its address with the header at all.
 *
 * Astro itself (without `security.allowedDomains`, which we leave unset) gives the socket's peer
 * as `clientAddress`; with allowedDomains it would believe the left-most entry, which anyone can
 * write.
 */
export function clientAddress(context: { clientAddress: string; request: Request }): string {
  const config = getConfig();
  if (matcher?.config !== config) matcher = { config, trusted: proxyMatcher(config.trustedProxies) };
  const { trusted } = matcher;
  const peer = normalize(context.clientAddress);
  if (!trusted(peer)) return peer;
  const chain = (context.request.headers.get('x-forwarded-for') ?? '').split(',').map(normalize);
  let nearest = peer;
  for (let index = chain.length - 1; index >= 0; index--) {
    const hop = chain[index] ?? '';
    // Garbage where an address should be: whoever wrote it is not to be believed, so the last
    // hop we can vouch for is the answer.
    if (isIP(hop) === 0) return nearest;
    if (!trusted(hop)) return hop;
    nearest = hop;
  }
  return nearest;
}
