import { expect, test, type Page } from './fixtures';
import { E2E_USERS, signInAs } from './accounts';
import { createCourse } from './studio-lessons';
import { smallTargets } from './targets';

/**
 * Every page that asks for a file (a roster, a question bank, a Word document, a course's .zip, a
 * cover, a lesson's photo) uses one chooser (FileField): on a 320 px phone at 特大 it takes the
 * column's width, so the page never scrolls sideways, and it is as large as any other control.
 */
test.use({ viewport: { width: 320, height: 800 } });
test.beforeEach(async ({ context, baseURL }) => {
  await context.addCookies([{ name: 'xg-size', value: '30', url: baseURL ?? '' }]);
});

async function expectChoosersFit(page: Page, labels: readonly RegExp[]): Promise<void> {
  for (const label of labels) {
    const chooser = page.getByLabel(label);
    await expect(chooser).toHaveAttribute('type', 'file');
    const box = await chooser.boundingBox();
    expect(box?.width ?? Infinity, `${label}`).toBeLessThanOrEqual(320);
  }
  expect(await page.evaluate(() => document.documentElement.scrollWidth), page.url()).toBeLessThanOrEqual(320);
  expect((await smallTargets(page)).map((target) => `${target.label} ${target.width}×${target.height}`)).toEqual([]);
}

test('an admin’s roster upload fits a phone at 特大', async ({ page }) => {
  await signInAs(page, E2E_USERS['uploadAdmin']?.phone ?? '', '/admin/import/');
  await expectChoosersFit(page, [/选择/]);
});

test('an organiser’s spreadsheet and Word choosers fit a phone at 特大', async ({ page }) => {
  await signInAs(page, E2E_USERS['uploadOrganiser']?.phone ?? '', '/organiser/');
  await page.getByLabel('题库名称').fill('手机上传的题库');
  await page.getByRole('button', { name: '建立题库' }).click();
  await page.getByRole('link', { name: '从 Excel 导入题目' }).click();
  await expectChoosersFit(page, [/选择题目文件/, /选择 Word 文档/]);
});

test('an instructor’s .zip and cover choosers fit a phone at 特大, and a missing cover is refused in its section', async ({ page }) => {
  await signInAs(page, E2E_USERS['uploadInstructor']?.phone ?? '', '/studio/write/import/');
  await expectChoosersFit(page, [/选择课程文件夹的压缩包/]);
  const coursePath = await createCourse(page, { title: '手机上传封面的课' });
  await expectChoosersFit(page, [/选择封面图片/]);
  // Sent without a file: the refusal is said in the cover's own section, and nothing overflows.
  await page.getByRole('button', { name: '上传封面' }).click();
  await expect(page.getByRole('region', { name: '封面图片' }).getByRole('alert')).toContainText('请选择一张图片');
  await expectChoosersFit(page, [/选择封面图片/]);
  await expect(page).toHaveURL(new RegExp(`${coursePath}`));
  // The lesson page's photo chooser (shown without JavaScript) is measured in studio-image.spec.ts.
});
