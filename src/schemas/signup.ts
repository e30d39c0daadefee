import { z } from './zod';

/** The id of an activity as posted by a form; a forged or missing one is refused in words. */
export const activityIdField = z.coerce.number({ error: '没有找到这项活动，请回到活动安排重新选择。' }).int('没有找到这项活动。').positive('没有找到这项活动。');

/** 报名: for oneself, with an optional 同行家属 (a second seat) and their name. */
export const signUpSchema = z.object({
  activityId: activityIdField,
  /** A checkbox: present ('on') when the person brings a companion. */
  companion: z
    .string()
    .nullish()
    .transform((value) => value === 'on' || value === '1' || value === 'true'),
  companionName: z.string().trim().max(40, '家属姓名不超过40个字。').nullish().transform((value) => value ?? ''),
});

/** 取消报名 and 撤销 name only the activity: the person is the one signed in. */
export const ownSignupSchema = z.object({ activityId: activityIdField });
