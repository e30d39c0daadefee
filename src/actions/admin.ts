import { defineAction, type ActionAPIContext } from 'astro:actions';
import {
  confirmImportSchema,
  createBranchSchema,
  createInvitationSchema,
  importFileSchema,
  renameBranchSchema,
  updateUserSchema,
} from '../schemas/admin';
import { resetTwoFactorSchema } from '../schemas/two-factor';
import { resetTwoFactor } from '../lib/server/two-factor';
import { getDb } from '../lib/server/db';
import { getUser, type User } from '../lib/server/users';
import { actionUser } from '../lib/server/action-guards';
import { createBranch, createInvitation, renameBranch, updateUser } from '../lib/server/admin';
import { confirmImport, previewImport } from '../lib/server/learner-import-store';
import { readSpreadsheet } from '../lib/spreadsheet';

const requireAdmin = (context: ActionAPIContext): User => actionUser(context, ['admin'], '只有管理员可以这样做。');

export const admin = {
  updateUser: defineAction({
    accept: 'form',
    input: updateUserSchema,
    handler: async (input, context) => {
      const actor = requireAdmin(context);
      return updateUser(await getDb(), actor.id, input);
    },
  }),

  /** Someone lost their phone and their recovery codes: they sign in with the password again. */
  resetTwoFactor: defineAction({
    accept: 'form',
    input: resetTwoFactorSchema,
    handler: async (input, context) => {
      const actor = requireAdmin(context);
      const db = await getDb();
      const person = await getUser(db, input.userId);
      if (!person) return { ok: false as const, message: '没有找到这个账号。' };
      if (!person.twoFactorEnabled) return { ok: false as const, message: `${person.displayName}没有开启两步验证，不需要重置。` };
      await resetTwoFactor(db, person.id, actor.id);
      return { ok: true as const, message: `已重置${person.displayName}的两步验证，并让其所有设备退出登录。请告诉对方用密码重新登录${person.roles.includes('admin') ? '，并在新手机上重新开启两步验证' : ''}。` };
    },
  }),

  createBranch: defineAction({
    accept: 'form',
    input: createBranchSchema,
    handler: async (input, context) => {
      requireAdmin(context);
      return createBranch(await getDb(), input.name);
    },
  }),

  renameBranch: defineAction({
    accept: 'form',
    input: renameBranchSchema,
    handler: async (input, context) => {
      requireAdmin(context);
      return renameBranch(await getDb(), input.id, input.name);
    },
  }),

  createInvitation: defineAction({
    accept: 'form',
    input: createInvitationSchema,
    handler: async (input, context) => {
      const actor = requireAdmin(context);
      const code = await createInvitation(await getDb(), { ...input, createdBy: actor.id });
      return { ok: true as const, message: `新的邀请码：${code}`, code };
    },
  }),

  previewImport: defineAction({
    accept: 'form',
    input: importFileSchema,
    handler: async (input, context) => {
      const actor = requireAdmin(context);
      const bytes = new Uint8Array(await input.file.arrayBuffer());
      let rows: string[][];
      try {
        rows = await readSpreadsheet(input.file.name, bytes);
      } catch (error) {
        const message = error instanceof Error && /[\u4e00-\u9fff]/.test(error.message) ? error.message : '文件打不开，请确认是 .xlsx 或 .csv 文件。';
        return { ok: false as const, errors: { file: message } };
      }
      const { batchId, preview } = await previewImport(await getDb(), actor.id, input.file.name, rows);
      return { ok: true as const, batchId, fileName: input.file.name, preview };
    },
  }),

  confirmImport: defineAction({
    accept: 'form',
    input: confirmImportSchema,
    handler: async (input, context) => {
      const actor = requireAdmin(context);
      const result = await confirmImport(await getDb(), actor.id, input.batchId);
      return result.ok ? { ...result, ok: true as const } : { ok: false as const, errors: { '': result.message } };
    },
  }),
};
