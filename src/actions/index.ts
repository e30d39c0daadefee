/** One file per domain; this only merges them. */
import { admin } from './admin';
import { auth } from './auth';
import { twoFactor } from './two-factor';
import { questionBank } from './question-bank';
import { practice } from './practice';
import { contest } from './contest';
import { contestSetup } from './contest-setup';
import { liaison } from './liaison';
import { activity } from './activity';
import { activitySetup } from './activity-setup';
import { calendar } from './calendar';
import { reflection } from './reflection';
import { guide } from './guide';
import { help } from './help';
import { media } from './media';
import { studio } from './studio';
import { studioReview } from './studio-review';
import { questionText } from './question-text';

export const server = { auth, admin, twoFactor, questionBank, practice, contest, contestSetup, liaison, activity, activitySetup, calendar, reflection, guide, help, media, studio, studioReview, questionText };
