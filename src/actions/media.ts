import { z } from 'zod';
import { getDb } from '../lib/server/db';
import { guardedAction } from '../lib/server/guarded-action';
import { storeUploadedImage } from '../lib/server/media';
import { NO_IMAGE } from '../lib/server/upload-guard';

export const media = {
  /**
   * A picture for a studio lesson or a course cover (multipart form with `file`): answers
   * `{ hash, src, width, height }`. The only action allowed a 10 MB body (src/lib/body-limits.ts).
   */
  uploadImage: guardedAction('studio.write', {
    input: z.object({ file: z.instanceof(File, { message: NO_IMAGE }) }),
    handler: async (input, _context, user) => storeUploadedImage(await getDb(), input.file, user.id),
  }),
};
