import { expect, test } from './fixtures';
import { openHeaderPanel } from './header';

const cases = [
  { query: '红船', expected: '/courses/red-spirit/red-boat-spirit/' },
  { query: '八项规定', expected: '/courses/integrity/eight-point-regulation/' },
  { query: '入党誓词', expected: '/courses/party-spirit/constitution-and-oath/' },
  { query: '两个务必', expected: '/courses/red-spirit/xibaipo-spirit/' },
  // Numbers folded: the lesson is written 八项规定.
  { query: '8项规定', expected: '/courses/integrity/eight-point-regulation/' },
];

for (const { query, expected } of cases) {
  test(`searching for ${query} finds the right lesson first`, async ({ page }) => {
    await page.goto(`/search/?q=${encodeURIComponent(query)}`);
    const first = page.locator('.results li').first();
    await expect(first.locator('a.result-title')).toHaveAttribute('href', expected);
    await expect(first.locator('mark').first()).toBeVisible();
    await expect(page.locator('[data-status]')).toContainText('找到');
  });
}

test('the header search box leads to results, with the theme shown', async ({ page }) => {
  await page.goto('/courses/party-spirit/');
  await openHeaderPanel(page, '搜索');
  await page.getByRole('searchbox', { name: '搜索课程' }).fill('长征');
  await page.getByRole('search').getByRole('button', { name: '搜索' }).click();
  await expect(page).toHaveURL(/\/search\/\?q=/);
  const first = page.locator('.results li').first();
  await expect(first).toContainText('红色教育');
  await expect(page.locator('#search-q')).toHaveValue('长征');
});

test('results can be narrowed to one theme', async ({ page }) => {
  await page.goto(`/search/?q=${encodeURIComponent('党员')}&theme=integrity`);
  await expect(page.locator('.results li').first()).toBeVisible();
  const themes = await page.locator('.results li p.muted').allTextContents();
  expect(themes.length).toBeGreaterThan(0);
  for (const text of themes) expect(text).toContain('廉洁文化');
  await expect(page.getByLabel('主题')).toHaveValue('integrity');
});

test('navigation, switches and footers are not indexed', async ({ page }) => {
  await page.goto('/search/');
  const indexed = await page.evaluate(async () => {
    interface Pagefind {
      search(query: string): Promise<{ results: Array<{ data(): Promise<{ url: string; content: string }> }> }>;
    }
    const url = '/pagefind/pagefind.js';
    const pagefind = (await import(/* @vite-ignore */ url)) as Pagefind;
    const search = await pagefind.search('红船');
    const data = await search.results[0]?.data();
    return { url: data?.url ?? '', content: data?.content ?? '' };
  });
  expect(indexed.url).toBe('/courses/red-spirit/red-boat-spirit/');
  expect(indexed.content).toContain('红船');
  for (const chrome of ['跳到正文', '高对比度', '关于本站', '老年大学在线学习平台', '朗读本页', '本课目录', '上一课', '本课出处']) {
    expect(indexed.content).not.toContain(chrome);
  }
});

test('the search code loads only on the search page', async ({ page }) => {
  const loaded: string[] = [];
  page.on('request', (request) => {
    if (request.url().includes('/pagefind/')) loaded.push(request.url());
  });
  await page.goto('/courses/red-spirit/long-march-spirit/');
  await page.waitForLoadState('networkidle');
  expect(loaded).toEqual([]);
});

/** The pages Pagefind itself finds for a query, as the page searched before numbers were folded. */
async function pagefindUrls(page: import('@playwright/test').Page, query: string): Promise<string[]> {
  return page.evaluate(async (text) => {
    interface Pagefind {
      search(query: string): Promise<{ results: Array<{ data(): Promise<{ url: string }> }> }>;
    }
    const url = '/pagefind/pagefind.js';
    const pagefind = (await import(/* @vite-ignore */ url)) as Pagefind;
    const search = await pagefind.search(text);
    return Promise.all(search.results.map(async (result) => (await result.data()).url));
  }, query);
}

