import { z } from '../schemas/zod';
import { getDb } from '../lib/server/db';
import { guardedAction } from '../lib/server/guarded-action';
import { ok } from '../lib/result';
import { resetFeedToken } from '../lib/server/calendar-feed';

/** The personal calendar subscription. */
export const calendar = {
  /** A new feed address; the old one stops working (the page asked first, in words). */
  resetFeed: guardedAction('activity.join', {
    input: z.object({}),
    handler: async (_input, _context, user) => {
      await resetFeedToken(await getDb(), user.id);
      return ok('已换成新的订阅地址，旧地址已经停用。请用下面的新地址在手机上重新订阅。');
    },
  }),
};
