import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { courseUrl, lessonSlug, lessonUrl, splitLessonId } from '../../src/lib/lesson-path';
import { countHan, readingMinutes, stripFrontmatter } from '../../src/lib/reading-time';
import { pickChineseVoice, splitForSpeech } from '../../src/lib/speech-text';
import { readPrefs, requestedContrast, safeReturnPath } from '../../src/lib/preferences';
import { themeById, themeByLabel } from '../../src/lib/themes';
import { formatDate } from '../../src/lib/beijing-time';
import { t } from '../../src/i18n';

describe('lesson paths', () => {
  it('drops the ordering prefix from file names', () => {
    expect(lessonSlug('03-long-march-spirit.mdx')).toBe('long-march-spirit');
    expect(lessonSlug('10-a.mdx')).toBe('a');
  });
  it('builds stable URLs with a trailing slash', () => {
    expect(courseUrl('red-spirit')).toBe('/courses/red-spirit/');
    expect(lessonUrl('red-spirit/long-march-spirit')).toBe('/courses/red-spirit/long-march-spirit/');
    expect(splitLessonId('a/b')).toEqual({ course: 'a', lesson: 'b' });
  });
});

describe('reading time', () => {
  it('counts only Han characters', () => {
    expect(countHan('入党誓词，abc 123。')).toBe(4);
  });
  it('strips frontmatter', () => {
    expect(stripFrontmatter('---\ntitle: 标题\n---\n正文')).toBe('正文');
  });
  it('is at least one minute and grows with the text', () => {
    expect(readingMinutes('')).toBe(1);
    expect(readingMinutes('字'.repeat(2000))).toBe(10);
  });
});

describe('speech pieces', () => {
  it('splits at sentence ends and keeps pieces short', () => {
    const pieces = splitForSpeech('第一句。第二句！'.repeat(30), 40);
    expect(pieces.length).toBeGreaterThan(1);
    for (const piece of pieces) expect(piece.length).toBeLessThanOrEqual(40);
  });
  it('never loses or reorders text', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 600 }), fc.integer({ min: 5, max: 200 }), (text, max) => {
        const pieces = splitForSpeech(text, max);
        for (const piece of pieces) expect(piece.length).toBeLessThanOrEqual(max);
        expect(pieces.join('').replace(/\s/g, '')).toBe(text.replace(/\s/g, ''));
      }),
    );
  });
  it('prefers a Mainland Mandarin voice', () => {
    const voices = [{ lang: 'en-US' }, { lang: 'zh-TW' }, { lang: 'zh_CN' }];
    expect(pickChineseVoice(voices)?.lang).toBe('zh_CN');
    expect(pickChineseVoice([{ lang: 'zh-HK' }])?.lang).toBe('zh-HK');
    expect(pickChineseVoice([{ lang: 'en-GB' }])).toBeUndefined();
  });
});

describe('preferences', () => {
  it('falls back to the defaults for missing or forged cookies', () => {
    expect(readPrefs(() => undefined)).toEqual({ size: '20', contrast: 'normal' });
    expect(readPrefs((name) => (name === 'xg-size' ? '99' : 'dark'))).toEqual({ size: '20', contrast: 'normal' });
    expect(readPrefs((name) => (name === 'xg-size' ? '30' : 'high'))).toEqual({ size: '30', contrast: 'high' });
  });
  it('only returns to same-site paths', () => {
    expect(safeReturnPath('/courses/?theme=integrity')).toBe('/courses/?theme=integrity');
    for (const bad of ['//evil.example/', 'https://evil.example/', '/\\evil', '/\t/evil.example', '/\\/evil.example', '', undefined, 42]) {
      expect(safeReturnPath(bad)).toBe('/');
    }
  });
  it('flips the saved contrast when a prerendered page (built without the reader’s choice) asks to toggle it', () => {
    expect(requestedContrast('toggle', undefined)).toBe('high');
    expect(requestedContrast('toggle', 'high')).toBe('normal');
    expect(requestedContrast('toggle', 'normal')).toBe('high');
    expect(requestedContrast('normal', 'high')).toBe('normal');
    expect(requestedContrast('dark', 'high')).toBeUndefined();
    expect(requestedContrast(undefined, 'high')).toBeUndefined();
  });
});

describe('themes, dates and strings', () => {
  it('maps theme labels and ids both ways', () => {
    expect(themeByLabel('廉洁文化')?.id).toBe('integrity');
    expect(themeById('red-education')?.label).toBe('红色教育');
    expect(themeById('nope')).toBeUndefined();
  });
  it('formats dates in Beijing time', () => {
    expect(formatDate(Date.UTC(2026, 10, 25, 17, 0))).toBe('2026年11月26日');
  });
  it('fills placeholders', () => {
    expect(t('lesson.position', { n: 2, total: 6 })).toBe('第 2 课，共 6 课');
  });
});
