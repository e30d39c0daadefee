import { expect, test } from './fixtures';
import { E2E_USERS, signInAs } from './accounts';
import { axeViolations } from './axe';
import { createCourse, writeLessonInSource } from './studio-lessons';

/** Moving a course between the studio and course folders: 导出为课程文件夹, 导入课程文件夹 (without JavaScript). */

test.describe('without JavaScript', () => {
  test.use({ javaScriptEnabled: false });

  test('an instructor exports a course as a folder and imports it again as a new draft', async ({ page }) => {
    test.setTimeout(180_000);
    const author = E2E_USERS['moveAuthor'];
    if (!author) throw new Error('missing test account');
    await signInAs(page, author.phone, '/studio/write/new/');
    const coursePath = await createCourse(page, { title: '家书里的初心', summary: '读几封革命先辈的家书，看他们怎样对待家人和理想。' });
    await writeLessonInSource(page, coursePath, { title: '第一封家书', summary: '读一封写给母亲的家书，体会其中的家国情怀。', body: '## 见字如面\n\n母亲大人：\n\n儿在外一切都好。' });
    await writeLessonInSource(page, coursePath, { title: '第二封家书', summary: '读一封写给儿子的家书，看先辈怎样教育子女。', body: '儿子：\n\n**要好好读书**，好好做人。' });

    await page.goto(coursePath);
    const href = await page.getByRole('link', { name: '导出为课程文件夹' }).getAttribute('href');
    const download = await page.request.get(href ?? '');
    expect(download.status()).toBe(200);
    expect(download.headers()['content-type']).toBe('application/zip');
    const zip = await download.body();

    await page.goto('/studio/write/');
    await page.getByRole('link', { name: '导入课程文件夹' }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('导入课程文件夹');
    // A file that is not a zip: refused in Chinese on the file field.
    await page.getByLabel(/选择课程文件夹的压缩包/).setInputFiles({
      name: '家书.zip',
      mimeType: 'application/zip',
      buffer: Buffer.from('不是压缩包'),
    });
    await page.getByRole('button', { name: '上传并导入' }).click();
    await expect(page.getByRole('alert')).toContainText('不是 .zip 压缩文件');

    await page.getByLabel(/选择课程文件夹的压缩包/).setInputFiles({
      name: '家书里的初心.zip',
      mimeType: 'application/zip',
      buffer: zip,
    });
    await page.getByRole('button', { name: '上传并导入' }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('编写课程：家书里的初心');
    await expect(page.getByRole('status').first()).toContainText('课程文件夹已经导入');
    // What a studio course cannot keep is told, not silently dropped.
    await expect(page.getByRole('status').first()).toContainText('下面这些没有带过来');
    await expect(page.getByRole('status').first().getByRole('listitem')).toHaveCount(2);
    expect(new URL(page.url()).pathname).not.toBe(coursePath);
    await expect(page.locator('.lessons > li h3')).toHaveText(['第1课：第一封家书', '第2课：第二封家书']);
    await page.locator('.lessons > li').nth(1).getByRole('link', { name: /^编写/ }).click();
    await expect(page.getByLabel('课文内容')).toHaveValue('儿子：\n\n**要好好读书**，好好做人。');
  });
});

test('the import page is accessible at the largest text size', async ({ page, baseURL }) => {
  test.setTimeout(180_000);
  const author = E2E_USERS['moveAuthor'];
  if (!author) throw new Error('missing test account');
  await signInAs(page, author.phone, '/studio/write/import/');
  // The import page at the largest text size, in both themes.
  for (const contrast of ['normal', 'high']) {
    await page.context().addCookies([
      { name: 'xg-size', value: '30', url: baseURL ?? '' },
      { name: 'xg-contrast', value: contrast, url: baseURL ?? '' },
    ]);
    await page.goto('/studio/write/import/');
    await expect(page.locator('html')).toHaveAttribute('data-size', '30');
    expect(await axeViolations(page)).toEqual([]);
  }
});
