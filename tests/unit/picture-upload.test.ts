import { stringify } from 'devalue';
import { describe, expect, it } from 'vitest';
import { IMAGE_TOO_BIG, NOT_AN_IMAGE } from '../../src/lib/image-rules';
import { readUploadAnswer } from '../../src/islands/editor/upload';

/** How the 图片 block reads the answer of media.uploadImage (src/islands/editor/upload.ts). */
describe('readUploadAnswer', () => {
  it('takes the address, width and height of a stored picture', () => {
    const body = stringify({ ok: true, value: { hash: 'a'.repeat(64), src: `/media/${'a'.repeat(64)}-1200.webp`, width: 1200, height: 900 } });
    expect(readUploadAnswer(200, body)).toEqual({ kind: 'uploaded', picture: { src: `/media/${'a'.repeat(64)}-1200.webp`, width: 1200, height: 900 } });
  });

  it("shows the server's Chinese refusal of a file that is not a picture", () => {
    expect(readUploadAnswer(200, stringify({ ok: false, error: { message: NOT_AN_IMAGE, field: 'file' } }))).toEqual({ kind: 'refused', message: NOT_AN_IMAGE });
  });

  it('says the picture is too big when the body limit refused it', () => {
    expect(readUploadAnswer(413, JSON.stringify({ message: '提交的内容太大了。' }))).toEqual({ kind: 'refused', message: IMAGE_TOO_BIG });
  });

  it('asks to sign in again when the session ran out, and passes on a refusal with its words', () => {
    expect(readUploadAnswer(401, '{}')).toMatchObject({ kind: 'refused', message: expect.stringContaining('重新登录') });
    expect(readUploadAnswer(403, JSON.stringify({ message: '只有讲师可以上传图片。' }))).toEqual({ kind: 'refused', message: '只有讲师可以上传图片。' });
  });

  it("never shows a proxy's page or an unreadable answer, only our own words", () => {
    for (const [status, body] of [[502, '<html>Bad Gateway</html>'], [500, JSON.stringify({ message: 'TypeError: x is undefined' })], [200, 'not devalue']] as const) {
      const answer = readUploadAnswer(status, body);
      expect(answer.kind).toBe('refused');
      expect(answer.kind === 'refused' && answer.message).toContain('图片没有传上去');
    }
  });
});
