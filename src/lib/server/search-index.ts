/**
 * The live search index: the Pagefind index of the built pages plus the published studio lessons,
 * rebuilt with Pagefind's Node API when a studio course is published or unpublished and swapped in
 * atomically, so a search never sees half an index and nothing needs a rebuild or a restart.
 *
 * FOUNDATION STUB: the search helper writes it. Publishing calls requestSearchRefresh() after its
 * transaction commits; it returns at once and the refresh runs in the background.
 */
export function requestSearchRefresh(): void {
  // Written by the search helper.
}
