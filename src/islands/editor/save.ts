import { actions, getActionPath } from 'astro:actions';
import type { Source } from '../../schemas/source';
import type { StudioProblem } from '../../lib/studio-tree';

/**
 * How the lesson editor saves: the action `studio.saveLesson` (the studio's one handler, which the
 * no-JS 源码 form posts to as well, so it takes a form), and the copy of the text kept in this
 * browser (localStorage) until the server has confirmed it. Nothing here imports zod.
 */

/** What the author edits on a lesson. */
export interface LessonDraft {
  title: string;
  summary: string;
  body: string;
  sources: Source[];
  minutes: number | null;
}

export interface SaveRequest extends LessonDraft {
  courseId: number;
  lessonId: number;
  /** The revision this text was based on: the server refuses it when someone saved since. */
  revision: number;
}

export type SaveAnswer =
  | { kind: 'saved'; revision: number; savedAt: number }
  | { kind: 'problems'; problems: StudioProblem[] }
  | { kind: 'conflict'; revision: number; byName: string; at: number }
  | { kind: 'signed-out' }
  | { kind: 'refused'; message: string }
  | { kind: 'offline' };

/** The fields as the form posts them: sources as JSON, minutes empty when not given. */
export function saveForm(request: SaveRequest): FormData {
  const form = new FormData();
  form.set('courseId', String(request.courseId));
  form.set('lessonId', String(request.lessonId));
  form.set('revision', String(request.revision));
  form.set('title', request.title);
  form.set('summary', request.summary);
  form.set('body', request.body);
  form.set('sources', JSON.stringify(request.sources));
  form.set('minutes', request.minutes === null ? '' : String(request.minutes));
  return form;
}

type SaveValue = { saved: true; revision: number; savedAt: number } | { saved: false; problems: StudioProblem[] } | { saved: false; conflict: { revision: number; byName: string; at: number } };
type ActionAnswer = { data?: { ok: true; value: SaveValue } | { ok: false; error: { message: string } }; error?: { status: number; message: string } };
type SaveLesson = ((form: FormData) => Promise<ActionAnswer>) & object;

/** The studio's action, looked up by name: its module is the studio's, typed by the contract above. */
function saveAction(): SaveLesson {
  return (actions as unknown as { studio: { saveLesson: SaveLesson } }).studio.saveLesson;
}

const NOT_SAVED = '保存没有成功，请稍后再试。您写的字还留在这里。';

export async function saveLesson(request: SaveRequest): Promise<SaveAnswer> {
  let answer: ActionAnswer;
  try {
    answer = await saveAction()(saveForm(request));
  } catch {
    return { kind: 'offline' };
  }
  const { data, error } = answer;
  if (error) {
    if (error.status === 401) return { kind: 'signed-out' };
    // 400/403/404/409 (the course is waiting for review) carry the server's words for people; anything else gets ours.
    return { kind: 'refused', message: [400, 403, 404, 409].includes(error.status) && error.message ? error.message : NOT_SAVED };
  }
  if (!data) return { kind: 'refused', message: NOT_SAVED };
  if (!data.ok) return { kind: 'refused', message: data.error.message };
  const value = data.value;
  if (value.saved) return { kind: 'saved', revision: value.revision, savedAt: value.savedAt };
  if ('conflict' in value) return { kind: 'conflict', ...value.conflict };
  return { kind: 'problems', problems: value.problems };
}

/** On leaving the page: the last text, sent even as the page goes away (the answer is not read). */
export function sendOnLeaving(request: SaveRequest): boolean {
  return typeof navigator.sendBeacon === 'function' && navigator.sendBeacon(getActionPath(saveAction() as never), saveForm(request));
}

/** The copy kept in this browser, per lesson, until the server confirms it. */
export interface StoredDraft {
  /** The revision the text was based on. */
  base: number;
  draft: LessonDraft;
  /** Which tab wrote it, so another tab editing the same lesson is noticed. */
  tab: string;
}

export const draftKey = (courseId: number, lessonId: number): string => `xg-lesson-draft:${courseId}:${lessonId}`;

export function readDraft(key: string): StoredDraft | null {
  try {
    const text = window.localStorage.getItem(key);
    if (!text) return null;
    const stored = JSON.parse(text) as StoredDraft;
    return typeof stored.base === 'number' && typeof stored.draft?.body === 'string' ? stored : null;
  } catch {
    return null;
  }
}

export function writeDraft(key: string, stored: StoredDraft): boolean {
  try {
    window.localStorage.setItem(key, JSON.stringify(stored));
    return true;
  } catch {
    return false;
  }
}

export function clearDraft(key: string): void {
  try {
    window.localStorage.removeItem(key);
  } catch {
    // Storage blocked: nothing was kept.
  }
}

export function sameDraft(a: LessonDraft, b: LessonDraft): boolean {
  return a.title === b.title && a.summary === b.summary && a.body === b.body && a.minutes === b.minutes && JSON.stringify(a.sources) === JSON.stringify(b.sources);
}
