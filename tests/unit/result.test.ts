import { afterEach, describe, expect, it, vi } from 'vitest';
import { ActionError } from 'astro:actions';
import { fail, ok, shownMessage, UNEXPECTED_MESSAGE, unwrap, UserFacingError, valueOf } from '../../src/lib/result';
import { actionNotice, formErrors } from '../../src/lib/server/action-errors';
import { settle } from '../../src/lib/server/guarded-action';

afterEach(() => {
  vi.restoreAllMocks();
});

describe('Result', () => {
  it('carries a value or a problem for people, with the field it belongs to', () => {
    expect(ok(3)).toEqual({ ok: true, value: 3 });
    expect(ok()).toEqual({ ok: true, value: undefined });
    expect(fail('请填写手机号。', 'phone')).toEqual({ ok: false, error: { message: '请填写手机号。', field: 'phone' } });
    expect(fail('没有保存。')).toEqual({ ok: false, error: { message: '没有保存。' } });
    expect(valueOf(ok('好'))).toBe('好');
    expect(valueOf(fail('不行'))).toBeUndefined();
    expect(valueOf(undefined)).toBeUndefined();
  });

  it('unwraps a failure into a UserFacingError that keeps the field', () => {
    expect(unwrap(ok(1))).toBe(1);
    const error = (() => {
      try {
        unwrap(fail('邀请码不对。', 'code'));
      } catch (thrown) {
        return thrown;
      }
      return null;
    })();
    expect(error).toBeInstanceOf(UserFacingError);
    expect((error as UserFacingError).problem).toEqual({ message: '邀请码不对。', field: 'code' });
  });
});

describe('what may be shown to people', () => {
  it('is decided by the error type, never by the characters of the message', () => {
    // A driver or library error may well be in Chinese and still leak internals.
    const leaked = new Error('数据库错误：UNIQUE constraint failed: users.phone 13800000001');
    expect(shownMessage(leaked)).toBe(UNEXPECTED_MESSAGE);
    expect(shownMessage(new Error('whatever'), '文件打不开。')).toBe('文件打不开。');
    expect(shownMessage(new UserFacingError('这个文件打不开。', { cause: leaked }))).toBe('这个文件打不开。');
  });

  it('keeps the cause for the log', () => {
    const cause = new Error('zip: bad central directory');
    expect(new UserFacingError('这个文件打不开。', { cause }).cause).toBe(cause);
  });
});

describe('formErrors()', () => {
  it("shows a handler's failure on its field, or on the whole form", () => {
    expect(formErrors({ data: fail('这个手机号已经注册过了。', 'phone') })).toEqual({ phone: '这个手机号已经注册过了。' });
    expect(formErrors({ data: fail('没有保存。') })).toEqual({ '': '没有保存。' });
    expect(formErrors({ data: ok({ id: 1 }) })).toEqual({});
    expect(formErrors(undefined)).toEqual({});
  });

  it('shows refusals we raised, and a general message for everything else', () => {
    expect(formErrors({ error: new ActionError({ code: 'BAD_REQUEST', message: '请先选一个答案。' }) })).toEqual({ '': '请先选一个答案。' });
    expect(formErrors({ error: new ActionError({ code: 'FORBIDDEN', message: '没有权限这样做。' }) })).toEqual({ '': '没有权限这样做。' });
    // Astro wraps an unexpected throw in INTERNAL_SERVER_ERROR with the original message, Chinese or not.
    expect(formErrors({ error: new ActionError({ code: 'INTERNAL_SERVER_ERROR', message: '数据库文件损坏' }) })).toEqual({ '': UNEXPECTED_MESSAGE });
    expect(formErrors({ error: new ActionError({ code: 'UNSUPPORTED_MEDIA_TYPE', message: 'This action only accepts FormData.' }) })).toEqual({ '': UNEXPECTED_MESSAGE });
    expect(formErrors({ error: new Error('中文也不行') })).toEqual({ '': UNEXPECTED_MESSAGE });
    expect(formErrors({ error: new ActionError({ code: 'CONTENT_TOO_LARGE', message: 'Request body exceeds 6291456 bytes' }) })['']).toMatch(/太大/);
  });

  it('gives a notice the handler result, or every problem as one failure', () => {
    expect(actionNotice({ data: ok('已保存。') })).toEqual(ok('已保存。'));
    expect(actionNotice({ error: new ActionError({ code: 'NOT_FOUND', message: '没有找到这个题库。' }) })).toEqual(fail('没有找到这个题库。'));
    expect(actionNotice(undefined)).toBeUndefined();
  });
});

describe('settle(): how a handler’s outcome reaches the form', () => {
  it('turns a UserFacingError into a failure on its field', async () => {
    await expect(settle('test', () => Promise.reject(new UserFacingError('请填写1到600之间的分钟数。', { field: 'extra' })))).resolves.toEqual(
      fail('请填写1到600之间的分钟数。', 'extra'),
    );
  });

  it('answers a script with the status a UserFacingError asks for', async () => {
    const thrown = await settle('test', () => Promise.reject(new UserFacingError('这次答题已经交卷。', { code: 'BAD_REQUEST' }))).catch((error: unknown) => error);
    expect(thrown).toBeInstanceOf(ActionError);
    expect(thrown).toMatchObject({ code: 'BAD_REQUEST', message: '这次答题已经交卷。' });
  });

  it('logs anything unforeseen with its cause and shows people the general message', async () => {
    const log = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const cause = new Error('SQLITE_BUSY: 数据库正忙');
    const thrown = await settle('test', () => Promise.reject(cause)).catch((error: unknown) => error);
    expect(thrown).toMatchObject({ code: 'INTERNAL_SERVER_ERROR', message: UNEXPECTED_MESSAGE });
    expect(log).toHaveBeenCalledWith(expect.stringContaining('test'), cause);
  });

  it('passes results and our own ActionErrors through unchanged', async () => {
    await expect(settle('test', () => Promise.resolve(ok(5)))).resolves.toEqual(ok(5));
    const refusal = new ActionError({ code: 'UNAUTHORIZED', message: '请先登录。' });
    await expect(settle('test', () => Promise.reject(refusal))).rejects.toBe(refusal);
  });
});
