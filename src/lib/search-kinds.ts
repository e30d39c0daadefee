/**
 * What kind of page a search result is (课程, 影片, 指南): each indexed page carries its kind
 * as a Pagefind filter, the search page filters by it (`?kind=film`) and shows it on each result.
 * Add a kind by adding a row and marking its pages with searchKindFilter().
 */
export const SEARCH_KINDS = [
  { id: 'course', label: '课程' },
  { id: 'film', label: '影片' },
  { id: 'guide', label: '指南' },
] as const;

export type SearchKind = (typeof SEARCH_KINDS)[number];
export type SearchKindId = SearchKind['id'];

/** The kind's label, the value of Pagefind's `kind` filter: 影片. */
export function searchKindLabel(id: SearchKindId): string {
  return SEARCH_KINDS.find((kind) => kind.id === id)?.label ?? id;
}

/** The page's `data-pagefind-filter` value: kind:影片. */
export function searchKindFilter(id: SearchKindId): string {
  return `kind:${searchKindLabel(id)}`;
}

/** The kind named in the address (`?kind=film`), or undefined for all kinds or an unknown id. */
export function searchKindById(id: string | null | undefined): SearchKind | undefined {
  return SEARCH_KINDS.find((kind) => kind.id === id);
}
