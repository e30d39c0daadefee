import { describe, expect, it } from 'vitest';
import { courseSchema } from '../../src/schemas/course';
import { lessonSchema } from '../../src/schemas/lesson';

const course = {
  title: '党性教育',
  theme: '党性教育',
  summary: '一门用于测试的课程简介文字。',
  instructor: '霞光学堂讲师团',
  cover: { src: '/images/courses/party-spirit.svg', alt: '红色背景上的朝阳' },
  hours: 2,
  order: 1,
  updatedAt: '2026-11-26',
};

const lesson = {
  title: '第一课　党章',
  order: 1,
  summary: '一句话简介，用于测试。',
  sources: [{ title: '《中国共产党章程》', issuer: '中国共产党第二十次全国代表大会', year: 2022 }],
  checkedOn: '2026-11-30',
};

function issuePaths(result: { success: boolean; error?: { issues: Array<{ path: PropertyKey[] }> } }): string[] {
  return (result.error?.issues ?? []).map((issue) => issue.path.join('.'));
}

describe('course frontmatter', () => {
  it('accepts a complete course and defaults draft to false', () => {
    const parsed = courseSchema.parse(course);
    expect(parsed.draft).toBe(false);
    expect(parsed.updatedAt).toBeInstanceOf(Date);
  });

  it('rejects an unknown theme, naming the field', () => {
    expect(issuePaths(courseSchema.safeParse({ ...course, theme: '其他' }))).toEqual(['theme']);
  });

  it('requires cover alt text and a public image path', () => {
    const result = courseSchema.safeParse({ ...course, cover: { src: 'cover.png', alt: '' } });
    expect(issuePaths(result).sort()).toEqual(['cover.alt', 'cover.src']);
  });

  it('names every missing field', () => {
    const { hours: _hours, instructor: _instructor, ...rest } = course;
    expect(issuePaths(courseSchema.safeParse(rest)).sort()).toEqual(['hours', 'instructor']);
  });
});

describe('lesson frontmatter', () => {
  it('accepts a lesson without minutes (worked out from the text)', () => {
    expect(lessonSchema.parse(lesson).minutes).toBeUndefined();
  });

  it('requires at least one source', () => {
    expect(issuePaths(lessonSchema.safeParse({ ...lesson, sources: [] }))).toEqual(['sources']);
  });

  it('names the bad field inside a source', () => {
    const result = lessonSchema.safeParse({ ...lesson, sources: [{ title: '《简史》', issuer: '人民出版社', year: '二〇二一' }] });
    expect(issuePaths(result)).toEqual(['sources.0.year']);
  });

  it('rejects a non-positive order', () => {
    expect(issuePaths(lessonSchema.safeParse({ ...lesson, order: 0 }))).toEqual(['order']);
  });

  // Issue 15: every lesson says when its content was checked.
  it('requires the day the content was checked, with a Chinese message', () => {
    const { checkedOn: _checkedOn, ...rest } = lesson;
    const result = lessonSchema.safeParse(rest);
    expect(issuePaths(result)).toEqual(['checkedOn']);
    expect(result.error?.issues[0]?.message).toContain('内容核对日期');
    expect(issuePaths(lessonSchema.safeParse({ ...lesson, checkedOn: '上个月' }))).toEqual(['checkedOn']);
    expect(lessonSchema.parse(lesson).checkedOn.toISOString().slice(0, 10)).toBe('2026-11-30');
  });

  it('accepts a source whose date was never published (no year), and still checks a given year', () => {
    expect(lessonSchema.safeParse({ ...lesson, sources: [{ title: '《实施方案》', issuer: '区委办公室印发（报道未载日期）' }] }).success).toBe(true);
    expect(issuePaths(lessonSchema.safeParse({ ...lesson, sources: [{ title: '《实施方案》', issuer: '区委办公室', year: 21 }] }))).toEqual(['sources.0.year']);
  });
});
