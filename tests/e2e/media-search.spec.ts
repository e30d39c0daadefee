import { resolve } from 'node:path';
import { parse } from 'devalue';
import sharp from 'sharp';
import { openDatabase } from '../../src/lib/server/db';
import { dataFolder } from '../../src/lib/server/data-dir';
import { liveIndexIsStale, refreshLiveSearchIndex } from '../../src/lib/server/search-index';
import { insertPublishedStudioCourse } from '../integration/published-studio-course';
import { E2E_DB_URL, E2E_USERS, signInAs } from './accounts';
import { expect, test, type Page } from './fixtures';

test('a studio lesson published while the server runs shows in search, as a lesson of its course, without a rebuild or a restart', async ({ page }) => {
  const { db, client } = await openDatabase(E2E_DB_URL);
  const place = { db, folder: dataFolder(E2E_DB_URL, 'search'), site: resolve('dist/client') };
  try {
    // The server rebuilds its live index at start when it is stale (a new build, other studio
    // courses): wait until it is current, so that rebuild cannot finish after the one below.
    await expect(async () => expect(await liveIndexIsStale(place)).toBe(false)).toPass({ timeout: 60_000 });
    await page.goto('/search/');
    const before = await page.locator('#search-results').getAttribute('data-bundle');
    expect(before).toMatch(/^\/search-index\//);

    const course = await insertPublishedStudioCourse(db, {
      title: '霞光里的老党员',
      theme: '党性教育',
      summary: '讲师在工作台写成的课程。',
      lessons: [{ title: '补丁摞补丁的棉袄', text: '老支书的那件棉袄补丁摞补丁，穿了整整二十年，他说艰苦朴素是传家宝。' }],
    });
    // What publishing asks the server to do (requestSearchRefresh), on the server's data folder.
    await refreshLiveSearchIndex(place);

    await page.goto(`/search/?q=${encodeURIComponent('补丁摞补丁')}`);
    expect(await page.locator('#search-results').getAttribute('data-bundle')).not.toBe(before);
    const first = page.locator('.results li').first();
    await expect(first.locator('a.result-title')).toHaveAttribute('href', course.lessonUrls[0] ?? '');
    await expect(first.locator('a.result-title')).toHaveText('补丁摞补丁的棉袄');
    await expect(first.locator('p.muted')).toHaveText('课程 · 党性教育 · 霞光里的老党员');
    await expect(first.locator('mark').first()).toBeVisible();
    // Narrowed to 课程 and its theme it stays; under 影片 it is not there.
    await page.goto(`/search/?q=${encodeURIComponent('艰苦朴素')}&kind=course&theme=party-spirit`);
    await expect(page.locator('.results a.result-title', { hasText: '补丁摞补丁的棉袄' })).toBeVisible();
    await page.goto(`/search/?q=${encodeURIComponent('补丁摞补丁')}&kind=film`);
    await expect(page.locator('[data-status]')).toContainText('没有找到');
    // The built lessons are still found through the live index.
    await page.goto(`/search/?q=${encodeURIComponent('红船')}`);
    await expect(page.locator('.results li').first().locator('a.result-title')).toHaveAttribute('href', '/courses/red-spirit/red-boat-spirit/');
  } finally {
    client.close();
  }
});

/** Posts a picture to the upload action as the signed-in page would (multipart form). */
async function upload(page: Page, origin: string, file: { name: string; mimeType: string; buffer: Buffer }) {
  const response = await page.request.post('/_actions/media.uploadImage', { multipart: { file }, headers: { origin } });
  return { status: response.status(), body: await response.text() };
}

test('an instructor uploads a phone photo: stored resized, without its location, cached for a year; a fake or oversized file is refused', async ({ page, baseURL }) => {
  const origin = baseURL ?? '';
  await signInAs(page, E2E_USERS['mediaInstructor']?.phone ?? '');
  const photo = await sharp({ create: { width: 1200, height: 900, channels: 3, background: '#c0392b' } })
    .jpeg()
    .withExifMerge({ IFD0: { Make: 'XiaguangPhone' }, IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '30/1 45/1 12/1' } })
    .toBuffer();
  const sent = await upload(page, origin, { name: 'IMG_2024.jpg', mimeType: 'image/jpeg', buffer: photo });
  expect(sent.status).toBe(200);
  const result = parse(sent.body) as { ok: boolean; value: { hash: string; src: string; width: number; height: number } };
  expect(result).toMatchObject({ ok: true, value: { width: 1200, height: 900 } });
  expect(result.value.src).toBe(`/media/${result.value.hash}-1200.webp`);

  for (const width of [480, 960, 1200]) {
    const response = await page.request.get(`/media/${result.value.hash}-${width}.webp`);
    expect(response.status()).toBe(200);
    const headers = response.headers();
    expect(headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(headers['content-type']).toBe('image/webp');
    // The security headers every response gets.
    expect(headers['x-content-type-options']).toBe('nosniff');
    expect(headers['content-security-policy']).toContain("default-src 'none'");
    const stored = await sharp(await response.body()).metadata();
    expect(stored).toMatchObject({ format: 'webp', width });
    expect(stored.exif).toBeUndefined();
  }

  const fake = await upload(page, origin, { name: 'photo.jpg', mimeType: 'image/jpeg', buffer: Buffer.from('这其实是一段文字，不是照片。') });
  expect(parse(fake.body)).toMatchObject({ ok: false, error: { field: 'file', message: expect.stringContaining('不是图片') } });

  // Over the picture's 10 MB: refused before the body is read.
  const oversized = await upload(page, origin, { name: 'big.jpg', mimeType: 'image/jpeg', buffer: Buffer.concat([photo, Buffer.alloc(11 * 1024 * 1024)]) });
  expect(oversized.status).toBe(413);
  expect(oversized.body).toContain('太大');
});

test('every other action keeps a small body limit, and learners cannot upload pictures', async ({ page, baseURL }) => {
  const origin = baseURL ?? '';
  await signInAs(page, E2E_USERS['mediaLearner']?.phone ?? '');
  const big = await page.request.post('/_actions/auth.changePassword', { form: { current: 'x'.repeat(2 * 1024 * 1024) }, headers: { origin } });
  expect(big.status()).toBe(413);
  const picture = await sharp({ create: { width: 10, height: 10, channels: 3, background: '#fff' } }).png().toBuffer();
  const refused = await upload(page, origin, { name: 'a.png', mimeType: 'image/png', buffer: picture });
  expect(refused.status).toBe(403);
});
