import type { APIRoute } from 'astro';
import { parseMediaFile } from '../../lib/media-widths';
import { readMediaFile } from '../../lib/server/media';

export const prerender = false;

/**
 * Uploaded pictures, `/media/<sha-256>-<width>.webp`, from data/media/, on request. (Pictures that
 * came in a course folder of content/ are built into dist/client/media/ by ./[file].ts and served
 * before this route is asked; see src/lib/server/course-media.ts.) A name is its content, so a file never
 * changes: browsers and proxies keep it for a year without asking again. (The security headers
 * come from src/cluster.mjs, as on every response.)
 */
export const GET: APIRoute = async ({ params }) => {
  const parsed = parseMediaFile(params.upload ?? '');
  const bytes = parsed ? await readMediaFile(parsed.hash, parsed.width) : null;
  if (!parsed || !bytes) return new Response('没有这张图片。', { status: 404, headers: { 'Content-Type': 'text/plain; charset=utf-8' } });
  return new Response(bytes, {
    headers: {
      'Content-Type': 'image/webp',
      'Content-Length': String(bytes.byteLength),
      'Cache-Control': 'public, max-age=31536000, immutable',
    },
  });
};