test('1921年 still finds what it found before numbers were folded, and nothing that only matched a numeral', async ({ page }) => {
  await page.goto(`/search/?q=${encodeURIComponent('1921年')}`);
  await expect(page.locator('.results > li').first()).toBeVisible();
  const shown = await page.locator('.results a.result-title').evaluateAll((links) => links.map((link) => link.getAttribute('href')));
  expect(shown.sort()).toEqual((await pagefindUrls(page, '1921年')).sort());
});

test('显示更多结果 appears only when there are more results, and shows them', async ({ page }) => {
  await page.goto(`/search/?q=${encodeURIComponent('红船')}`);
  await expect(page.locator('.results > li').first()).toBeVisible();
  await expect(page.getByRole('button', { name: '显示更多结果' })).toBeHidden();

  await page.goto(`/search/?q=${encodeURIComponent('党员')}`);
  const status = page.locator('[data-status]');
  await expect(status).toContainText('找到');
  const total = Number((await status.textContent())?.match(/\d+/u)?.[0]);
  expect(total).toBeGreaterThan(10);
  await expect(page.locator('.results > li')).toHaveCount(10);
  const more = page.getByRole('button', { name: '显示更多结果' });
  await expect(more).toBeVisible();
  await more.click();
  await expect(page.locator('.results > li')).toHaveCount(Math.min(total, 20));
  await expect(page.locator('.results > li').nth(10).locator('a')).toBeFocused();
  if (total <= 20) await expect(more).toBeHidden();
});

test('result excerpts have no stray half-width punctuation and no word cut at either end', async ({ page }) => {
  for (const query of ['8项规定', '1921年', '党员', '长征']) {
    await page.goto(`/search/?q=${encodeURIComponent(query)}`);
    await expect(page.locator('.results > li').first()).toBeVisible();
    const excerpts = await page.locator('.results > li > p:not(.muted)').allTextContents();
    expect(excerpts.length).toBeGreaterThan(0);
    for (const excerpt of excerpts) {
      expect(excerpt, `${query}: ${excerpt}`).not.toMatch(/[\p{Script=Han}][.,:;!?]|[.,:;!?]\s*[\p{Script=Han}]/u);
      expect(excerpt, `${query}: ${excerpt}`).toMatch(/(……|[。！？”」》])$/u);
    }
  }
});

test('films are found too, marked 影片, and the kind filter keeps to one kind', async ({ page }) => {
  await page.goto(`/search/?q=${encodeURIComponent('上甘岭')}`);
  const film = page.locator('.results > li', { has: page.locator('a.result-title[href="/films/shangganling/"]') });
  await expect(film).toBeVisible();
  await expect(film.locator('p.muted')).toHaveText('影片 · 红色教育 · 1956年');

  await page.goto(`/search/?q=${encodeURIComponent('抗美援朝')}&kind=film`);
  await expect(page.getByLabel('类别')).toHaveValue('film');
  await expect(page.locator('.results > li').first()).toBeVisible();
  const filmKinds = await page.locator('.results > li p.muted').allTextContents();
  for (const text of filmKinds) expect(text).toMatch(/^影片 · /u);
  const filmLinks = await page.locator('.results a.result-title').evaluateAll((links) => links.map((link) => link.getAttribute('href')));
  expect(filmLinks).toContain('/films/changjinhu/');

  await page.goto(`/search/?q=${encodeURIComponent('抗美援朝')}&kind=course`);
  await expect(page.locator('.results > li').first()).toBeVisible();
  const courseLinks = await page.locator('.results a.result-title').evaluateAll((links) => links.map((link) => link.getAttribute('href')));
  expect(courseLinks).toContain('/courses/red-spirit/resist-us-aid-korea-spirit/');
  for (const href of courseLinks) expect(href).toMatch(/^\/courses\//u);
  for (const text of await page.locator('.results > li p.muted').allTextContents()) expect(text).toMatch(/^课程 · /u);
});
