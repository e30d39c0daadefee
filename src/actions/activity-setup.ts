import { activityFormSchema, cancelFormSchema, cancelSignupSchema, checkInSchema, moveFormSchema, personSignupSchema } from '../schemas/activity';
import { getDb } from '../lib/server/db';
import { guardedAction } from '../lib/server/guarded-action';
import { fail, ok } from '../lib/result';
import { cancelActivity, createActivity, moveActivity, updateActivity } from '../lib/server/activity-setup';
import { checkIn, uncheck } from '../lib/server/check-in';
import { cancelSignupAsOrganiser, signUpByPhone, type DoorOutcome } from '../lib/server/activity-signups';
import { formatTimeOfDay } from '../lib/beijing-time';
import { findLessonRef } from '../lib/server/course-source';
import { filmExists } from '../lib/server/film-choices';

/**
 * 签到成功 (现场报名并签到成功 for a walk-in), and for someone who was on the waitlist whether they
 * got a seat. `walkIn`: typed in under 现场报名, where someone already on the list is checked in.
 */
function checkedInText(name: string, door: DoorOutcome, walkIn = false): string {
  if (door.already) return `${name} 已签到（刚才已经签过了）。`;
  if (door.was === 'new') return `${name} 现场报名并签到成功${door.seated ? '' : '（座位已满，已记为到场，没有占座位）'}。`;
  if (door.was === 'confirmed') return walkIn ? `${name} 已经报过名，签到成功。` : `${name} 签到成功。`;
  return `${name} 签到成功。${door.seated ? '原来在候补名单上，现场有空座，已转为正式报名。' : '原来在候补名单上，现场没有空座了，已记为到场（没有占座位）。'}`;
}

/** Organisers set the activity schedule up, sign people up, and check them in at the door. */
export const activitySetup = {
  save: guardedAction('activity.manage', {
    input: activityFormSchema,
    handler: async ({ activityId, settings }, _context, actor) => {
      if (settings.lessonId !== null && !(await findLessonRef(settings.lessonId))) return fail('没有找到这篇课文，请从列表里重新选择。', 'lessonId');
      if (settings.filmSlug !== null && !(await filmExists(settings.filmSlug))) return fail('片库里没有这部影片，请从列表里重新选择。', 'filmSlug');
      const db = await getDb();
      return activityId === null ? createActivity(db, settings, actor.id) : updateActivity(db, activityId, settings);
    },
  }),

  /** 改期/换地点: sign-ups are kept, everyone signed up is told. */
  move: guardedAction('activity.manage', {
    input: moveFormSchema,
    handler: async ({ activityId, ...move }) => moveActivity(await getDb(), activityId, move),
  }),

  cancel: guardedAction('activity.manage', {
    input: cancelFormSchema,
    handler: async ({ activityId, reason }) => cancelActivity(await getDb(), activityId, reason),
  }),

  /** Someone signed up by name and phone (in advance, on the activity's page). */
  signUpPerson: guardedAction('activity.manage', {
    input: personSignupSchema,
    handler: async (input, _context, actor) => {
      const result = await signUpByPhone(await getDb(), { ...input, by: actor.id, source: 'organiser' });
      if (!result.ok) return result;
      const place = result.value.status === 'confirmed' ? '报名成功' : '座位已满，已登记在候补名单上';
      return ok(`${input.name}：${place}${result.value.account ? '（这个手机号有账号，已记到本人的账号上）' : ''}。`);
    },
  }),

  /** Cancels one sign-up for someone; their seat is held for 撤销 for 10 minutes, then goes to the waitlist. */
  cancelSignup: guardedAction('activity.manage', {
    input: cancelSignupSchema,
    handler: async (input) => {
      const result = await cancelSignupAsOrganiser(await getDb(), input);
      return result.ok ? ok(`已取消这条报名。座位保留到 ${formatTimeOfDay(result.value.undoUntil)}，之后按顺序让给候补的人。`) : result;
    },
  }),

  /** 签到, or taking a tick back. */
  checkIn: guardedAction('activity.manage', {
    input: checkInSchema,
    handler: async (input, _context, actor) => {
      const db = await getDb();
      if (input.undo) {
        const undone = await uncheck(db, input);
        return undone.ok ? ok(`已取消 ${undone.value.name} 的签到。`) : undone;
      }
      const done = await checkIn(db, { ...input, by: actor.id });
      return done.ok ? ok(checkedInText(done.value.name, done.value)) : done;
    },
  }),

  /** 现场报名 at the door: signed up and recorded as attending. */
  walkIn: guardedAction('activity.manage', {
    input: personSignupSchema,
    handler: async (input, _context, actor) => {
      const result = await signUpByPhone(await getDb(), { ...input, by: actor.id, source: 'walk-in' });
      if (!result.ok) return result;
      // Someone already on the list is checked in, not signed up again.
      return ok(checkedInText(result.value.name, result.value.door ?? { already: false, seated: true, was: 'new' }, true));
    },
  }),
};
