import type { Access } from './permissions';

/**
 * Who may call each action (`server` in src/actions), checked by middleware before the input is
 * parsed and again by the handler (guardedAction). An action missing here is refused for everyone;
 * tests/unit/access-map.test.ts fails until it has an entry.
 */
export const ACTION_ACCESS: Readonly<Record<string, Access>> = {
  'auth.login': 'public',
  'auth.register': 'public',
  'auth.resetPassword': 'public',
  'auth.issueResetCode': 'learner.resetCode',
  'auth.closeAccount': 'account.self',
  'auth.changePassword': 'account.self',
  'auth.acceptPrivacy': 'account.self',
  'auth.logout': 'account.self',
  'auth.signOutDevice': 'account.self',
  'auth.setPartyJoinDate': 'account.self',
  'twoFactor.verify': 'second-step',
  'twoFactor.recover': 'second-step',
  'twoFactor.cancel': 'second-step',
  'twoFactor.enable': 'account.self',
  'twoFactor.regenerateRecoveryCodes': 'account.self',
  'twoFactor.disable': 'account.self',
  'admin.updateUser': 'user.manage',
  'admin.resetTwoFactor': 'user.manage',
  'admin.createBranch': 'branch.manage',
  'admin.renameBranch': 'branch.manage',
  'admin.createInvitation': 'invitation.issue',
  'admin.previewImport': 'import.learners',
  'admin.confirmImport': 'import.learners',
  'admin.recheckImport': 'import.learners',
  'liaison.createInvitation': 'invitation.issueOwnBranch',
  'questionBank.createBank': 'bank.edit',
  'questionBank.previewImport': 'bank.edit',
  'questionBank.confirmImport': 'bank.edit',
  'questionBank.recheckImport': 'bank.edit',
  'questionBank.saveQuestion': 'bank.edit',
  'questionBank.setPractice': 'bank.edit',
  'questionBank.retire': 'bank.edit',
  'questionBank.addSet': 'bank.edit',
  'questionText.previewDocument': 'bank.edit',
  'questionText.previewPaste': 'bank.edit',
  'practice.answer': 'practice.answer',
  'contest.start': 'contest.take',
  'contest.answer': 'contest.take',
  'contest.submit': 'contest.take',
  'contestSetup.save': 'contest.manage',
  'contestSetup.extraTime': 'contest.manage',
  'activity.signUp': 'activity.join',
  'activity.cancel': 'activity.join',
  'activity.undo': 'activity.join',
  'activitySetup.save': 'activity.manage',
  'activitySetup.move': 'activity.manage',
  'activitySetup.cancel': 'activity.manage',
  'activitySetup.signUpPerson': 'activity.manage',
  'activitySetup.cancelSignup': 'activity.manage',
  'activitySetup.checkIn': 'activity.manage',
  'activitySetup.walkIn': 'activity.manage',
  'calendar.resetFeed': 'activity.join',
  'reflection.write': 'activity.join',
  'reflection.approve': 'activity.manage',
  'reflection.reject': 'activity.manage',
  // 这篇有帮助吗 and the read counter: the guides are public, so are these.
  'guide.feedback': 'public',
  'guide.read': 'public',
  'help.ask': 'help.ask',
  'help.claim': 'help.answer',
  'help.handBack': 'help.answer',
  'help.close': 'help.answer',
  'help.recordActivityHours': 'activity.manage',
  'help.removeActivityHours': 'activity.manage',
  'help.correctRequestHours': 'help.manage',
  // Pictures for studio lessons and covers (10 MB body limit: src/lib/body-limits.ts).
  'media.uploadImage': 'studio.write',
  // The studio's review workflow: each handler asks again about the very course (owner, co-authors).
  'studioReview.submit': 'studio.write',
  'studioReview.sendBack': 'studio.review',
  'studioReview.approve': 'studio.review',
  'studioReview.unpublish': 'studio.review',
  'studioReview.restore': 'studio.write',
  // The instructor studio: each handler also checks the course (owner, co-authors, admins).
  'studio.createCourse': 'studio.write',
  'studio.importCourse': 'studio.write',
  'studio.saveCourse': 'studio.write',
  'studio.setCover': 'studio.write',
  'studio.addLesson': 'studio.write',
  'studio.moveLesson': 'studio.write',
  'studio.removeLesson': 'studio.write',
  'studio.saveLesson': 'studio.write',
  'studio.addAuthor': 'studio.write',
  'studio.removeAuthor': 'studio.write',
  'studio.transfer': 'studio.manage',
};

