import { z, idField, optionalText } from './zod';
import { phoneField } from './auth';
import { ACTIVITY_KINDS, type ActivityKind } from '../../db/schema/activities';
import { parseBeijingDateTime, toBeijingDateTimeInput } from '../lib/beijing-time';

/**
 * The organiser's forms for the activity schedule (红色观影, 红色游学, 经典诵读 …): setting one up or
 * changing it, moving it (改期/换地点), cancelling it, signing someone up, and the door's check-in.
 * Field problems are reported on the field they belong to, so each shows next to its input.
 */

/** The sign-up cut-off when the organiser leaves it empty: two hours before the start. */
export const DEFAULT_CUTOFF_MS = 2 * 60 * 60 * 1000;
/** More seats than any hall the senior university uses: a larger number is a typo. */
export const MAX_CAPACITY = 2000;

const requiredText = (min: number, max: number, missing: string, tooLong: string) =>
  z.string({ error: missing }).trim().min(min, missing).max(max, tooLong);

/** Whole numbers typed by people: full-width digits (１２) are read as 12. */
function wholeNumber(text: string): number | null {
  const ascii = text.replace(/[０-９]/g, (digit) => String.fromCharCode(digit.charCodeAt(0) - 0xfee0)).trim();
  return /^\d{1,6}$/.test(ascii) ? Number(ascii) : null;
}

/** A film's slug in content/films, or a lesson id `<course>/<lesson>`: lower-case words and hyphens. */
const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/** The time, place and size of an activity: what 改期/换地点 changes, and part of the full form. */
const whenAndWhere = {
  startsAt: z.string({ error: '请填写开始时间。' }),
  endsAt: z.string({ error: '请填写结束时间。' }),
  /** Empty: two hours before the start (DEFAULT_CUTOFF_MS). */
  signupClosesAt: optionalText(20, '请按“年-月-日 时:分”填写报名截止时间。'),
  venueName: requiredText(2, 40, '请填写地点名称，例如：老年大学活动中心。', '地点名称不超过40个字。'),
  venueAddress: requiredText(4, 100, '请填写详细地址，方便大家找到。', '地址不超过100个字。'),
  venueRoom: optionalText(40, '房间不超过40个字。'),
  capacity: z.string({ error: '请填写座位数。' }),
};

type Problem = (path: string, message: string) => void;

/** Start, end, cut-off and capacity read from the form, each problem reported on its field. */
function readWhenAndWhere(form: { startsAt: string; endsAt: string; signupClosesAt: string; capacity: string }, problem: Problem) {
  const startsAt = parseBeijingDateTime(form.startsAt);
  const endsAt = parseBeijingDateTime(form.endsAt);
  if (startsAt === null) problem('startsAt', '请按“年-月-日 时:分”填写开始时间。');
  if (endsAt === null) problem('endsAt', '请按“年-月-日 时:分”填写结束时间。');
  if (startsAt !== null && endsAt !== null && endsAt <= startsAt) problem('endsAt', '结束时间要晚于开始时间。');
  if (startsAt !== null && endsAt !== null && endsAt - startsAt > 3 * 24 * 60 * 60 * 1000) problem('endsAt', '一项活动最长三天，请检查结束的日期。');
  let signupClosesAt = startsAt === null ? null : startsAt - DEFAULT_CUTOFF_MS;
  if (form.signupClosesAt !== '') {
    signupClosesAt = parseBeijingDateTime(form.signupClosesAt);
    if (signupClosesAt === null) problem('signupClosesAt', '请按“年-月-日 时:分”填写报名截止时间，或者留空（开始前两小时截止）。');
    else if (startsAt !== null && signupClosesAt > startsAt) problem('signupClosesAt', '报名截止时间不能晚于活动开始时间。');
  }
  const capacity = wholeNumber(form.capacity);
  if (capacity === null || capacity < 1 || capacity > MAX_CAPACITY) problem('capacity', `座位数请填1到${MAX_CAPACITY}之间的整数。`);
  return { startsAt: startsAt ?? 0, endsAt: endsAt ?? 0, signupClosesAt: signupClosesAt ?? 0, capacity: capacity ?? 0 };
}

const issues = (context: z.RefinementCtx): Problem => (path, message) => void context.addIssue({ code: 'custom', path: [path], message });

