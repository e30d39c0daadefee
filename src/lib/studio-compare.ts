import { diffChars, diffLines } from 'diff';
import type { StudioSnapshot } from './studio-snapshot';

/**
 * Two published versions of a studio course side by side, lesson by lesson, in a form people in
 * their seventies can read: whole lines next to each other (earlier version left, later right),
 * with the words that changed marked inside a changed line. Pure: no I/O.
 */

/** A piece of a changed line: `changed` parts are the words the other side does not have. */
export interface ComparePart {
  text: string;
  changed: boolean;
}

/** One row of the side-by-side table: a line of the earlier version and the line it became. */
export type CompareRow =
  | { kind: 'same'; text: string }
  | { kind: 'changed'; before: ComparePart[]; after: ComparePart[] }
  | { kind: 'removed'; text: string }
  | { kind: 'added'; text: string };

/** One lesson (matched by its id, so a retitled or moved lesson stays one lesson). */
export interface LessonComparison {
  lessonId: number;
  /** The title in the later version, or in the earlier one when the lesson was removed. */
  title: string;
  status: 'same' | 'changed' | 'added' | 'removed';
  /** Position in each version (1 first), null where the lesson is absent. */
  positionBefore: number | null;
  positionAfter: number | null;
  /** The lesson's fields and text, line by line; empty when nothing changed. */
  rows: CompareRow[];
}

export interface CourseComparison {
  /** Rows for the course's own details (title, theme, summary, 学时, sources); empty when unchanged. */
  course: CompareRow[];
  lessons: LessonComparison[];
}

type Lesson = StudioSnapshot['lessons'][number];

const sourcesText = (sources: ReadonlyArray<{ title: string; issuer: string; year?: number | undefined }>): string =>
  sources.map((source) => `出处：${source.title}，${source.issuer}${source.year === undefined ? '' : `，${source.year}年`}`).join('\n');

/** The course's details as lines a person reads: 课程名称：…. */
function courseLines(snapshot: StudioSnapshot): string {
  const { course } = snapshot;
  return [`课程名称：${course.title}`, `主题：${course.theme}`, `简介：${course.summary}`, `学时：${course.hours}`, `封面说明：${course.coverAlt}`, sourcesText(course.sources)]
    .filter(Boolean)
    .join('\n');
}

/** A lesson's fields and its text, as lines. */
function lessonLines(lesson: Lesson): string {
  const fields = [`课名：${lesson.title}`, `简介：${lesson.summary}`, `学习时间：${lesson.minutes === null ? '按字数估算' : `${lesson.minutes}分钟`}`, sourcesText(lesson.sources)];
  return [...fields.filter(Boolean), '', lesson.body].join('\n');
}

const lines = (value: string): string[] => {
  const list = value.split('\n');
  if (list.length > 0 && list[list.length - 1] === '') list.pop();
  return list;
};

/** Marks what changed inside one line (character by character: Chinese has no spaces between words). */
function pairParts(before: string, after: string): { before: ComparePart[]; after: ComparePart[] } {
  const parts = diffChars(before, after);
  return {
    before: parts.filter((part) => !part.added).map((part) => ({ text: part.value, changed: part.removed })),
    after: parts.filter((part) => !part.removed).map((part) => ({ text: part.value, changed: part.added })),
  };
}

/** Line by line: unchanged lines once, a removed line next to the line added in its place. */
export function compareText(before: string, after: string): CompareRow[] {
  const rows: CompareRow[] = [];
  const changes = diffLines(before.endsWith('\n') ? before : `${before}\n`, after.endsWith('\n') ? after : `${after}\n`);
  for (let index = 0; index < changes.length; index += 1) {
    const change = changes[index]!;
    if (!change.added && !change.removed) {
      for (const text of lines(change.value)) rows.push({ kind: 'same', text });
      continue;
    }
    const next = changes[index + 1];
    if (change.removed && next?.added) {
      const removed = lines(change.value);
      const added = lines(next.value);
      const paired = Math.min(removed.length, added.length);
      for (let line = 0; line < paired; line += 1) rows.push({ kind: 'changed', ...pairParts(removed[line]!, added[line]!) });
      for (const text of removed.slice(paired)) rows.push({ kind: 'removed', text });
      for (const text of added.slice(paired)) rows.push({ kind: 'added', text });
      index += 1;
      continue;
    }
    for (const text of lines(change.value)) rows.push({ kind: change.added ? 'added' : 'removed', text });
  }
  return rows;
}

const differs = (rows: CompareRow[]): boolean => rows.some((row) => row.kind !== 'same');

/** The whole course, earlier version `before`, later `after`. */
export function compareSnapshots(before: StudioSnapshot, after: StudioSnapshot): CourseComparison {
  const courseRows = compareText(courseLines(before), courseLines(after));
  const earlier = new Map(before.lessons.map((lesson, index) => [lesson.id, { lesson, position: index + 1 }]));
  const later = new Map(after.lessons.map((lesson, index) => [lesson.id, { lesson, position: index + 1 }]));
  const lessons: LessonComparison[] = [];
  for (const [id, { lesson, position }] of later) {
    const old = earlier.get(id);
    const rows = compareText(old ? lessonLines(old.lesson) : '', lessonLines(lesson));
    const status = !old ? 'added' : differs(rows) || old.position !== position ? 'changed' : 'same';
    lessons.push({ lessonId: id, title: lesson.title, status, positionBefore: old?.position ?? null, positionAfter: position, rows: status === 'same' ? [] : rows });
  }
  for (const [id, { lesson, position }] of earlier) {
    if (later.has(id)) continue;
    lessons.push({ lessonId: id, title: lesson.title, status: 'removed', positionBefore: position, positionAfter: null, rows: compareText(lessonLines(lesson), '') });
  }
  return { course: differs(courseRows) ? courseRows : [], lessons };
}

/** 第3课 → 第2课, 新增的课, 删去的课: where a lesson stands in the two versions, in words. */
export function describeLessonStatus(lesson: Pick<LessonComparison, 'status' | 'positionBefore' | 'positionAfter'>): string {
  switch (lesson.status) {
    case 'added':
      return `新增的课（第${lesson.positionAfter}课）`;
    case 'removed':
      return `删去的课（原第${lesson.positionBefore}课）`;
    case 'same':
      return '没有改动';
    default:
      return lesson.positionBefore === lesson.positionAfter ? '有改动' : `有改动，从第${lesson.positionBefore}课移到第${lesson.positionAfter}课`;
  }
}
