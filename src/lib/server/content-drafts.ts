import { getConfig } from './config';

/**
 * Whether a content entry (course, lesson, film, guide) is published. Drafts are shown only when
 * XG_SHOW_DRAFTS=1 (set by `npm run dev` for authors' previews), never because of NODE_ENV: a build
 * run with NODE_ENV=test or development must not publish them.
 */
export function isPublished(entry: { data: { draft: boolean } }): boolean {
  return getConfig().showDrafts || !entry.data.draft;
}
