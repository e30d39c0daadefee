import { expect, test } from './fixtures';
import { E2E_USERS, signInAs } from './accounts';
import { axeViolations } from './axe';

const COURSE = '/studio/courses/red-spirit/';
const CSV_HEADER = '姓名,手机号,党支部,已学完课数,完成比例,最近学习日期';

test('an instructor sees who is learning a course and downloads the list', async ({ page, baseURL }) => {
  const instructor = E2E_USERS['instructor'];
  if (!instructor) throw new Error('missing test account');
  await signInAs(page, instructor.phone);
  // The instructor learns too: one completed lesson puts them in the course's numbers.
  const done = await page.request.post('/api/progress/', {
    form: { event: 'complete', lesson: 'red-spirit/red-boat-spirit' },
    headers: { origin: baseURL ?? '', accept: 'application/json' },
  });
  expect(done.status()).toBe(200);

  await page.reload();
  await page.getByRole('link', { name: '讲师工作台' }).click();
  await expect(page).toHaveURL(/\/studio\/$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('讲师工作台');
  // The three MDX courses (studio courses other tests publish are listed after them).
  expect(await page.getByRole('link', { name: /^查看学习情况/ }).count()).toBeGreaterThanOrEqual(3);
  expect(await axeViolations(page)).toEqual([]);

  await page.locator(`a[href="${COURSE}"]`).click();
  await expect(page).toHaveURL(new RegExp(`${COURSE}$`));
  await expect(page.getByRole('heading', { level: 1 })).toContainText('学习情况');
  const funnel = page.getByRole('table', { name: '每一课打开和学完的人数' });
  await expect(funnel.locator('tbody tr')).toHaveCount(6);
  await expect(funnel.locator('tbody tr').first()).toContainText('第1课');
  await expect(page.locator('.funnel-label').first()).toHaveText(/^第1课：打开 \d+ 人，学完 \d+ 人$/);

  const learners = page.getByRole('table', { name: /学过这门课的学员/ });
  const me = learners.getByRole('row').filter({ hasText: instructor.name });
  await expect(me).toContainText(`${instructor.phone.slice(0, 3)}****${instructor.phone.slice(7)}`);
  await expect(me).toContainText('未填写支部');
  await expect(page.locator('main')).not.toContainText(instructor.phone);
  expect(await axeViolations(page)).toEqual([]);

  const csvHref = await page.getByRole('link', { name: /CSV/ }).getAttribute('href');
  const csv = await page.request.get(csvHref ?? '');
  expect(csv.status()).toBe(200);
  expect(csv.headers()['content-type']).toContain('text/csv');
  const fileName = /filename\*=UTF-8''([^;]+)/.exec(csv.headers()['content-disposition'] ?? '')?.[1] ?? '';
  expect(decodeURIComponent(fileName)).toMatch(/学员名单\.csv$/);
  const text = await csv.text();
  expect(text.startsWith('\uFEFF')).toBe(true);
  const [header, ...rows] = text.slice(1).split('\r\n');
  expect(header).toBe(CSV_HEADER);
  expect(rows.some((row) => row.startsWith(`${instructor.name},`))).toBe(true);
  expect(text).not.toContain(instructor.phone);

  const xlsxHref = await page.getByRole('link', { name: /Excel/ }).getAttribute('href');
  const xlsx = await page.request.get(xlsxHref ?? '');
  expect(xlsx.status()).toBe(200);
  expect(xlsx.headers()['content-type']).toContain('spreadsheetml');
  expect((await xlsx.body()).subarray(0, 2).toString()).toBe('PK');

  expect((await page.request.get(`${COURSE}export?format=pdf`)).status()).toBe(400);
  expect((await page.request.get('/studio/courses/no-such-course/export?format=csv')).status()).toBe(404);
  const missing = await page.goto('/studio/courses/no-such-course/');
  expect(missing?.status()).toBe(404);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('没有找到这门课');
  await expect(page.getByRole('link', { name: '回到讲师工作台' })).toBeVisible();
});

test('the studio pages pass axe in the high-contrast theme at the largest text size', async ({ page, context, baseURL }) => {
  await signInAs(page, E2E_USERS['instructor']?.phone ?? '');
  await context.addCookies([
    { name: 'xg-size', value: '30', url: baseURL ?? '' },
    { name: 'xg-contrast', value: 'high', url: baseURL ?? '' },
  ]);
  for (const path of ['/studio/', COURSE]) {
    await page.goto(path);
    await expect(page.locator('html')).toHaveAttribute('data-contrast', 'high');
    expect(await axeViolations(page), path).toEqual([]);
  }
});

test('a learner gets 403 from the studio and its downloads', async ({ page }) => {
  await signInAs(page, E2E_USERS['signIn']?.phone ?? '');
  for (const path of ['/studio/', COURSE]) {
    const response = await page.goto(path);
    expect(response?.status(), path).toBe(403);
  }
  await expect(page.getByRole('link', { name: '讲师工作台' })).toHaveCount(0);
  const download = await page.request.get(`${COURSE}export?format=csv`);
  expect(download.status()).toBe(403);
  expect(await download.json()).toEqual({ message: '没有权限这样做。' });
  await page.goto('/me/');
  await expect(page.getByRole('link', { name: '讲师工作台' })).toHaveCount(0);
});
