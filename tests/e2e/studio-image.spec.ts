import sharp from 'sharp';
import { expect, test, type Page } from './fixtures';
import { E2E_USERS, signInAs } from './accounts';
import { axeViolations, expectAccessibleEverywhere } from './axe';
import { smallTargets } from './targets';
import { createCourse, newLesson, writeLessonInSource } from './studio-lessons';

/**
 * Pictures in studio lessons (issue 13, item 5): the editor's 图片 block uploads a photo chosen on
 * the phone or computer through the action media.uploadImage, and without JavaScript the lesson
 * page's upload form answers the line to paste. The alt text stays required before saving.
 */

function account(key: string): { phone: string } {
  const user = E2E_USERS[key];
  if (!user) throw new Error(`missing test account ${key}`);
  return user;
}

type Upload = { name: string; mimeType: string; buffer: Buffer };

/** A phone-sized photo that does not compress away (noise), 1200 × 900, as a JPEG of a megabyte or more. */
async function photo(): Promise<Upload> {
  const width = 1200;
  const height = 900;
  const pixels = Buffer.alloc(width * height * 3);
  for (let at = 0; at < pixels.length; at += 1) pixels[at] = (at * 2654435761) >>> 24;
  const buffer = await sharp(pixels, { raw: { width, height, channels: 3 } }).jpeg({ quality: 95 }).toBuffer();
  return { name: 'IMG_0412.jpg', mimeType: 'image/jpeg', buffer };
}

const FAKE: Upload = { name: 'photo.jpg', mimeType: 'image/jpeg', buffer: Buffer.from('这其实是一段文字，不是照片。') };
const UPLOADED = /^\/media\/[0-9a-f]{64}-1200\.webp$/;

/** Clicks the block's upload button and picks `file` in the file chooser, as a person does. */
async function choosePhoto(page: Page, file: Upload): Promise<void> {
  const chooser = page.waitForEvent('filechooser');
  await page.locator('.editor-block-Figure').getByRole('button', { name: /选一张照片上传|换一张照片/ }).click();
  await (await chooser).setFiles(file);
}

/** The saved lesson as learners will see it: its picture has every stored width in srcset and loads. */
async function expectPictureInPreview(page: Page, lessonPath: string, alt: string): Promise<void> {
  await page.goto(`${lessonPath}preview/`);
  const picture = page.locator('main figure img');
  await expect(picture).toHaveAttribute('alt', alt);
  await expect(picture).toHaveAttribute('src', UPLOADED);
  const srcset = (await picture.getAttribute('srcset')) ?? '';
  expect(srcset.split(', ').map((entry) => entry.replace(/^\/media\/[0-9a-f]{64}-/, ''))).toEqual(['480.webp 480w', '960.webp 960w', '1200.webp 1200w']);
  await picture.scrollIntoViewIfNeeded();
  await expect.poll(() => picture.evaluate((element) => (element as HTMLImageElement).naturalWidth)).toBeGreaterThan(0);
}

for (const width of [1280, 768]) {
  test(`at ${width} px an instructor uploads a photo from the 图片 block: a fake file is refused, progress shows, the address fills in, the alt text is required`, async ({ page }) => {
    test.setTimeout(150_000);
    await page.setViewportSize({ width, height: 900 });
    const lesson = await newLesson(page, account(width === 1280 ? 'imageWide' : 'imageNarrow').phone);
    let sent = 0;
    page.on('request', (request) => {
      if (request.method() === 'POST' && request.url().includes('media.uploadImage')) sent += 1;
    });
    await page.getByRole('button', { name: '＋ 图片', exact: true }).click();
    const block = page.locator('.editor-block-Figure');
    const address = block.getByLabel('图片地址');

    // Not a picture (only its name says so): the server refuses it in Chinese, nothing is filled in.
    await choosePhoto(page, FAKE);
    await expect(block.getByRole('alert')).toContainText('这个文件不是图片');
    await expect(address).toHaveValue('');
    expect(sent).toBe(1);

    // Over 10 MB: refused at once, without sending it over the phone's network.
    await choosePhoto(page, { name: 'big.jpg', mimeType: 'image/jpeg', buffer: Buffer.alloc(11 * 1024 * 1024, 0xff) });
    await expect(block.getByRole('alert')).toContainText('这张图片太大了');
    expect(sent).toBe(1);

    // A real photo over a slow connection: how far it is shows, then the address fills in.
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Network.enable');
    await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 20, downloadThroughput: -1, uploadThroughput: 400 * 1024 });
    await choosePhoto(page, await photo());
    await expect(block.getByRole('progressbar')).toBeVisible();
    await expect(block.getByText(/正在上传：\d+%/)).toBeVisible();
    await expect(address).toHaveValue(UPLOADED, { timeout: 60_000 });
    await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 0, downloadThroughput: -1, uploadThroughput: -1 });
    expect(sent).toBe(2);
    await expect(block.getByRole('alert')).toHaveCount(0);
    await expect(block.getByLabel('宽度（可以不写）')).toHaveValue('1200');
    await expect(block.getByLabel('高度（可以不写）')).toHaveValue('900');
    await expect(block.getByRole('status')).toContainText('图片已经传好');
    const alt = block.getByLabel('图上有什么（必填）');
    await expect(alt).toBeFocused();
    await expect(block.locator('img.editor-upload-picture')).toBeVisible();
    await expect(block.getByRole('button', { name: '换一张照片' })).toBeVisible();

    // Without the alt text the lesson is not saved: the problem shows at the block.
    await expect(page.locator('[data-save-status]')).toHaveAttribute('data-save-status', 'problems', { timeout: 20_000 });
    await expect(block.locator('.editor-problem').filter({ hasText: '图片说明' })).toBeVisible();
    await alt.fill('嘉兴南湖上的红船');
    await expect(page.locator('[data-save-status]')).toContainText('已保存', { timeout: 20_000 });
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);

    await expectPictureInPreview(page, lesson.path, '嘉兴南湖上的红船');
  });
}

