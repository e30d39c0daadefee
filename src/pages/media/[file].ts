import type { APIRoute, GetStaticPaths } from 'astro';
import { readFile } from 'node:fs/promises';
import { contentPictures } from '../../lib/server/course-media';
import { getConfig } from '../../lib/server/config';

/**
 * The pictures that came in course folders of content/ (an exported studio course's cover and
 * lesson pictures, content/courses/<course>/media/), written at build into dist/client/media/ under
 * the addresses they had in the studio, so the built pages show them exactly as the studio did. The
 * server sends them as it sends every built file; an address not built here goes on to
 * ./[...upload].ts (pictures uploaded since, from data/media/).
 */
export const prerender = true;

export const getStaticPaths = (() =>
  contentPictures(getConfig().contentDir).map((picture) => ({ params: { file: picture.name }, props: { path: picture.path } }))) satisfies GetStaticPaths;

export const GET: APIRoute = async ({ props }) => {
  const bytes = await readFile((props as { path: string }).path);
  return new Response(bytes, { headers: { 'Content-Type': 'image/webp' } });
};
