import { describe, expect, it } from 'vitest';
import { LESSON_COMPONENT_PROPS, parseLessonProps } from '../../src/schemas/lesson-components';
import { mdxComponents } from '../../src/components/mdx';

/** The lesson vocabulary's props, as authors meet them in the build's errors. */
describe('lesson component props', () => {
  it('has a schema for every component a lesson may use, and no other', () => {
    expect(Object.keys(LESSON_COMPONENT_PROPS).sort()).toEqual(Object.keys(mdxComponents).sort());
  });

  it('要点 and 思考题 take no attributes', () => {
    expect(parseLessonProps('KeyPoints', {})).toEqual({});
    expect(parseLessonProps('Discussion', { class: 'x', 'data-astro-cid-abc123': '' })).toEqual({});
    expect(() => parseLessonProps('KeyPoints', { title: '要点' })).toThrow(/<KeyPoints> 的写法不对：属性：没有这个属性：title/);
    expect(() => parseLessonProps('Discussion', { question: '？' })).toThrow(/<Discussion> 的写法不对：属性：没有这个属性：question/);
  });

  it('原文 needs its source', () => {
    expect(parseLessonProps('Quote', { source: '《中国共产党章程》第六条' })).toEqual({ source: '《中国共产党章程》第六条' });
    expect(() => parseLessonProps('Quote', {})).toThrow(/<Quote> 的写法不对：source：请写出处/);
    expect(() => parseLessonProps('Quote', { source: '  ' })).toThrow(/source：请写出处/);
    expect(() => parseLessonProps('Quote', { source: '党章', author: '某人' })).toThrow(/没有这个属性：author/);
  });

  it('时间线 may have a title; each item needs its time', () => {
    expect(parseLessonProps('Timeline', {})).toEqual({});
    expect(parseLessonProps('Timeline', { title: '长征大事记' })).toEqual({ title: '长征大事记' });
    expect(parseLessonProps('TimelineItem', { when: '1935年1月' })).toEqual({ when: '1935年1月' });
    expect(() => parseLessonProps('TimelineItem', {})).toThrow(/<TimelineItem> 的写法不对：when：请写时间/);
    expect(() => parseLessonProps('TimelineItem', { date: '1935年' })).toThrow(/没有这个属性：date/);
  });

  it('图片 is a site path with alt text; width and height are numbers written as text', () => {
    expect(parseLessonProps('Figure', { src: '/images/courses/red-boat.jpg', alt: '红船', width: '640', height: '480' })).toEqual({
      src: '/images/courses/red-boat.jpg',
      alt: '红船',
      width: 640,
      height: 480,
    });
    expect(() => parseLessonProps('Figure', { src: '/images/a.jpg' })).toThrow(/<Figure> 的写法不对：alt：请写图片说明/);
    expect(() => parseLessonProps('Figure', { src: 'javascript:alert(1)', alt: '图' })).toThrow(/src：图片地址（src）写本站的路径/);
    expect(() => parseLessonProps('Figure', { src: '//evil.example/a.jpg', alt: '图' })).toThrow(/src：/);
    expect(() => parseLessonProps('Figure', { src: '/a.jpg', alt: '图', width: '50%' })).toThrow(/width：宽度（width）写像素数/);
  });

  it('小测 needs its question and answer', () => {
    expect(parseLessonProps('SelfCheck', { question: '预备期多长？', answer: '一年。' })).toEqual({ question: '预备期多长？', answer: '一年。' });
    expect(() => parseLessonProps('SelfCheck', { question: '预备期多长？' })).toThrow(/<SelfCheck> 的写法不对：answer：请写答案/);
  });

  it('课后小测 takes a tag or question numbers as text, one of the two', () => {
    expect(parseLessonProps('LessonQuiz', { ids: '3,5' })).toEqual({ ids: [3, 5] });
    expect(parseLessonProps('LessonQuiz', { ids: '3， 5 ,8' })).toEqual({ ids: [3, 5, 8] });
    expect(parseLessonProps('LessonQuiz', { tag: '防诈骗', lead: '看完做几道题。' })).toEqual({ tag: '防诈骗', lead: '看完做几道题。' });
    // The old expression form is refused with the way to write it.
    expect(() => parseLessonProps('LessonQuiz', { ids: [3, 5] })).toThrow(/<LessonQuiz> 的写法不对：ids：/);
    expect(() => parseLessonProps('LessonQuiz', { ids: '3;5' })).toThrow(/ids：ids 写题号，用逗号隔开，例如 3,5/);
    expect(() => parseLessonProps('LessonQuiz', {})).toThrow(/<LessonQuiz> 的写法不对：tag：写 tag（题目的标签）或 ids/);
    expect(() => parseLessonProps('LessonQuiz', { tag: '红船精神', ids: '3' })).toThrow(/只写其中一个/);
  });
});
