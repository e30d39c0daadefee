import { actions, getActionPath } from 'astro:actions';
import { parse } from 'devalue';
import { IMAGE_TOO_BIG, MAX_IMAGE_BYTES } from '../../lib/image-rules';

/**
 * How the lesson editor's 图片 block uploads a picture: the action `media.uploadImage` (the same one
 * the lesson page's no-JS upload form posts to), sent with XMLHttpRequest because fetch cannot tell
 * how much of the body has gone (a phone photo over a slow network takes a while; the author sees
 * how far it is). The answer is the action's own (devalue), read with the same library Astro uses.
 * A picture over 10 MB is refused here before anything is sent; the server checks everything again.
 */

export interface UploadedPicture {
  src: string;
  width: number;
  height: number;
}

export type UploadAnswer = { kind: 'uploaded'; picture: UploadedPicture } | { kind: 'refused'; message: string };

type ActionValue = { ok: true; value: UploadedPicture & { hash: string } } | { ok: false; error: { message: string } };

const NOT_SENT = '图片没有传上去，可能是网络断了。请检查网络后再点一次“选一张照片上传”。';
const SIGNED_OUT = '登录已经过期，图片没有传上去。请在新窗口里重新登录，再回来上传。';

function uploadPath(): string {
  return getActionPath((actions as unknown as { media: { uploadImage: never } }).media.uploadImage);
}

/** What the server's answer means for the author: its words for a refusal, ours for anything else. */
export function readUploadAnswer(status: number, body: string): UploadAnswer {
  if (status === 401) return { kind: 'refused', message: SIGNED_OUT };
  if (status === 413) return { kind: 'refused', message: IMAGE_TOO_BIG };
  if (status !== 200) {
    try {
      const error = JSON.parse(body) as { message?: unknown };
      if ([400, 403].includes(status) && typeof error.message === 'string' && error.message !== '') return { kind: 'refused', message: error.message };
    } catch {
      // Not the action's JSON (a proxy's page): our words below.
    }
    return { kind: 'refused', message: NOT_SENT };
  }
  try {
    const value = parse(body) as ActionValue;
    if (!value.ok) return { kind: 'refused', message: value.error.message };
    return { kind: 'uploaded', picture: { src: value.value.src, width: value.value.width, height: value.value.height } };
  } catch {
    return { kind: 'refused', message: NOT_SENT };
  }
}

/** Sends one picture; `progress` gets the share sent so far (0–1). Never rejects. */
export function uploadPicture(file: File, progress: (share: number) => void): Promise<UploadAnswer> {
  if (file.size > MAX_IMAGE_BYTES) return Promise.resolve({ kind: 'refused', message: IMAGE_TOO_BIG });
  return new Promise((resolve) => {
    const request = new XMLHttpRequest();
    request.open('POST', uploadPath());
    request.setRequestHeader('Accept', 'application/json');
    request.upload.addEventListener('progress', (event) => {
      if (event.lengthComputable && event.total > 0) progress(event.loaded / event.total);
    });
    request.addEventListener('load', () => resolve(readUploadAnswer(request.status, request.responseText)));
    request.addEventListener('error', () => resolve({ kind: 'refused', message: NOT_SENT }));
    request.addEventListener('abort', () => resolve({ kind: 'refused', message: NOT_SENT }));
    const form = new FormData();
    form.set('file', file);
    request.send(form);
  });
}