/** Pages (.astro under src/pages), by Astro's route pattern. A page missing here is refused. */
export const PAGE_ACCESS: Readonly<Record<string, Access>> = {
  '/': 'public',
  '/404': 'public',
  '/500': 'public',
  '/about': 'public',
  '/privacy': 'public',
  '/forbidden': 'public',
  '/busy': 'public',
  '/search': 'public',
  '/courses': 'public',
  '/courses/[course]': 'public',
  '/courses/[course]/[lesson]': 'public',
  // Studio courses and lessons (on request; the MDX ones above are prerendered).
  '/courses/[...studio]': 'public',
  '/films': 'public',
  '/films/[film]': 'public',
  // 重温入党誓词: public, branches show it on a hall screen in 主题党日.
  '/oath': 'public',
  '/oath/screen': 'public',
  // 智慧助老: the anti-fraud corner is for everyone.
  '/help/fraud': 'public',
  '/certificates/[code]': 'public',
  '/login': 'public',
  '/register': 'public',
  '/reset': 'public',
  // The page itself explains an expired half-finished sign-in; its actions need one.
  '/login/two-factor': 'public',
  '/contests': 'public',
  '/contests/[id]': 'public',
  '/contests/[id]/question/[n]': 'contest.take',
  '/contests/[id]/review': 'contest.take',
  '/contests/[id]/result': 'contest.take',
  // Everyone once it is over; `results.viewLive` while it runs (the page asks can()).
  '/contests/[id]/results': 'signed-in',
  '/me': 'signed-in',
  '/me/messages': 'account.self',
  // The activity schedule and each activity's page: anyone reads them; 报名 needs signing in.
  '/screenings': 'public',
  '/screenings/[id]': 'public',
  '/me/calendar': 'activity.join',
  '/screenings/[id]/reflection': 'activity.join',
  // The full list of sections (菜单): each shown only to people its page's own rule admits.
  '/menu': 'public',
  '/account': 'account.self',
  '/account/close': 'account.self',
  '/account/two-factor': 'account.self',
  '/account/password': 'account.self',
  '/account/notices': 'account.self',
  '/privacy/accept': 'account.self',
  '/practice': 'practice.answer',
  '/practice/daily': 'practice.answer',
  '/practice/quiz': 'practice.answer',
  '/practice/wrong': 'practice.answer',
  '/admin': 'stats.site',
  '/admin/users': 'user.manage',
  '/admin/branches': 'branch.manage',
  '/admin/invitations': 'invitation.issue',
  '/admin/import': 'import.learners',
  '/admin/reset-codes': 'learner.resetCode',
  '/admin/audit': 'audit.read',
  /** 运行情况: health in words, today's counts, recent errors and slow requests. */
  '/admin/ops': 'stats.site',
  '/liaison': 'invitation.issueOwnBranch',
  '/liaison/progress': 'branch.progress',
  '/studio': 'studio.view',
  '/studio/courses/[course]': 'studio.view',
  // The page also checks studio.write on that course (owner, co-authors, admins).
  '/studio/write/[id]/lessons/[lessonId]/preview': 'studio.write',
  // Studio courses waiting for review, and one of them to read (not one's own: the page asks can()).
  '/studio/review': 'studio.review',
  '/studio/review/[id]': 'studio.review',
  // A course's published versions: its authors and admins, and reviewers (the page asks can()).
  '/studio/write/[id]/versions': 'studio.write',
  // The studio's drafts: each page also checks the course (owner, co-authors, admins).
  '/studio/write': 'studio.write',
  '/studio/write/new': 'studio.write',
  '/studio/write/import': 'studio.write',
  '/studio/write/[id]': 'studio.write',
  '/studio/write/[id]/lessons/[lessonId]': 'studio.write',
  '/organiser': 'bank.edit',
  '/organiser/banks/[id]': 'bank.edit',
  '/organiser/banks/[id]/import': 'bank.edit',
  '/organiser/banks/[id]/questions/[question]': 'bank.edit',
  '/organiser/contests': 'contest.manage',
  '/organiser/contests/new': 'contest.manage',
  '/organiser/contests/[id]': 'contest.manage',
  '/organiser/contests/[id]/edit': 'contest.manage',
  '/organiser/contests/[id]/attempts/[attempt]': 'contest.manage',
  '/organiser/activities': 'activity.manage',
  '/organiser/activities/new': 'activity.manage',
  '/organiser/activities/[id]': 'activity.manage',
  '/organiser/activities/[id]/edit': 'activity.manage',
  '/organiser/activities/[id]/move': 'activity.manage',
  '/organiser/activities/[id]/cancel': 'activity.manage',
  '/organiser/activities/[id]/checkin': 'activity.manage',
  '/organiser/activities/[id]/sheet': 'activity.manage',
  '/organiser/activities/[id]/poster': 'activity.manage',
  '/organiser/reflections': 'activity.manage',
  '/help': 'public',
  '/help/[guide]': 'public',
  '/help/[guide]/print': 'public',
  '/help/[guide]/feedback': 'public',
  '/admin/help': 'help.manage',
  // 智慧助老 help requests: each request's page also checks it is the person's own, claimed by them, or they are an admin.
  '/help/ask': 'help.ask',
  '/help/ask/[id]': 'help.ask',
  '/volunteer': 'help.answer',
  '/admin/volunteer-hours': 'help.manage',
};

