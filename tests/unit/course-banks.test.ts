import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { COURSE_BANKS, readCourseBank } from '../../db/seed/demo-banks';
import { DEMO_PRACTICE_QUESTIONS } from '../../db/seed/demo-questions';
import { questionSetById } from '../../src/lib/question-sets';

/**
 * The courses' practice banks (content/banks/*.csv) import through the organisers' template
 * importer with no problem row, every question names its source, and every <LessonQuiz tag="…">
 * of a course finds questions in the demo's practice banks (a quiz button that opens an empty
 * quiz is a dead end for a learner).
 */
const bankFiles = readdirSync('content/banks').filter((file) => !file.startsWith('.'));

describe('course practice banks', () => {
  it('lists every file under content/banks, and only files that are there', () => {
    expect(COURSE_BANKS.map((bank) => bank.file).sort()).toEqual(bankFiles.sort());
    expect(new Set(COURSE_BANKS.map((bank) => bank.name)).size).toBe(COURSE_BANKS.length);
  });

  for (const bank of COURSE_BANKS) {
    it(`${bank.file}: at least 10 questions, all valid and sourced`, async () => {
      const questions = await readCourseBank(bank.file);
      expect(questions.length).toBeGreaterThanOrEqual(10);
      for (const question of questions) {
        expect(question.source ?? '', question.stem).toMatch(/\S{4,}/);
        expect(question.tags.length, question.stem).toBeGreaterThan(0);
      }
    });
  }

  it('gives every lesson quiz of the courses questions to ask', async () => {
    const tagged = new Map<string, number>();
    const count = (tags: readonly string[]) => tags.forEach((tag) => tagged.set(tag, (tagged.get(tag) ?? 0) + 1));
    DEMO_PRACTICE_QUESTIONS.forEach((question) => count(question.tags));
    questionSetById('anti-fraud')?.questions.forEach((question) => count(question.tags));
    for (const bank of COURSE_BANKS) (await readCourseBank(bank.file)).forEach((question) => count(question.tags));
    const lessons = readdirSync('content/courses', { withFileTypes: true })
      .filter((entry) => entry.isDirectory())
      .flatMap((entry) => readdirSync(join('content/courses', entry.name)).map((file) => join('content/courses', entry.name, file)))
      .filter((file) => file.endsWith('.mdx'));
    const empty = lessons.flatMap((file) =>
      [...readFileSync(file, 'utf8').matchAll(/<LessonQuiz\b[^>]*\btag="([^"]+)"/g)].filter(([, tag]) => !tagged.has(tag ?? '')).map(([, tag]) => `${file}: ${tag}`),
    );
    expect(empty).toEqual([]);
  });
});