test('the 图片 block with an uploaded photo is accessible at every text size and in high contrast, with large targets', async ({ page, context, baseURL }) => {
  test.setTimeout(240_000);
  const lesson = await newLesson(page, account('imageA11y').phone);
  await page.getByRole('button', { name: '＋ 图片', exact: true }).click();
  const block = page.locator('.editor-block-Figure');
  // A refusal and the progress as they are shown.
  await choosePhoto(page, FAKE);
  await expect(block.getByRole('alert')).toContainText('这个文件不是图片');
  expect(await axeViolations(page, '.lesson-editor')).toEqual([]);
  await choosePhoto(page, await photo());
  await expect(block.getByLabel('图片地址')).toHaveValue(UPLOADED, { timeout: 60_000 });
  expect(await axeViolations(page, '.lesson-editor')).toEqual([]);
  await block.getByLabel('图上有什么（必填）').fill('嘉兴南湖上的红船');
  await expect(page.locator('[data-save-status]')).toContainText('已保存', { timeout: 20_000 });

  await expectAccessibleEverywhere(page, context, baseURL!, lesson.path, async (page) => {
    await expect(page.locator('.editor-block-Figure img.editor-upload-picture')).toBeVisible();
  });
  // The last variant is 特大 in high contrast: targets, and a 320 px screen without sideways scrolling.
  expect(await smallTargets(page)).toEqual([]);
  await page.setViewportSize({ width: 320, height: 800 });
  await expect(page.locator('.editor-block-Figure').getByRole('button', { name: '换一张照片' })).toBeVisible();
  expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
});

test.describe('without JavaScript', () => {
  test.use({ javaScriptEnabled: false });

  test('the lesson page uploads a photo and answers the line to paste; a fake file is refused; without alt text the lesson is not saved', async ({ page }) => {
    test.setTimeout(150_000);
    await signInAs(page, account('imageNoScript').phone, '/studio/write/new/');
    const coursePath = await createCourse(page, { title: '照片里的红船', summary: '看几张照片，讲一讲南湖红船的故事。' });
    await writeLessonInSource(page, coursePath, { title: '南湖红船', body: '1921年，中共一大在南湖红船上闭幕。' });
    const lessonPath = new URL(page.url()).pathname;
    const form = page.locator('section.picture-upload');

    await form.getByLabel('选择一张照片').setInputFiles(FAKE);
    await form.getByRole('button', { name: '上传图片' }).click();
    await expect(page.getByRole('alert')).toContainText('这个文件不是图片');
    await expect(page.getByLabel('课文内容', { exact: true })).toHaveValue('1921年，中共一大在南湖红船上闭幕。');

    await form.getByLabel('选择一张照片').setInputFiles(await photo());
    await form.getByRole('button', { name: '上传图片' }).click();
    await expect(form.getByRole('status')).toContainText('图片已经传好');
    const line = await form.getByLabel(/把这一行复制到/).inputValue();
    expect(line).toMatch(/^<Figure src="\/media\/[0-9a-f]{64}-1200\.webp" alt="" width="1200" height="900" \/>$/);
    await expect(form.locator('code.address')).toHaveText(UPLOADED);

    // Pasted with its alt text still empty: not saved, the problem points at the line, the text stays.
    const body = `1921年，中共一大在南湖红船上闭幕。\n\n${line}\n`;
    await page.getByLabel('课文内容', { exact: true }).fill(body);
    await page.getByRole('button', { name: '保存这一课' }).click();
    const problems = page.locator('#problems');
    await expect(problems).toHaveAttribute('role', 'alert');
    await expect(problems).toContainText('没有保存');
    await expect(problems.locator('li').filter({ hasText: '图片说明' })).toContainText('第3行');
    await expect(page.getByLabel('课文内容', { exact: true })).toHaveValue(body);

    await page.getByLabel('课文内容', { exact: true }).fill(body.replace('alt=""', 'alt="嘉兴南湖上的红船"'));
    await page.getByRole('button', { name: '保存这一课' }).click();
    await expect(page.getByRole('status')).toContainText('已保存');
    await expectPictureInPreview(page, lessonPath, '嘉兴南湖上的红船');
  });
});
