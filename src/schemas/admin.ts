import { z } from './zod';
import { ROLES } from '../../db/schema/accounts';

/**
 * Form checkboxes arrive as repeated fields. A plain array: Astro fills it with every value (none
 * when nothing is ticked); wrapped in a preprocess it would read only the first value.
 */
const roleList = z.array(z.enum(ROLES, { error: '不认识的角色。' }));

export const updateUserSchema = z.object({
  userId: z.coerce.number().int().positive('账号编号不正确。'),
  roles: roleList,
  /** Empty means no branch. */
  branchId: z.preprocess((v) => (v === '' || v === null || v === undefined ? null : v), z.coerce.number().int().positive().nullable()),
  disabled: z.preprocess((v) => v === 'on' || v === 'true', z.boolean()),
  /** 银发数字辅导员: may answer help requests (/volunteer/). */
  volunteer: z.preprocess((v) => v === 'on' || v === 'true', z.boolean()),
  /** 课程审核人员: may approve and publish studio courses others wrote. */
  reviewer: z.preprocess((v) => v === 'on' || v === 'true', z.boolean()),
});

export const branchNameField = z
  .string({ error: '请填写党支部名称。' })
  .trim()
  .min(2, '党支部名称至少两个字。')
  .max(40, '党支部名称不超过40个字。');

export const createBranchSchema = z.object({ name: branchNameField });
export const renameBranchSchema = z.object({ id: z.coerce.number().int().positive(), name: branchNameField });

export const createInvitationSchema = z.object({
  branchId: z.preprocess((v) => (v === '' || v === null || v === undefined ? null : v), z.coerce.number().int().positive().nullable()),
  maxUses: z.coerce.number({ error: '请填写可以使用的人数。' }).int('请填写整数。').min(1, '至少1人。').max(500, '一个邀请码最多500人使用。'),
  days: z.coerce.number({ error: '请填写有效天数。' }).int('请填写整数。').min(1, '至少1天。').max(180, '最长180天。'),
});

/** 5 MB is far more than 2,000 rows of names and numbers. */
export const MAX_IMPORT_BYTES = 5 * 1024 * 1024;

/** An uploaded .xlsx or .csv of at most 5 MB; `tooBig` says what to cut. */
export function spreadsheetFileField(tooBig: string) {
  return z
    .instanceof(File, { message: '请选择要导入的文件。' })
    .refine((file) => file.size > 0, '请选择要导入的文件。')
    .refine((file) => file.size <= MAX_IMPORT_BYTES, tooBig)
    .refine((file) => /\.(xlsx|csv)$/i.test(file.name), '只能导入 .xlsx 或 .csv 文件。旧版 .xls 请在 Excel 里另存为 .xlsx。');
}

export const importFileSchema = z.object({
  file: spreadsheetFileField('文件太大了（超过5MB）。请只保留姓名、手机号、党支部三列。'),
});

/** The matching form: one choice per column, in the order the form lists them; save keeps it for next time. */
export const matchingFields = {
  sourceId: z.coerce.number({ error: '导入批次不正确。' }).int('导入批次不正确。').positive('导入批次不正确。'),
  fields: z.array(z.string().max(20)).max(500, '列太多了。'),
  save: z.preprocess((v) => v === 'on' || v === 'true', z.boolean()),
};
export const recheckImportSchema = z.object(matchingFields);

/** newBranches: the new 党支部 the admin ticked; sourceId: the held roster, deleted once imported. */
export const confirmImportSchema = z.object({
  batchId: z.coerce.number().int().positive(),
  sourceId: z.coerce.number().int().positive().optional(),
  newBranches: z.array(z.string().trim().max(40)).max(500).default([]),
});
