import { expect, test } from './fixtures';

test('catalog → course → lesson → next lesson', async ({ page }) => {
  await page.goto('/courses/');
  await expect(page.getByRole('heading', { level: 1, name: '全部课程' })).toBeVisible();
  await page.getByRole('link', { name: /红色教育：/ }).first().click();
  await expect(page).toHaveURL(/\/courses\/red-spirit\/$/);
  await expect(page.getByRole('heading', { level: 2, name: '课程目录' })).toBeVisible();

  await page.getByRole('link', { name: '开始学习第一课' }).click();
  await expect(page).toHaveURL(/\/courses\/red-spirit\/red-boat-spirit\/$/);
  await expect(page.getByRole('heading', { level: 1 })).toContainText('红船');
  await expect(page.getByText('第 1 课，共 6 课')).toBeVisible();
  await expect(page.getByRole('navigation', { name: '您的位置' })).toContainText('课程');

  await page.getByRole('link', { name: /^下一课：/ }).click();
  await expect(page).toHaveURL(/\/courses\/red-spirit\/jinggangshan-spirit\/$/);
  await expect(page.getByText('第 2 课，共 6 课')).toBeVisible();
  await expect(page.getByRole('link', { name: /^上一课：/ })).toHaveAttribute('href', '/courses/red-spirit/red-boat-spirit/');
});

test('the catalog filters by theme on the server', async ({ page }) => {
  await page.goto('/courses/?theme=integrity');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('廉洁文化课程');
  await expect(page.getByRole('link', { name: '廉洁文化', exact: true })).toHaveAttribute('aria-current', 'page');
  // 廉洁文化 and 党纪学习教育, in catalog order; no course of another theme.
  const titles = page.locator('.course-title');
  await expect(titles).toHaveText([/^廉洁文化/, /^党纪学习教育/]);

  await page.goto('/courses/?theme=smart-aging');
  await expect(page.getByText('这个主题暂时还没有课程')).toBeVisible();

  await page.goto('/courses/?theme=<script>');
  await expect(page.getByText('没有找到这个主题')).toBeVisible();
  // Every course: the six MDX ones, and any other tests published in the studio.
  expect(await page.locator('.course-title').count()).toBeGreaterThanOrEqual(6);
});

test('a lesson page carries link-preview tags and its sources', async ({ page }) => {
  await page.goto('/courses/integrity/eight-point-regulation/');
  const title = await page.locator('h1').textContent();
  await expect(page.locator('meta[property="og:title"]')).toHaveAttribute('content', title ?? '');
  await expect(page.locator('meta[property="og:description"]')).toHaveAttribute('content', /.{10,}/);
  await expect(page.locator('meta[property="og:type"]')).toHaveAttribute('content', 'article');
  // WeChat shows no SVG in link previews: a JPEG made for sharing.
  const image = (await page.locator('meta[property="og:image"]').getAttribute('content')) ?? '';
  expect(image).toMatch(/\/images\/courses\/integrity-share\.jpg$/);
  const picture = await page.request.get(new URL(image).pathname);
  expect(picture.headers()['content-type']).toContain('image/jpeg');
  await expect(page.getByRole('heading', { name: '本课出处' })).toBeVisible();
  await expect(page.getByRole('region', { name: '要点' })).toBeVisible();
  await expect(page.getByRole('region', { name: '思考题' })).toBeVisible();
});

test('a self-check reveals its answer only on request', async ({ page }) => {
  await page.goto('/courses/party-spirit/constitution-and-oath/');
  const check = page.getByRole('region', { name: '小测' }).first();
  const answer = check.locator('details > p');
  await expect(answer).toBeHidden();
  await check.getByText('查看答案和解析').click();
  await expect(answer).toBeVisible();
});

test('an unknown address gets the Chinese 404 with a search box and a way home', async ({ page }) => {
  const response = await page.goto('/courses/no-such-course/');
  expect(response?.status()).toBe(404);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('没有找到这个页面');
  await expect(page.getByRole('main').getByRole('searchbox')).toBeVisible();
  await expect(page.getByRole('link', { name: '回到首页' })).toHaveAttribute('href', '/');
  const lesson = await page.request.get('/courses/party-spirit/no-such-lesson/');
  expect(lesson.status()).toBe(404);
});

test('the print stylesheet hides the navigation chrome', async ({ page }) => {
  await page.goto('/courses/red-spirit/xibaipo-spirit/');
  await page.emulateMedia({ media: 'print' });
  await expect(page.locator('.site-header')).toBeHidden();
  await expect(page.locator('.read-aloud')).toBeHidden();
  await expect(page.locator('.pager')).toBeHidden();
  await expect(page.locator('#lesson-body')).toBeVisible();
});
