import { expect, test, type Page } from './fixtures';
import { E2E_USERS, signInAs } from './accounts';
import { axeViolations, expectAccessibleEverywhere } from './axe';
import { createCourse, writeLessonInSource } from './studio-lessons';

/** The instructor studio's drafts: courses and lessons written in the browser (/studio/write/). */

function account(key: string): { phone: string; name: string } {
  const user = E2E_USERS[key];
  if (!user) throw new Error(`missing test account ${key}`);
  return user;
}

async function lessonTitles(page: Page): Promise<string[]> {
  return page.locator('.lessons > li h3').allTextContents().then((titles) => titles.map((text) => text.trim()));
}

/**
 * The lesson page's 源码 form, as people without JavaScript use it (with JavaScript the editor
 * island takes its place: lesson-editor.spec.ts), and the action both post to.
 */
test.describe('without JavaScript', () => {
  test.use({ javaScriptEnabled: false });

  test('an instructor writes a two-lesson course, reorders, removes a lesson and adds a co-author; others are refused', async ({ page, browser, baseURL }) => {
    test.setTimeout(180_000);
    const author = account('studioAuthor');
    const coAuthor = account('studioCoAuthor');
    await signInAs(page, author.phone, '/studio/');
    await page.getByRole('link', { name: '新建课程' }).click();
    await expect(page).toHaveURL(/\/studio\/write\/new\/$/);

    // Bad input: every problem in Chinese on its field, nothing created.
    await page.getByLabel('课程名称').fill('家');
    await page.getByLabel('课程简介').fill('太短');
    await page.getByLabel('学时').fill('很多');
    await page.getByRole('button', { name: '建好课程' }).click();
    await expect(page.getByRole('alert')).toContainText('请改正下面3处问题');
    await expect(page.locator('#field-hours-error')).toContainText('学时请填大于0');
    await expect(page.getByLabel('课程简介')).toHaveValue('太短');

    const coursePath = await createCourse(page, { title: '红色家书选读', hours: '1.5' });
    expect(coursePath).toMatch(/^\/studio\/write\/\d+\/$/);
    await writeLessonInSource(page, coursePath, { title: '第一封家书', body: '亲爱的家人：\n\n见字如面。' });
    await writeLessonInSource(page, coursePath, { title: '第二封家书', body: '儿子：\n\n要好好读书。' });

    // A stale save from an older copy of the lesson page is refused and keeps the text typed.
    const lessonPath = new URL(page.url()).pathname;
    const stale = await browser.newContext({ javaScriptEnabled: false });
    const stalePage = await stale.newPage();
    await stalePage.context().addCookies(await page.context().cookies());
    await stalePage.goto(lessonPath);
    await page.getByLabel('课文内容').fill('儿子：\n\n要好好读书，好好做人。');
    await page.getByRole('button', { name: '保存这一课' }).click();
    await expect(page.getByRole('status')).toContainText('已保存');
    await stalePage.getByLabel('课文内容').fill('旧窗口里写的字');
    await stalePage.getByRole('button', { name: '保存这一课' }).click();
    await expect(stalePage.getByRole('alert').first()).toContainText('这一课在别处被改过');
    await expect(stalePage.getByLabel('课文内容')).toHaveValue('旧窗口里写的字');
    await stale.close();

    await page.goto(coursePath);
    expect(await lessonTitles(page)).toEqual(['第1课：第一封家书', '第2课：第二封家书']);
    await page.getByRole('button', { name: '下移 第1课' }).click();
    await expect(page.getByRole('status')).toContainText('已移到第2课');
    expect(await lessonTitles(page)).toEqual(['第1课：第二封家书', '第2课：第一封家书']);

    await page.getByRole('link', { name: '删除 第2课' }).click();
    await expect(page.getByRole('heading', { name: '确定要删除第2课“第一封家书”吗？' })).toBeVisible();
    await page.getByRole('button', { name: '确定删除这一课' }).click();
    await expect(page.getByRole('status')).toContainText('已删除“第一封家书”');
    expect(await lessonTitles(page)).toEqual(['第1课：第二封家书']);

    // A learner cannot be a co-author; an instructor can.
    await page.getByLabel('合作讲师的手机号').fill(account('writeLearner').phone);
    await page.getByRole('button', { name: '添加合作讲师' }).click();
    await expect(page.locator('#field-phone-error')).toContainText('不是讲师账号');
    await page.getByLabel('合作讲师的手机号').fill(coAuthor.phone);
    await page.getByRole('button', { name: '添加合作讲师' }).click();
    await expect(page.getByRole('status')).toContainText(`已把${coAuthor.name}加为合作讲师`);
    await expect(page.locator('.authors')).toContainText(coAuthor.name);
    // axe runs in the page: the author's course page, with JavaScript.
    const scripted = await browser.newContext({ baseURL: baseURL ?? '', javaScriptEnabled: true });
    await scripted.addCookies(await page.context().cookies());
    const scriptedPage = await scripted.newPage();
    await scriptedPage.goto(coursePath);
    expect(await axeViolations(scriptedPage)).toEqual([]);
    await scripted.close();

    // The co-author finds it under 我的课程 and may open it.
    const coContext = await browser.newContext();
    const coPage = await coContext.newPage();
    await signInAs(coPage, coAuthor.phone, '/studio/');
    await coPage.getByRole('link', { name: /^打开编写\s*：红色家书选读$/ }).click();
    await expect(coPage.getByRole('heading', { level: 1 })).toHaveText('编写课程：红色家书选读');
    await expect(coPage.getByText('只有负责讲师可以添加或移除合作讲师。')).toBeVisible();
    await coContext.close();

    // Another instructor and a learner are refused the course's pages and its actions (403).
    const courseId = /\/(\d+)\/$/.exec(coursePath)?.[1] ?? '';
    for (const key of ['writeStranger', 'writeLearner']) {
      const context = await browser.newContext();
      const other = await context.newPage();
      await signInAs(other, account(key).phone);
      for (const path of [coursePath, lessonPath]) {
        const response = await other.goto(path);
        expect(response?.status(), `${key} ${path}`).toBe(403);
        await expect(other.getByRole('heading', { level: 1 })).toHaveText('没有权限查看这个页面');
      }
      const save = await other.request.post('/_actions/studio.saveLesson', {
        data: { courseId: Number(courseId), lessonId: Number(/lessons\/(\d+)\//.exec(lessonPath)?.[1]), revision: 9, title: '改掉', summary: '', body: '别人的字', sources: [], minutes: null },
        headers: { origin: baseURL ?? '' },
      });
      expect(save.status(), key).toBe(403);
      const remove = await other.request.post('/_actions/studio.addLesson', { form: { courseId, title: '多一课' }, headers: { origin: baseURL ?? '' } });
      expect(remove.status(), key).toBe(403);
      await context.close();
    }
    await page.goto(coursePath);
    expect(await lessonTitles(page)).toEqual(['第1课：第二封家书']);
    await page.goto(lessonPath);
    await expect(page.getByLabel('课文内容')).toHaveValue('儿子：\n\n要好好读书，好好做人。');
  });

  test('the editor saves through the same action: JSON answers saved or conflict as the contract says, and a form with sources as JSON (the save on leaving) works too', async ({ page, baseURL }) => {
    const author = account('studioCoAuthor');
    await signInAs(page, author.phone, '/studio/');
    const coursePath = await createCourse(page, { title: '接口测试课', hours: '1.5' });
    await page.getByLabel('新一课的标题').fill('第一课');
    await page.getByRole('button', { name: '添加一课' }).click();
    const [, courseId, lessonId] = /\/studio\/write\/(\d+)\/lessons\/(\d+)\/$/.exec(new URL(page.url()).pathname) ?? [];
    const save = (revision: number, body: string) =>
      page.request.post('/_actions/studio.saveLesson', {
        data: { courseId: Number(courseId), lessonId: Number(lessonId), revision, title: '第一课', summary: '', body, sources: [{ title: '《红色家书》', issuer: '人民出版社', year: 2021 }], minutes: 12 },
        headers: { origin: baseURL ?? '', accept: 'application/json' },
      });
    const first = await save(1, '第一段。');
    expect(first.status()).toBe(200);
    expect(await first.text()).toContain('"saved"');
    const stale = await save(1, '旧的');
    expect(stale.status()).toBe(200);
    expect(await stale.text()).toContain('conflict');
    const bad = await page.request.post('/_actions/studio.saveLesson', { data: { courseId: Number(courseId) }, headers: { origin: baseURL ?? '' } });
    expect(bad.status()).toBe(400);
    await page.goto(`${coursePath}lessons/${lessonId}/`);
    await expect(page.getByLabel('课文内容')).toHaveValue('第一段。');
    await expect(page.getByLabel('学习时间（分钟）（选填）')).toHaveValue('12');
    // The editor's save on leaving the page (sendBeacon) posts the same fields as a form, sources as JSON.
    const beacon = await page.request.post('/_actions/studio.saveLesson', {
      multipart: { courseId: courseId ?? '', lessonId: lessonId ?? '', revision: '2', title: '第一课', summary: '', body: '离开页面前写的字。', sources: JSON.stringify([{ title: '《红色家书》', issuer: '人民出版社', year: 2021 }]), minutes: '' },
      headers: { origin: baseURL ?? '' },
    });
    expect(beacon.status()).toBe(200);
    await page.reload();
    await expect(page.getByLabel('课文内容')).toHaveValue('离开页面前写的字。');
    await expect(page.getByLabel('学习时间（分钟）（选填）')).toHaveValue('');
    await expect(page.getByLabel('第1条出处的标题')).toHaveValue('《红色家书》');
  });
});

test('the studio pages pass axe at every text size and reflow on a 320 px screen at the largest', async ({ page, context, baseURL }) => {
  test.setTimeout(300_000);
  await signInAs(page, account('studioA11y').phone, '/studio/');
  const coursePath = await createCourse(page, { title: '无障碍检查课', hours: '1.5' });
  await page.getByLabel('新一课的标题').fill('第一课');
  await page.getByRole('button', { name: '添加一课' }).click();
  const lessonPath = new URL(page.url()).pathname;
  await page.goto(coursePath);
  await page.getByLabel('新一课的标题').fill('第二课');
  await page.getByRole('button', { name: '添加一课' }).click();
  const paths = ['/studio/', '/studio/write/', '/studio/write/new/', coursePath, `${coursePath}?remove=${/lessons\/(\d+)\//.exec(lessonPath)?.[1]}`, lessonPath];
  for (const path of paths) await expectAccessibleEverywhere(page, context, baseURL ?? '', path);
  // The last variant left is the largest text (30 px): nothing may need sideways scrolling.
  await page.setViewportSize({ width: 320, height: 640 });
  for (const path of paths) {
    await page.goto(path);
    expect(await page.evaluate(() => document.documentElement.scrollWidth), path).toBeLessThanOrEqual(320);
  }
});