/** The full set-up form (new activity and 修改). */
export const activityFormSchema = z
  .object({
    /** Present when editing. */
    activityId: idField('活动编号不正确。').nullish(),
    kind: z.enum(ACTIVITY_KINDS, { error: '请选择活动类型。' }),
    title: requiredText(2, 60, '请填写活动名称（至少两个字）。', '活动名称不超过60个字。'),
    /** 红色观影: the film's slug in content/films. */
    filmSlug: optionalText(80, '请从列表里选择影片。'),
    /** 红色游学: the base or memorial hall visited. */
    destination: optionalText(60, '目的地不超过60个字。'),
    ...whenAndWhere,
    talkTopic: optionalText(60, '微党课题目不超过60个字。'),
    talkSpeaker: optionalText(30, '主讲人不超过30个字。'),
    /** `<course>/<lesson>`; checked against the catalog by the action. */
    lessonId: optionalText(120, '请从列表里选择课文。'),
    notes: optionalText(1000, '注意事项不超过1000个字。'),
    companionsAllowed: z.literal('on').nullish(),
  })
  .transform((form, context) => {
    const problem = issues(context);
    const times = readWhenAndWhere(form, problem);
    if (form.kind === 'film' && form.filmSlug === '') problem('filmSlug', '红色观影请选择要放映的影片。');
    if (form.filmSlug !== '' && !SLUG.test(form.filmSlug)) problem('filmSlug', '请从列表里选择影片。');
    if (form.kind === 'visit' && form.destination === '') problem('destination', '红色游学请填写目的地，例如：某某革命纪念馆。');
    if ((form.talkTopic === '') !== (form.talkSpeaker === '')) {
      problem(form.talkTopic === '' ? 'talkTopic' : 'talkSpeaker', '微党课的题目和主讲人要一起填，不办微党课就都留空。');
    }
    if (form.lessonId !== '' && !form.lessonId.split('/').every((part) => SLUG.test(part))) problem('lessonId', '请从列表里选择课文。');
    return {
      activityId: form.activityId ?? null,
      settings: {
        kind: form.kind,
        title: form.title,
        filmSlug: form.kind === 'film' ? form.filmSlug : null,
        destination: form.destination === '' ? null : form.destination,
        ...times,
        venueName: form.venueName,
        venueAddress: form.venueAddress,
        venueRoom: form.venueRoom,
        talkTopic: form.talkTopic === '' ? null : form.talkTopic,
        talkSpeaker: form.talkSpeaker === '' ? null : form.talkSpeaker,
        lessonId: form.lessonId === '' ? null : form.lessonId,
        notes: form.notes,
        companionsAllowed: form.companionsAllowed === 'on',
      },
    };
  });

export type ActivitySettings = z.output<typeof activityFormSchema>['settings'];

const reasonField = (missing: string) => requiredText(2, 200, missing, '原因不超过200个字。');

/** 改期/换地点: new time and place, keeping every sign-up; the reason is shown to everyone signed up. */
export const moveFormSchema = z
  .object({ activityId: idField('活动编号不正确。'), ...whenAndWhere, reason: reasonField('请写明改期或换地点的原因，报了名的人都会看到。') })
  .transform((form, context) => {
    const times = readWhenAndWhere(form, issues(context));
    return { activityId: form.activityId, reason: form.reason, venueName: form.venueName, venueAddress: form.venueAddress, venueRoom: form.venueRoom, ...times };
  });

export type MoveSettings = Omit<z.output<typeof moveFormSchema>, 'activityId'>;

/** 取消活动: a reason is required, since everyone signed up reads it. */
export const cancelFormSchema = z.object({
  activityId: idField('活动编号不正确。'),
  reason: reasonField('请写明取消的原因，报了名的人都会看到。'),
});

/** Someone signed up by the organiser (in advance, or a walk-in at the door): name and phone. */
export const personSignupSchema = z.object({
  activityId: idField('活动编号不正确。'),
  name: requiredText(2, 20, '请填写姓名。', '姓名不超过20个字。'),
  phone: phoneField,
  companion: z.literal('on').nullish().transform((value) => value === 'on'),
  companionName: optionalText(20, '家属姓名不超过20个字。'),
});

/** 签到 (or taking it back) for one sign-up; `q` keeps the tablet's search after the post. */
export const checkInSchema = z.object({
  activityId: idField('活动编号不正确。'),
  signupId: idField('报名编号不正确，请刷新页面再试。'),
  undo: z.literal('1').nullish(),
  q: optionalText(40, ''),
});

/** An organiser cancels one sign-up (someone rang to say they cannot come, or a mistake). */
export const cancelSignupSchema = z.object({
  activityId: idField('活动编号不正确。'),
  signupId: idField('报名编号不正确，请刷新页面再试。'),
});

/** The form's fields for an activity being changed, or the defaults for a new one. */
export function activityFormValues(activity?: ActivitySettings): Record<string, string> {
  if (!activity) return { kind: 'film', companionsAllowed: 'on', capacity: '100' };
  const values: Record<string, string> = {
    kind: activity.kind,
    title: activity.title,
    filmSlug: activity.filmSlug ?? '',
    destination: activity.destination ?? '',
    ...whenAndWhereValues(activity),
    talkTopic: activity.talkTopic ?? '',
    talkSpeaker: activity.talkSpeaker ?? '',
    lessonId: activity.lessonId ?? '',
    notes: activity.notes,
  };
  if (activity.companionsAllowed) values['companionsAllowed'] = 'on';
  return values;
}

/** The 改期/换地点 form's fields, starting from the activity's present time and place. */
export function whenAndWhereValues(activity: Pick<ActivitySettings, 'startsAt' | 'endsAt' | 'signupClosesAt' | 'venueName' | 'venueAddress' | 'venueRoom' | 'capacity'>): Record<string, string> {
  return {
    startsAt: toBeijingDateTimeInput(activity.startsAt),
    endsAt: toBeijingDateTimeInput(activity.endsAt),
    signupClosesAt: toBeijingDateTimeInput(activity.signupClosesAt),
    venueName: activity.venueName,
    venueAddress: activity.venueAddress,
    venueRoom: activity.venueRoom,
    capacity: String(activity.capacity),
  };
}

export type { ActivityKind };
