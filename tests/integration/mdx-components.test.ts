import { describe, expect, it } from 'vitest';
import { experimental_AstroContainer as AstroContainer } from 'astro/container';
import { Discussion, Figure, KeyPoints, LessonQuiz, Quote, SelfCheck, Timeline, TimelineItem } from '../../src/components/mdx';

/**
 * The kit renders to static HTML with no hydration, so the same components can render lessons
 * written in the browser on request. These render them the way a request-time page would.
 */
const container = await AstroContainer.create();

describe('MDX component kit', () => {
  it('要点 and 思考题 carry a visible heading and their content', async () => {
    const points = await container.renderToString(KeyPoints, { slots: { default: '<ul><li>一</li></ul>' } });
    expect(points).toContain('<h2 class="mdx-box-title">要点</h2>');
    expect(points).toContain('<li>一</li>');
    const question = await container.renderToString(Discussion, { slots: { default: '<p>谈谈体会？</p>' } });
    expect(question).toContain('思考题');
    expect(question).toContain('谈谈体会？');
  });

  it('原文 always shows its source', async () => {
    const html = await container.renderToString(Quote, {
      props: { source: '《中国共产党章程》第六条' },
      slots: { default: '我志愿加入中国共产党' },
    });
    expect(html).toMatch(/<blockquote>\s*我志愿加入中国共产党\s*<\/blockquote>/);
    expect(html).toContain('<figcaption>出处：《中国共产党章程》第六条</figcaption>');
  });

  it('小测 keeps the answer behind a native disclosure, with no script', async () => {
    const html = await container.renderToString(SelfCheck, {
      props: { question: '预备期多长？', answer: '一年。' },
      slots: { default: '党章第七条规定。' },
    });
    expect(html).toContain('<p class="question">预备期多长？</p>');
    expect(html).toMatch(/<details>\s*<summary>查看答案和解析<\/summary>/);
    expect(html.indexOf('一年。')).toBeGreaterThan(html.indexOf('<details>'));
    expect(html).not.toContain('<script');
  });

  it('课后小测 links to the practice questions of its lesson and back, with no answers in the lesson', async () => {
    const request = new Request('http://localhost/courses/red-spirit/red-boat-spirit/');
    const byTag = await container.renderToString(LessonQuiz, { props: { tag: '红船精神' }, request });
    expect(byTag).toContain(`href="/practice/quiz/?tag=${encodeURIComponent('红船精神')}&amp;from=%2Fcourses%2Fred-spirit%2Fred-boat-spirit%2F"`);
    const byIds = await container.renderToString(LessonQuiz, { props: { ids: '3,5' }, request });
    expect(byIds).toContain('ids=3%2C5');
    expect(byIds).not.toContain('<script');
    expect(byTag).toContain('学完这一课，做几道题看看掌握得怎么样。');
  });

  it('课后小测 on a page that is not a lesson opens with its own sentence, not 学完这一课', async () => {
    const request = new Request('http://localhost/help/fraud/');
    const corner = await container.renderToString(LessonQuiz, { props: { tag: '防诈骗', lead: '看完上面的骗局，做几道题试试。' }, request });
    expect(corner).toContain('看完上面的骗局，做几道题试试。不限时间');
    expect(corner).not.toContain('学完这一课');
    expect(corner).toContain('from=%2Fhelp%2Ffraud%2F');
  });

  it('a wrong attribute stops the render, naming the component and the attribute in Chinese', async () => {
    const request = new Request('http://localhost/courses/red-spirit/red-boat-spirit/');
    await expect(container.renderToString(LessonQuiz, { props: { ids: [3, 5] }, request })).rejects.toThrow(/<LessonQuiz> 的写法不对：ids：/);
    await expect(container.renderToString(Quote, { props: { from: '党章' }, slots: { default: '原文' } })).rejects.toThrow(/<Quote> 的写法不对：source：.*没有这个属性：from/);
    await expect(container.renderToString(Figure, { props: { src: '/images/a.svg' } })).rejects.toThrow(/<Figure> 的写法不对：alt：请写图片说明/);
  });

  it('时间线 is an ordered list of dated items', async () => {
    const item = await container.renderToString(TimelineItem, {
      props: { when: '1921年7月' },
      slots: { default: '中共一大召开' },
    });
    expect(item).toContain('<strong class="when">1921年7月</strong>');
    const list = await container.renderToString(Timeline, { slots: { default: item } });
    expect(list).toMatch(/<ol>\s*<li>/);
    expect(list).toContain('时间线');
  });

  it('图片 renders alt text and caption', async () => {
    const html = await container.renderToString(Figure, {
      props: { src: '/images/courses/red-spirit.svg', alt: '湖面上的红船', caption: '示意图' },
    });
    expect(html).toContain('alt="湖面上的红船"');
    expect(html).toContain('<figcaption>示意图</figcaption>');
  });
});
