import { searchVariants, tidyExcerpt } from '../../lib/search-query';

/** The slice of Pagefind's browser API this page uses. */
interface PagefindResultData {
  url: string;
  excerpt: string;
  content: string;
  meta: Record<string, string | undefined>;
  filters: Record<string, string[] | undefined>;
}
interface Pagefind {
  options(options: Record<string, unknown>): Promise<void>;
  search(
    query: string,
    options?: { filters?: Record<string, string> },
  ): Promise<{ results: PagefindResult[] }>;
}
interface PagefindResult {
  id: string;
  score: number;
  data(): Promise<PagefindResultData>;
}

const PAGE_SIZE = 10;

/**
 * Loaded only on the search page, and only when there is something to search for: from `bundle`,
 * the live index's folder the server named (or the build's /pagefind/), and every later file from
 * the same folder.
 */
async function loadPagefind(bundle: string): Promise<Pagefind> {
  const pagefind = (await import(/* @vite-ignore */ `${bundle}pagefind.js`)) as Pagefind;
  await pagefind.options({ excerptLength: 40, basePath: bundle, baseUrl: '/' });
  return pagefind;
}

/**
 * Every variant of the query searched (as typed, and with numbers folded: 8项规定 → 八项规定), the
 * results merged by Pagefind's score. A folded variant's pages count only when they hold the folded
 * numbers, so 1921年 finds what it found before and nothing that only matched 一 or 二.
 */
async function searchAll(pagefind: Pagefind, query: string, filters: Record<string, string>): Promise<PagefindResult[]> {
  const options = Object.keys(filters).length > 0 ? { filters } : {};
  const best = new Map<string, PagefindResult>();
  for (const variant of searchVariants(query)) {
    const { results } = await pagefind.search(variant.query, options);
    const kept =
      variant.mustContain.length === 0
        ? results
        : (
            await Promise.all(
              results.map(async (result) => {
                const { content } = await result.data();
                return variant.mustContain.every((part) => content.includes(part)) ? result : null;
              }),
            )
          ).filter((result): result is PagefindResult => result !== null);
    for (const result of kept) {
      const seen = best.get(result.id);
      if (!seen || seen.score < result.score) best.set(result.id, result);
    }
  }
  return [...best.values()].sort((a, b) => b.score - a.score);
}

function renderResult(data: PagefindResultData): HTMLLIElement {
  const item = document.createElement('li');
  const link = document.createElement('a');
  link.className = 'result-title';
  link.href = data.url;
  link.textContent = data.meta['title'] ?? data.url;
  const where = document.createElement('p');
  where.className = 'muted';
  // 影片 · 红色教育 · 1956年, 课程 · 红色教育 · 红色教育：赓续精神血脉
  where.textContent = [data.filters['kind']?.[0], data.filters['theme']?.[0], data.meta['course'] ?? data.meta['detail']].filter(Boolean).join(' · ');
  const excerpt = document.createElement('p');
  // Pagefind escapes the page text and adds only <mark> around the hits.
  excerpt.innerHTML = tidyExcerpt(data.excerpt);
  item.append(link, where, excerpt);
  return item;
}

export async function runSearch(root: HTMLElement): Promise<void> {
  const query = root.dataset['query'] ?? '';
  const filters: Record<string, string> = {};
  for (const name of ['theme', 'kind']) {
    const value = root.dataset[name];
    if (value) filters[name] = value;
  }
  const status = root.querySelector<HTMLElement>('[data-status]');
  const list = root.querySelector<HTMLOListElement>('[data-list]');
  const more = root.querySelector<HTMLButtonElement>('[data-more]');
  if (!status || !list || !more || !query) return;

  status.textContent = root.dataset['msgLoading'] ?? '';
  try {
    const pagefind = await loadPagefind(root.dataset['bundle'] ?? '/pagefind/');
    const results = await searchAll(pagefind, query, filters);
    if (results.length === 0) {
      status.textContent = root.dataset['msgEmpty'] ?? '';
      return;
    }
    status.textContent = (root.dataset['msgCount'] ?? '{n}').replace('{n}', String(results.length));
    let shown = 0;
    const showMore = async (): Promise<void> => {
      // Claim the next page before waiting, so a double tap cannot add the same results twice.
      const start = shown;
      shown = Math.min(results.length, shown + PAGE_SIZE);
      more.disabled = true;
      const page = await Promise.all(results.slice(start, shown).map((result) => result.data()));
      const items = page.map(renderResult);
      list.append(...items);
      more.disabled = false;
      more.hidden = shown >= results.length;
      if (start > 0) items[0]?.querySelector('a')?.focus();
    };
    more.addEventListener('click', () => void showMore());
    await showMore();
  } catch (error) {
    console.error('search failed', error);
    status.textContent = root.dataset['msgFailed'] ?? '';
  }
}
