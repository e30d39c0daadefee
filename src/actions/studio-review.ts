import type { ActionAPIContext } from 'astro:actions';
import { z } from '../schemas/zod';
import { getDb } from '../lib/server/db';
import { guardedAction, requireCapability } from '../lib/server/guarded-action';
import { studioCourseResource } from '../lib/server/studio-access';
import { approveCourse, returnCourse, restoreVersion, submitCourse, unpublishCourse } from '../lib/server/studio-review';
import { can, type Capability } from '../lib/permissions';
import { fail, ok } from '../lib/result';

/**
 * The review workflow's buttons (Workflow.astro, the versions page): plain forms that work without
 * JavaScript. The action map admits the capability; each handler then asks the map again about this
 * very course (its owner and co-authors), so a stranger gets 403 and an author cannot approve their
 * own course.
 */

const id = (what: string) => z.coerce.number({ error: `没有说明是哪${what}，请刷新页面再试。` }).int().positive(`没有说明是哪${what}，请刷新页面再试。`);
const courseSchema = z.object({ courseId: id('门课') });
/** The course's revision the reviewer read: a change since then is refused (CHANGED_WHILE_REVIEWING). */
const reviewSchema = courseSchema.extend({ revision: z.coerce.number().int().positive().optional() });

/**
 * Comments as the return form posts them: one textarea per lesson (and one for the whole course),
 * each after a hidden `target` naming its lesson id ('' for the course). Empty ones are skipped.
 */
const sendBackSchema = reviewSchema.extend({
  target: z.array(z.string().max(20)),
  comment: z.array(z.string().max(2000, '每条意见请不要超过2000字。')),
});

/** 401/403 for this course (its owner and co-authors), as the action map answers for the capability. */
async function requireOnCourse(context: ActionAPIContext, capability: Capability, courseId: number) {
  const resource = await studioCourseResource(await getDb(), courseId);
  return requireCapability(context, capability, resource);
}

export const studioReview = {
  submit: guardedAction('studio.write', {
    input: courseSchema,
    handler: async (input, context) => submitCourse(await getDb(), await requireOnCourse(context, 'studio.write', input.courseId), input.courseId),
  }),

  sendBack: guardedAction('studio.review', {
    input: sendBackSchema,
    handler: async (input, context) => {
      const actor = await requireOnCourse(context, 'studio.review', input.courseId);
      if (input.target.length !== input.comment.length) return fail('意见没有完整地送到，请重新打开这一页再写。');
      const comments = input.comment.map((body, index) => {
        const target = input.target[index] ?? '';
        return { lessonId: /^[1-9][0-9]*$/.test(target) ? Number(target) : null, body };
      });
      return returnCourse(await getDb(), actor, { courseId: input.courseId, revision: input.revision, comments });
    },
  }),

  approve: guardedAction('studio.review', {
    input: reviewSchema,
    handler: async (input, context) => {
      const actor = await requireOnCourse(context, 'studio.review', input.courseId);
      const done = await approveCourse(await getDb(), actor, input);
      return done.ok ? ok(done.value.message) : done;
    },
  }),

  /** Reviewers (not of their own course) and admins. */
  unpublish: guardedAction('studio.review', {
    input: courseSchema,
    handler: async (input, context, user) => {
      const manages = can(user, 'studio.manage');
      const actor = manages ? user : await requireOnCourse(context, 'studio.review', input.courseId);
      return unpublishCourse(await getDb(), actor, input.courseId);
    },
  }),

  restore: guardedAction('studio.write', {
    input: courseSchema.extend({ versionId: id('个版本') }),
    handler: async (input, context) => restoreVersion(await getDb(), await requireOnCourse(context, 'studio.write', input.courseId), input),
  }),
};
