import {
  addLessonSchema,
  authorSchema,
  courseDetailsSchema,
  coverSchema,
  importCourseSchema,
  createCourseSchema,
  moveLessonSchema,
  removeAuthorSchema,
  removeLessonSchema,
  saveLessonFormSchema,
  saveLessonSchema,
  transferSchema,
} from '../schemas/studio';
import { getDb } from '../lib/server/db';
import { guardedAction, guardedJsonOrFormAction } from '../lib/server/guarded-action';
import { ok } from '../lib/result';
import {
  addAuthor,
  addLesson,
  createCourse,
  moveLesson,
  removeAuthor,
  removeLesson,
  saveLesson,
  setCourseCover,
  transferCourse,
  updateCourseDetails,
} from '../lib/server/studio-courses';
import { importCourseZip } from '../lib/server/studio-move';

/**
 * The instructor studio (/studio/write/): courses and lessons as their authors write them. Each
 * handler checks the course itself (its owner, co-authors, admins) in the transaction that changes it.
 */
export const studio = {
  createCourse: guardedAction('studio.write', {
    input: createCourseSchema,
    handler: async (input, _context, user) => createCourse(await getDb(), user, input),
  }),

  /** 导入课程文件夹: a zipped course folder becomes a new draft course, or every problem is listed. */
  importCourse: guardedAction('studio.write', {
    input: importCourseSchema,
    handler: async ({ file }, _context, user) => importCourseZip(await getDb(), user, file),
  }),

  saveCourse: guardedAction('studio.write', {
    input: courseDetailsSchema,
    handler: async ({ courseId, revision, ...details }, _context, user) => {
      const saved = await updateCourseDetails(await getDb(), user, courseId, revision, details);
      return saved.ok ? ok('课程信息已保存。') : saved;
    },
  }),

  setCover: guardedAction('studio.write', {
    input: coverSchema,
    handler: async ({ courseId, cover }, _context, user) => {
      const stored = await setCourseCover(await getDb(), user, courseId, cover);
      return stored.ok ? ok('封面图片已更换。请别忘了在“课程信息”里写一句图片的文字说明。') : stored;
    },
  }),

  addLesson: guardedAction('studio.write', {
    input: addLessonSchema,
    handler: async ({ courseId, title }, _context, user) => addLesson(await getDb(), user, courseId, title),
  }),

  moveLesson: guardedAction('studio.write', {
    input: moveLessonSchema,
    handler: async ({ courseId, lessonId, direction }, _context, user) => {
      const moved = await moveLesson(await getDb(), user, courseId, lessonId, direction);
      return moved.ok ? ok(`已移到第${moved.value.position}课。`) : moved;
    },
  }),

  removeLesson: guardedAction('studio.write', {
    input: removeLessonSchema,
    handler: async ({ courseId, lessonId }, _context, user) => {
      const removed = await removeLesson(await getDb(), user, courseId, lessonId);
      return removed.ok ? ok(`已删除“${removed.value.title}”。`) : removed;
    },
  }),

  /** The lesson editor's save (the island's autosave as JSON, the 源码 form without JavaScript). */
  saveLesson: guardedJsonOrFormAction('studio.write', {
    json: saveLessonSchema,
    form: saveLessonFormSchema,
    handler: async (input, _context, user) => saveLesson(await getDb(), user, input),
  }),

  addAuthor: guardedAction('studio.write', {
    input: authorSchema,
    handler: async ({ courseId, phone }, _context, user) => {
      const added = await addAuthor(await getDb(), user, courseId, phone);
      return added.ok ? ok(`已把${added.value.name}加为合作讲师，他现在可以一起编写这门课。`) : added;
    },
  }),

  removeAuthor: guardedAction('studio.write', {
    input: removeAuthorSchema,
    handler: async ({ courseId, userId }, _context, user) => {
      const removed = await removeAuthor(await getDb(), user, courseId, userId);
      return removed.ok ? ok(`${removed.value.name}不再是这门课的合作讲师。`) : removed;
    },
  }),

  transfer: guardedAction('studio.manage', {
    input: transferSchema,
    handler: async ({ courseId, phone }, _context, user) => {
      const moved = await transferCourse(await getDb(), user, courseId, phone);
      return moved.ok ? ok(`这门课已转交给${moved.value.name}。原来的负责讲师留作合作讲师。`) : moved;
    },
  }),
};
