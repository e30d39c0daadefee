import { z, idField, optionalText } from './zod';
import { answerFields } from './answer';
import { PARTIAL_CREDIT_RULES, QUESTION_TYPES, TYPE_LABELS, type QuestionType } from '../lib/question-rules';
import { MAX_RULE_COUNT, type DrawRule } from '../lib/contest-draw';
import { parseBeijingDateTime, toBeijingDateTimeInput } from '../lib/beijing-time';
import type { NewContest } from '../lib/server/contests';


/** Rows of draw rules and awards the set-up form offers; blank rows are ignored. */
export const RULE_ROWS = 8;
export const AWARD_ROWS = 4;
export const MAX_ATTEMPTS = 10;
/** A time limit above a day is a typo (minutes for hours). */
export const MAX_TIME_LIMIT_MINUTES = 24 * 60;

const ruleShape = Object.fromEntries(
  Array.from({ length: RULE_ROWS }, (_, i) => [
    [`rule${i}_type`, z.enum(QUESTION_TYPES).nullish().catch(null)],
    [`rule${i}_category`, optionalText(40, '分类不超过40个字。')],
    [`rule${i}_count`, optionalText(6, '题数请填数字。')],
  ]).flat(),
) as Record<string, z.ZodType>;

const awardShape = Object.fromEntries(
  Array.from({ length: AWARD_ROWS }, (_, i) => [
    [`award${i}_name`, optionalText(10, '奖项名称不超过10个字。')],
    [`award${i}_rank`, optionalText(6, '名次请填数字。')],
  ]).flat(),
) as Record<string, z.ZodType>;

const pointsField = z.coerce
  .number({ error: '分值请填数字。' })
  .min(0, '分值不能是负数。')
  .max(100, '每题分值不超过100分。')
  .refine((value) => Math.round(value * 100) === value * 100, '分值最多两位小数。');

/** Checkboxes arrive as repeated fields: a plain array, see roleList in admin.ts. */
const idList = z.array(idField('党支部不正确。')).max(500);

/** Whole numbers typed by people: full-width digits (１２) are read as 12. */
function wholeNumber(text: string): number | null {
  const ascii = text.replace(/[０-９]/g, (digit) => String.fromCharCode(digit.charCodeAt(0) - 0xfee0)).trim();
  return /^\d{1,6}$/.test(ascii) ? Number(ascii) : null;
}

/**
 * The organiser's contest form (create and edit). Field problems are reported on the field they
 * belong to, so the form can show each next to its input.
 */
export const contestFormSchema = z
  .object({
    /** Present when editing. */
    contestId: idField('竞赛编号不正确。').nullish(),
    title: z.string({ error: '请填写竞赛名称。' }).trim().min(2, '竞赛名称至少两个字。').max(60, '竞赛名称不超过60个字。'),
    description: optionalText(1000, '说明不超过1000个字。'),
    bankId: idField('请选择题库。'),
    opensAt: z.string({ error: '请填写开始时间。' }),
    closesAt: z.string({ error: '请填写结束时间。' }),
    timeLimit: optionalText(6, '时间限制请填分钟数。'),
    attempts: z.coerce.number({ error: '请填写每人可答次数。' }).int('每人可答次数请填整数。').min(1, '每人至少可以答1次。').max(MAX_ATTEMPTS, `每人最多可答${MAX_ATTEMPTS}次。`),
    shuffle: z.literal('on').nullish(),
    points_single: pointsField,
    points_multiple: pointsField,
    points_truefalse: pointsField,
    points_fill: pointsField,
    partial: z.enum(PARTIAL_CREDIT_RULES, { error: '请选择多选题的计分办法。' }),
    answersVisible: z.enum(['after_submit', 'after_close', 'never'], { error: '请选择何时公布答案。' }),
    branchIds: idList,
    ...ruleShape,
    ...awardShape,
  })
  .transform((form, context) => {
    const fields = form as Record<string, unknown>;
    const text = (name: string): string => String(fields[name] ?? '');
    const problem = (path: string, message: string): void => void context.addIssue({ code: 'custom', path: [path], message });

    const opensAt = parseBeijingDateTime(form.opensAt);
    const closesAt = parseBeijingDateTime(form.closesAt);
    if (opensAt === null) problem('opensAt', '请按“年-月-日 时:分”填写开始时间。');
    if (closesAt === null) problem('closesAt', '请按“年-月-日 时:分”填写结束时间。');
    if (opensAt !== null && closesAt !== null && closesAt <= opensAt) problem('closesAt', '结束时间要晚于开始时间。');

    let timeLimitMinutes: number | null = null;
    if (form.timeLimit !== '') {
      timeLimitMinutes = wholeNumber(form.timeLimit);
      if (timeLimitMinutes === null || timeLimitMinutes < 1 || timeLimitMinutes > MAX_TIME_LIMIT_MINUTES) {
        problem('timeLimit', `时间限制请填1到${MAX_TIME_LIMIT_MINUTES}之间的分钟数；不限时请留空。`);
      }
    }

    const drawRules: DrawRule[] = [];
    for (let i = 0; i < RULE_ROWS; i++) {
      const type = fields[`rule${i}_type`] as QuestionType | null | undefined;
      const countText = text(`rule${i}_count`);
      if (!type && countText === '') continue;
      if (!type) {
        problem(`rule${i}_type`, `第${i + 1}条规则请选择题型。`);
        continue;
      }
      const count = wholeNumber(countText);
      if (count === null || count < 1 || count > MAX_RULE_COUNT) {
        problem(`rule${i}_count`, `第${i + 1}条规则（${TYPE_LABELS[type]}）要抽的题数请填1到${MAX_RULE_COUNT}之间的整数。`);
        continue;
      }
      const category = text(`rule${i}_category`);
      drawRules.push(category === '' ? { type, count } : { type, category, count });
    }
    if (drawRules.length === 0) problem('rule0_type', '请至少填写一条抽题规则（题型和题数）。');

    const awards: Array<{ name: string; upToRank: number }> = [];
    for (let i = 0; i < AWARD_ROWS; i++) {
      const name = text(`award${i}_name`);
      const rankText = text(`award${i}_rank`);
      if (name === '' && rankText === '') continue;
      const upToRank = wholeNumber(rankText);
      if (name === '') problem(`award${i}_name`, `第${i + 1}个奖项请填写名称，例如一等奖。`);
      else if (upToRank === null || upToRank < 1 || upToRank > 10_000) problem(`award${i}_rank`, `“${name}”请填写发到第几名（1以上的整数）。`);
      else if (awards.some((award) => award.upToRank === upToRank)) problem(`award${i}_rank`, `“${name}”和上一个奖项发到同一名次，请改一下。`);
      else awards.push({ name, upToRank });
    }

    return {
      contestId: form.contestId ?? null,
      title: form.title,
      description: form.description,
      bankId: form.bankId,
      opensAt: opensAt ?? 0,
      closesAt: closesAt ?? 0,
      timeLimitMinutes,
      attemptsAllowed: form.attempts,
      drawRules,
      shuffleOptions: form.shuffle === 'on',
      points: { single: form.points_single, multiple: form.points_multiple, truefalse: form.points_truefalse, fill: form.points_fill, partial: form.partial },
      branchIds: [...new Set(form.branchIds)],
      answersVisible: form.answersVisible,
      awards: awards.sort((a, b) => a.upToRank - b.upToRank),
    };
  });

