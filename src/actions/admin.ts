import {
  confirmImportSchema,
  createBranchSchema,
  createInvitationSchema,
  importFileSchema,
  recheckImportSchema,
  renameBranchSchema,
  updateUserSchema,
} from '../schemas/admin';
import { resetTwoFactorSchema } from '../schemas/two-factor';
import { resetTwoFactor } from '../lib/server/two-factor';
import { getDb } from '../lib/server/db';
import { getUser } from '../lib/server/users';
import { TWO_FACTOR_REQUIRED_ROLES } from '../lib/sign-in-state';
import { guardedAction } from '../lib/server/guarded-action';
import { fail, ok } from '../lib/result';
import { uploadedRows } from '../lib/server/forms';
import { createBranch, createInvitation, renameBranch, updateUser } from '../lib/server/admin';
import { confirmImport, previewImport, recheckImport } from '../lib/server/learner-import-store';

export const admin = {
  updateUser: guardedAction('user.manage', {
    input: updateUserSchema,
    handler: async (input, _context, actor) => updateUser(await getDb(), actor.id, input),
  }),

  /** Someone lost their phone and their recovery codes: they sign in with the password again. */
  resetTwoFactor: guardedAction('user.manage', {
    input: resetTwoFactorSchema,
    handler: async (input, _context, actor) => {
      const db = await getDb();
      const person = await getUser(db, input.userId);
      if (!person) return fail('没有找到这个账号。');
      if (!person.twoFactorEnabled) return fail(`${person.displayName}没有开启两步验证，不需要重置。`);
      await resetTwoFactor(db, person.id, actor.id);
      return ok(`已重置${person.displayName}的两步验证，并让其所有设备退出登录。请告诉对方用密码重新登录${person.roles.some((role) => TWO_FACTOR_REQUIRED_ROLES.includes(role)) ? '，并在新手机上重新开启两步验证' : ''}。`);
    },
  }),

  createBranch: guardedAction('branch.manage', {
    input: createBranchSchema,
    handler: async (input) => createBranch(await getDb(), input.name),
  }),

  renameBranch: guardedAction('branch.manage', {
    input: renameBranchSchema,
    handler: async (input) => renameBranch(await getDb(), input.id, input.name),
  }),

  createInvitation: guardedAction('invitation.issue', {
    input: createInvitationSchema,
    handler: async (input, _context, actor) => {
      const code = await createInvitation(await getDb(), { ...input, createdBy: actor.id });
      return ok({ message: `新的邀请码：${code}`, code });
    },
  }),

  previewImport: guardedAction('import.learners', {
    input: importFileSchema,
    handler: async (input, _context, actor) => {
      const rows = await uploadedRows(input.file);
      if (!rows.ok) return rows;
      const outcome = await previewImport(await getDb(), actor.id, input.file.name, rows.value);
      return ok({ ...outcome, fileName: input.file.name });
    },
  }),

  /** The matching step: check the held roster again with the columns the admin chose. */
  recheckImport: guardedAction('import.learners', {
    input: recheckImportSchema,
    handler: async (input, _context, actor) => recheckImport(await getDb(), { actorId: actor.id, sourceId: input.sourceId, fields: input.fields, save: input.save }),
  }),

  confirmImport: guardedAction('import.learners', {
    input: confirmImportSchema,
    handler: async (input, _context, actor) =>
      confirmImport(await getDb(), actor.id, input.batchId, { newBranches: input.newBranches, sourceId: input.sourceId }),
  }),
};
