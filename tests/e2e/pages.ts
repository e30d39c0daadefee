/** One URL per page type, shared by the accessibility, reflow and target-size checks. */
export const PAGE_TYPES = {
  home: '/',
  catalog: '/courses/',
  catalogFiltered: '/courses/?theme=red-education',
  course: '/courses/party-spirit/',
  lesson: '/courses/party-spirit/constitution-and-oath/',
  about: '/about/',
  search: '/search/?q=红船',
  notFound: '/no-such-page/',
  login: '/login/',
  register: '/register/',
  privacy: '/privacy/',
  menu: '/menu/?back=%2Fcourses%2F',
  schedule: '/screenings/',
  scheduleFiltered: '/screenings/?kind=film',
  films: '/films/',
  film: '/films/shangganling/',
  help: '/help/',
  helpCategory: '/help/?category=site',
  guide: '/help/site-login/',
  guidePrint: '/help/site-login/print/',
  guideFeedback: '/help/site-login/feedback/',
  oath: '/oath/',
} as const;

export const TEXT_SIZES = ['20', '24', '30'] as const;

/** Pages that need a signed-in learner. */
export const SIGNED_IN_PAGES = { me: '/me/', account: '/account/', twoFactor: '/account/two-factor/', password: '/account/password/', messages: '/me/messages/' } as const;

/**
 * Every other page, by who can open it, for the target-size and wording checks (targets.spec.ts);
 * the key names the account that signs in (tests/e2e/accounts.ts), visitor means signed out.
 */
export const PAGES_BY_ACCOUNT = {
  visitor: ['/reset/', '/contests/', ...Object.values(PAGE_TYPES)],
  flowLearner: ['/practice/', '/practice/daily/', '/practice/wrong/', '/account/notices/', '/me/calendar/', ...Object.values(SIGNED_IN_PAGES)],
  flowInstructor: ['/studio/', '/studio/courses/red-spirit/', '/admin/reset-codes/'],
  flowOrganiser: ['/organiser/', '/organiser/contests/', '/organiser/contests/new/', '/organiser/activities/', '/organiser/activities/new/', '/organiser/reflections/'],
  flowLiaison: ['/liaison/', '/liaison/progress/'],
  flowAdmin: ['/admin/', '/admin/users/', '/admin/branches/', '/admin/invitations/', '/admin/import/', '/admin/audit/', '/admin/help/', '/admin/ops/'],
} as const;

/**
 * Pages that need data of their own (a contest, its attempt, a bank): targets.spec.ts creates it
 * and measures these too. `{contest}` and `{bank}` stand for the ids it created.
 */
export const CONTEST_PAGES = {
  /** The contestant, in the order they reach them: before starting, a question, the review, after handing in. */
  contestant: ['/contests/{contest}/', '/contests/{contest}/question/1/', '/contests/{contest}/review/', '/contests/{contest}/result/'],
  organiser: ['/organiser/banks/{bank}/', '/organiser/contests/{contest}/', '/contests/{contest}/results/'],
} as const;

/**
 * The organiser's pages about one activity: activity-organiser.spec.ts creates one and measures
 * these (target sizes at every text size, axe). `{activity}` stands for its id.
 */
export const ACTIVITY_PAGES = {
  organiser: [
    '/organiser/activities/{activity}/',
    '/organiser/activities/{activity}/edit/',
    '/organiser/activities/{activity}/move/',
    '/organiser/activities/{activity}/cancel/',
    '/organiser/activities/{activity}/checkin/',
    '/organiser/activities/{activity}/sheet/',
    '/organiser/activities/{activity}/poster/',
  ],
} as const;

/**
 * An activity's page (screenings.spec.ts creates the activity): `{activity}` stands for its id. The
 * page is checked signed out, signed in before signing up, signed up with the 取消报名 confirmation
 * open, and just after cancelling (撤销).
 */
export const SCREENING_PAGES = {
  activity: '/screenings/{activity}/',
  confirmCancel: '/screenings/{activity}/?cancel=1',
} as const;
