import { eq } from 'drizzle-orm';
import { expect, test } from './fixtures';
import { userId, withDb } from './contest-fixtures';
import { E2E_USERS } from './accounts';
import { activities, reflections } from '../../db/schema';
import { activityPath } from '../../src/lib/activity-agenda';

const FILM = '/films/shangganling/';

test('/films/ lists the films under their themes, each card with its period', async ({ page }) => {
  await page.goto('/films/');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('红色影片');
  for (const theme of ['党性教育', '红色教育', '廉洁文化']) await expect(page.getByRole('heading', { level: 2, name: theme })).toBeVisible();
  const cards = page.locator('.film-card');
  expect(await cards.count()).toBeGreaterThanOrEqual(12);
  const redEducation = page.locator('section', { has: page.getByRole('heading', { level: 2, name: '红色教育' }) });
  const card = redEducation.locator('.film-card', { has: page.getByRole('link', { name: '《上甘岭》' }) });
  await expect(card).toContainText('1956年');
  await expect(card).toContainText('年代：抗美援朝');
  await expect(card.getByRole('img', { name: '《上甘岭》，1956年，红色教育' })).toBeVisible();
  await card.getByRole('link', { name: '《上甘岭》' }).click();
  await expect(page).toHaveURL(FILM);
});

test('a film page names its cover, gives the facts, three questions and the lessons it goes with', async ({ page }) => {
  await page.goto(FILM);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('《上甘岭》');
  await expect(page.getByRole('img', { name: '《上甘岭》，1956年，红色教育' })).toBeVisible();
  const facts = page.locator('.film-facts');
  await expect(facts).toContainText('导演：沙蒙、林杉');
  await expect(facts).toContainText('出品：长春电影制片厂');
  await expect(page.locator('section', { has: page.getByRole('heading', { name: '讨论题' }) }).locator('ol > li')).toHaveCount(3);
  await page.getByRole('link', { name: /抗美援朝精神/ }).click();
  await expect(page).toHaveURL('/courses/red-spirit/resist-us-aid-korea-spirit/');
  // …and the lesson links back.
  await page.getByRole('link', { name: '《上甘岭》（1956年）' }).click();
  await expect(page).toHaveURL(FILM);
});

test('the film page shows the coming screenings and approved reflections from the database, as text', async ({ page }) => {
  const stamp = Date.now();
  const title = `红色观影：上甘岭（${stamp}）`;
  const { activityId } = await withDb(async (db) => {
    const author = await userId(db, E2E_USERS['filmReviewer']?.phone ?? '');
    const now = Date.now();
    const day = 24 * 60 * 60 * 1000;
    const [coming] = await db
      .insert(activities)
      .values({ kind: 'film', title, filmSlug: 'shangganling', startsAt: now + 2 * day, endsAt: now + 2 * day + 3 * 60 * 60 * 1000, venueName: '老干部活动中心', venueAddress: '幸福路1号', venueRoom: '二楼放映厅', capacity: 30, signupClosesAt: now + day, createdAt: now, updatedAt: now })
      .returning({ id: activities.id });
    const [past] = await db
      .insert(activities)
      .values({ kind: 'film', title: `已放映：上甘岭（${stamp}）`, filmSlug: 'shangganling', startsAt: now - 7 * day, endsAt: now - 7 * day + 3 * 60 * 60 * 1000, venueName: '老干部活动中心', venueAddress: '幸福路1号', capacity: 30, signupClosesAt: now - 8 * day, createdAt: now, updatedAt: now })
      .returning({ id: activities.id });
    if (!coming || !past) throw new Error('no activity');
    await db.delete(reflections).where(eq(reflections.userId, author));
    await db.insert(reflections).values({ activityId: past.id, userId: author, body: `<b>看完很受触动</b>，坚守就是胜利。${stamp}`, showName: true, status: 'approved', createdAt: now, updatedAt: now, reviewedAt: now });
    return { activityId: coming.id };
  });
  await page.goto(FILM);
  const screening = page.getByRole('link', { name: title });
  await expect(screening).toHaveAttribute('href', activityPath(activityId));
  await expect(page.locator('[data-film-activity]')).toContainText('还有 30 个座位');
  await expect(page.locator('[data-film-activity]')).not.toContainText('已放映：上甘岭');
  const reflection = page.locator('.reflection-list li', { hasText: String(stamp) });
  await expect(reflection).toContainText('<b>看完很受触动</b>');
  await expect(reflection).toContainText('观影学员');
  await expect(page.getByRole('link', { name: '查看本片的放映安排' })).toHaveAttribute('href', '/screenings/?film=shangganling');
});

test('without JavaScript the film page links to the film on the schedule', async ({ browser }) => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto(FILM);
  const link = page.getByRole('link', { name: '查看本片的放映安排' });
  await expect(link).toBeVisible();
  await expect(link).toHaveAttribute('href', '/screenings/?film=shangganling');
  await expect(page.locator('[data-film-activity]')).toHaveCount(0);
  await context.close();
});