/** Endpoints (.ts under src/pages): refusals are JSON. An endpoint missing here is refused. */
export const ENDPOINT_ACCESS: Readonly<Record<string, Access>> = {
  '/api/health': 'public',
  '/api/preferences': 'public',
  '/api/prefs.css': 'public',
  '/api/progress': 'account.self',
  '/api/progress/merge': 'account.self',
  '/api/me/record.csv': 'account.self',
  '/admin/import/template.csv': 'import.learners',
  '/organiser/template': 'bank.edit',
  '/organiser/banks/[id]/export': 'bank.edit',
  '/organiser/contests/[id]/results.xlsx': 'contest.manage',
  '/organiser/activities/[id]/roster.xlsx': 'activity.manage',
  '/studio/courses/[course]/export': 'studio.view',
  // A studio course's draft as a course folder (zip): the endpoint also checks the course (owner, co-authors, admins).
  '/studio/write/[id]/export.zip': 'studio.write',
  // Calendar files: one public activity, and the personal feed whose unguessable token is the key.
  '/screenings/[id]/calendar.ics': 'public',
  '/calendar/[token].ics': 'public',
  '/admin/volunteer-hours.xlsx': 'help.manage',
  // Uploaded pictures and the live search index (its files' names change with every rebuild).
  '/media/[...upload]': 'public',
  // Pictures that came in a course folder of content/ (prerendered: src/lib/server/course-media.ts).
  '/media/[file]': 'public',
  '/search-index/[...file]': 'public',
};

export function actionAccess(name: string): Access | undefined {
  // The browser's action client calls /_actions/<name>/ (with the trailing slash), and Astro runs
  // the action of that name all the same: the rule must be the same too.
  const key = name.replace(/\/$/, '');
  return Object.hasOwn(ACTION_ACCESS, key) ? ACTION_ACCESS[key] : undefined;
}

export type RouteRule = { access: Access; endpoint: boolean };

/** The rule for a route pattern (`context.routePattern`), or undefined: refused. */
export function routeRule(pattern: string): RouteRule | undefined {
  if (Object.hasOwn(PAGE_ACCESS, pattern)) return { access: PAGE_ACCESS[pattern] as Access, endpoint: false };
  if (Object.hasOwn(ENDPOINT_ACCESS, pattern)) return { access: ENDPOINT_ACCESS[pattern] as Access, endpoint: true };
  return undefined;
}
