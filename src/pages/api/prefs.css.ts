import type { APIRoute } from 'astro';
import tokens from '../../styles/tokens.css?raw';
import { readPrefs } from '../../lib/preferences';

export const prerender = false;

/** The declarations inside `selector { … }` in tokens.css, so the values live in one place. */
function block(selector: string): string {
  const start = tokens.indexOf(`${selector} {`);
  if (start < 0) return '';
  const open = tokens.indexOf('{', start);
  return tokens.slice(open + 1, tokens.indexOf('}', open)).trim();
}

/**
 * `html:root:root` outranks the `:root` defaults in tokens.css wherever the sheets come.
 * For readers without JavaScript on prerendered pages (which cannot read cookies when they are
 * built): the page loads this in <noscript>, and it applies the saved text size and contrast.
 */
export const GET: APIRoute = ({ cookies }) => {
  const prefs = readPrefs((name) => cookies.get(name)?.value);
  const rules = [
    prefs.size === '20' ? '' : `html:root:root { ${block(`html[data-size='${prefs.size}']`)} }`,
    prefs.contrast === 'high' ? `html:root:root { ${block("html[data-contrast='high']")} }` : '',
  ].join('\n');
  return new Response(rules, {
    headers: { 'content-type': 'text/css; charset=utf-8', 'cache-control': 'private, no-cache', vary: 'Cookie' },
  });
};
