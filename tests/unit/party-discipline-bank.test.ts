import { describe, expect, it } from 'vitest';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { readWorkbook } from '../../src/lib/spreadsheet';
import { validateQuestionRows } from '../../src/lib/question-import';

/**
 * 党纪学习教育's practice bank (content/banks/party-discipline.csv) against its lessons: the file
 * imports through the template importer with no problem row, every lesson's 课后小测 tag has
 * questions, and every question names the lesson and the document it rests on.
 */
const course = 'content/courses/party-discipline';
const file = 'content/banks/party-discipline.csv';
const lessons = readdirSync(course).filter((name) => /^\d\d-.*\.mdx$/.test(name));
const ORDINALS = ['一', '二', '三', '四', '五', '六', '七', '八', '九'];

async function bank() {
  const rows = (await readWorkbook('party-discipline.csv', new Uint8Array(readFileSync(file))))[0]?.rows ?? [];
  return validateQuestionRows(rows, new Set());
}

describe('党纪学习教育 practice bank', () => {
  it('imports through the template with no problem row, at least ten questions', async () => {
    const preview = await bank();
    expect(preview.fileErrors).toEqual([]);
    expect(preview.invalid.map((row) => `第${row.row}行：${row.problems.join('；')}`)).toEqual([]);
    expect(preview.valid.length).toBeGreaterThanOrEqual(10);
  });

  it('has questions for the tag of every lesson’s 课后小测', async () => {
    const questions = (await bank()).valid.map((row) => row.question);
    for (const lesson of lessons) {
      const tag = /<LessonQuiz tag="([^"]+)"/.exec(readFileSync(join(course, lesson), 'utf8'))?.[1];
      expect(tag, `${lesson} has a <LessonQuiz tag>`).toBeDefined();
      expect(questions.filter((question) => question.tags.includes(tag ?? '')).length, `${lesson}: ${tag}`).toBeGreaterThanOrEqual(1);
    }
  });

  it('names, for every question, the lesson and the document it rests on', async () => {
    for (const { question } of (await bank()).valid) {
      expect(question.source, question.stem).toMatch(new RegExp(`党纪学习教育第[${ORDINALS.slice(0, lessons.length).join('')}]课`));
      expect(question.source, question.stem).toMatch(/《[^》]+》/);
    }
  });
});
