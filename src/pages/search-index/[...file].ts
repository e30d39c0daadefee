import type { APIRoute } from 'astro';
import { readSearchIndexFile } from '../../lib/server/search-index';

export const prerender = false;

/**
 * The live search index's files (src/lib/server/search-index.ts): `/search-index/<folder>/…`. A
 * folder is never changed once written (a rebuild writes a new one), so its files are cached for a
 * year; the search page names the live folder when it is rendered.
 */
export const GET: APIRoute = async ({ params }) => {
  const file = await readSearchIndexFile(params.file ?? '');
  if (!file) return new Response('没有这个文件。', { status: 404, headers: { 'Content-Type': 'text/plain; charset=utf-8' } });
  return new Response(file.bytes, {
    headers: { 'Content-Type': file.type, 'Cache-Control': 'public, max-age=31536000, immutable' },
  });
};