/** Extra time for one person: minutes, or 'unlimited'; by phone number, as organisers know people. */
export const extraTimeSchema = z.object({
  contestId: idField('竞赛编号不正确。'),
  /**
   * Granting: the organiser types the person's full number, the one thing that names a person
   * uniquely (names repeat across branches); nothing on the page carries it back. Required then
   * (checked by the action, which knows which change is asked for).
   */
  phone: z.string().trim().max(20, '手机号不正确。').nullish(),
  /** Taking extra time away again: the person's account id, so no phone number sits in the page. */
  userId: idField('学员编号不正确。').nullish(),
  /**
   * Minutes or 'unlimited'; empty for 取消延长 (Astro reads an empty form field as missing, which
   * made every 取消延长 fail before this was optional).
   */
  extra: z.string().trim().max(12, '请选择延长多少时间。').nullish().transform((value) => value ?? ''),
  /** remove: take the extra time away again. */
  change: z.enum(['set', 'remove']).default('set'),
});

export const startAttemptSchema = z.object({ contestId: idField('竞赛编号不正确。') });

/** One answer of a contest attempt, saved the moment it is chosen (or with 保存 without JavaScript). */
export const contestAnswerSchema = z.object({
  attemptId: idField('答题编号不正确。'),
  position: z.coerce.number({ error: '题号不正确。' }).int('题号不正确。').min(1, '题号不正确。').max(1000, '题号不正确。'),
  ...answerFields,
  /** Where to go after saving, without JavaScript: the next, the previous question, or the review. */
  go: z.enum(['next', 'previous', 'review', 'stay']).nullish().catch(null),
});

export const submitAttemptSchema = z.object({ attemptId: idField('答题编号不正确。') });

/** The set-up form's fields for a contest being changed, or the defaults for a new one. */
export function contestFormValues(contest?: Omit<NewContest, 'branchIds'>): Record<string, string> {
  if (!contest) {
    return {
      attempts: '1',
      shuffle: 'on',
      points_single: '2',
      points_multiple: '3',
      points_truefalse: '1',
      points_fill: '2',
      partial: 'half',
      answersVisible: 'after_close',
      timeLimit: '30',
      award0_name: '一等奖',
      award0_rank: '3',
      award1_name: '二等奖',
      award1_rank: '10',
      award2_name: '三等奖',
      award2_rank: '20',
    };
  }
  const values: Record<string, string> = {
    title: contest.title,
    description: contest.description,
    bankId: String(contest.bankId),
    opensAt: toBeijingDateTimeInput(contest.opensAt),
    closesAt: toBeijingDateTimeInput(contest.closesAt),
    timeLimit: contest.timeLimitMinutes === null ? '' : String(contest.timeLimitMinutes),
    attempts: String(contest.attemptsAllowed),
    points_single: String(contest.points.single),
    points_multiple: String(contest.points.multiple),
    points_truefalse: String(contest.points.truefalse),
    points_fill: String(contest.points.fill),
    partial: contest.points.partial,
    answersVisible: contest.answersVisible,
  };
  if (contest.shuffleOptions) values['shuffle'] = 'on';
  contest.drawRules.forEach((rule, i) => {
    values[`rule${i}_type`] = rule.type;
    values[`rule${i}_category`] = rule.category ?? '';
    values[`rule${i}_count`] = String(rule.count);
  });
  contest.awards.forEach((award, i) => {
    values[`award${i}_name`] = award.name;
    values[`award${i}_rank`] = String(award.upToRank);
  });
  return values;
}
