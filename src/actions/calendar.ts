import { z } from '../schemas/zod';
import { getDb } from '../lib/server/db';
import { guardedAction } from '../lib/server/guarded-action';
import { ok } from '../lib/result';
import { FEED_RESET_MESSAGE, resetFeedToken } from '../lib/server/calendar-feed';

/** The personal calendar subscription. */
export const calendar = {
  /** A new feed address; the old one stops working (the page asked first, in words). */
  resetFeed: guardedAction('activity.join', {
    input: z.object({}),
    handler: async (_input, _context, user) => {
      await resetFeedToken(await getDb(), user.id);
      return ok(FEED_RESET_MESSAGE);
    },
  }),
};
