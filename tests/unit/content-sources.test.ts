import { afterAll, describe, expect, it } from 'vitest';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  contentSourceProblems,
  formatSourceProblems,
  isSourced,
  lessonSourceProblems,
  loadLiteraryWorks,
  namedWorks,
} from '../../src/lib/server/content-sources';
import { checkedMonth, contentDateLine, publishedDay } from '../../src/lib/content-checked';

/**
 * Issue 15: a lesson that names a 《document》 its sources do not list fails the build
 * (astro.config.mjs runs contentSourceProblems; tests/integration/content-errors.test.ts sees the
 * build stop). These test the check itself, the real curriculum, and a broken copy of the fixture.
 */

const constitution = { title: '《中国共产党章程》', issuer: '中国共产党第二十次全国代表大会部分修改', year: 2022 };

describe('named works', () => {
  it('finds every 《…》 with its line, a nested title inside its own, and skips an unclosed one', () => {
    const text = '第一行\n读《中国共产党章程》和《毛泽东选集》第三卷（《为人民服务》）。\n<Quote source="《决胜——在《某》会上的报告》">\n\n一个《没有合上\n\n最后《诫子书》';
    expect(namedWorks(text)).toEqual([
      { name: '中国共产党章程', line: 2 },
      { name: '毛泽东选集', line: 2 },
      { name: '为人民服务', line: 2 },
      { name: '决胜——在《某》会上的报告', line: 3 },
      { name: '诫子书', line: 7 },
    ]);
  });
});

describe('whether a named work is sourced', () => {
  it('matches a source title or issuer, with or without a trailing （…）, and the book of 《书·篇》', () => {
    expect(isSourced('中国共产党章程', [constitution])).toBe(true);
    expect(isSourced('中国共产党章程（修正案）', [constitution])).toBe(true);
    expect(isSourced('后汉书·杨震传', [{ title: '《后汉书》（点校本）', issuer: '中华书局' }])).toBe(true);
    expect(isSourced('光明日报', [{ title: '《弘扬“红船精神” 走在时代前列》', issuer: '《光明日报》2005年6月21日' }])).toBe(true);
    expect(isSourced('为人民服务', [{ title: '《毛泽东选集》第三卷（《为人民服务》《整顿党的作风》）', issuer: '人民出版社' }])).toBe(true);
  });

  it('ignores spacing (a full-width space in a long title)', () => {
    expect(isSourced('关于全面深化离退休干部党建工作　持续擦亮“霞光红”党建品牌实施方案', [{ title: '《关于全面深化离退休干部党建工作 持续擦亮“霞光红”党建品牌实施方案》', issuer: '区委办公室' }])).toBe(true);
  });

  it('takes a short form (《意见》) for the cited document whose title ends with it, but not a different title', () => {
    const opinion = { title: '《关于加强新时代离退休干部党的建设工作的意见》', issuer: '中共中央办公厅', year: 2022 };
    expect(isSourced('意见', [opinion])).toBe(true);
    expect(isSourced('条例', [opinion])).toBe(false);
    expect(isSourced('清贫', [constitution])).toBe(false);
    expect(isSourced('中国共产党纪律处分条例', [constitution])).toBe(false);
  });

  it('accepts a literary work on the allow-list', () => {
    expect(isSourced('石灰吟', [constitution], new Set(['石灰吟']))).toBe(true);
    expect(isSourced('石灰吟', [constitution])).toBe(false);
  });
});

describe('the real curriculum', () => {
  it('names no 《document》 that is missing from the lesson’s sources, in any course', () => {
    expect(formatSourceProblems(contentSourceProblems('content'))).toBe('');
  });

  it('gives every literary work on the allow-list a reason', () => {
    expect(loadLiteraryWorks('content').size).toBeGreaterThan(0);
  });
});

describe('a broken lesson', () => {
  mkdirSync('tests/.tmp', { recursive: true });
  const work = mkdtempSync(join('tests/.tmp', 'sources-'));
  afterAll(() => rmSync(work, { recursive: true, force: true }));

  it('is reported with its file and line, once per title', () => {
    cpSync('tests/fixtures/content', work, { recursive: true });
    const file = join(work, 'courses', 'sample', '02-second.mdx');
    const text = readFileSync(file, 'utf8');
    writeFileSync(file, `${text}\n依据《关于某某工作的通知》办理，再说一遍《关于某某工作的通知》。\n`);
    const line = `${text}\n`.split('\n').length;
    const problems = contentSourceProblems(work);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ file, line });
    expect(problems[0]?.message).toContain('《关于某某工作的通知》');
    expect(formatSourceProblems(problems)).toContain(`02-second.mdx:${line}`);
  });

  it('passes once the document is added to its sources', () => {
    const text = `---\ntitle: 第一课\norder: 1\nsummary: 一句话简介。\nsources:\n  - title: 《关于某某工作的通知》\n    issuer: 某某办公厅\n    year: 2024\n---\n\n依据《关于某某工作的通知》办理。\n`;
    expect(lessonSourceProblems('x.mdx', text)).toEqual([]);
    expect(lessonSourceProblems('x.mdx', text.replace('《关于某某工作的通知》\n', '《别的文件》\n'))).toHaveLength(1);
  });

  it('refuses an allow-list entry without a reason', () => {
    const dir = join(work, 'bad-list');
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'literary-works.yaml'), '- name: 石灰吟\n');
    expect(() => loadLiteraryWorks(dir)).toThrow(/reason/);
  });
});

describe('the date line under a lesson title', () => {
  it('says when an MDX lesson was checked, and dates a studio lesson by the publication of its version (Beijing time)', () => {
    const checked = new Date('2026-11-30');
    expect(checkedMonth(checked)).toBe('2026年11月');
    expect(contentDateLine({ origin: 'mdx', checkedOn: checked }, new Date('2026-10-26'))).toBe('内容核对于 2026年11月');
    // 2026-11-30 17:00 UTC is already 1 December in Beijing.
    expect(publishedDay(new Date('2026-11-30T17:00:00Z'))).toBe('2026-12-01');
    expect(contentDateLine({ origin: 'studio', checkedOn: undefined }, new Date('2026-11-30T17:00:00Z'))).toBe('内容核对于 2026年12月');
    expect(contentDateLine({ origin: 'studio', checkedOn: undefined }, new Date(), true)).toContain('尚未发布');
  });
});
