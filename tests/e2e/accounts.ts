import type { Page } from '@playwright/test';
import { decodeBase32 } from '@oslojs/encoding';
import { codeAt } from '../../src/lib/two-factor-rules';

export const E2E_DB_URL = 'file:tests/.tmp/e2e.db';
export const E2E_PASSWORD = '我家门前有棵枣树';
export const E2E_INVITATION = 'E2EINVITE';
/** The server's secret key in browser tests (set for the server and for the global set-up). */
export const E2E_SECRET_KEY = 'playwright-secret-key-0123456789abcdef0123';
/** Accounts with `totp` sign in with this authenticator key. */
export const E2E_TOTP_KEY = 'E2ETESTKEYFORTWOSTEPSIGNIN222222';

type E2eUser = { phone: string; name: string; roles?: Array<'learner' | 'instructor' | 'organiser' | 'admin' | 'liaison'>; totp?: boolean; privacyPending?: boolean; volunteer?: boolean };
/**
 * One account per test that signs in, so parallel tests never share progress, and no two sign-ins
 * reuse one authenticator code (each code is accepted once).
 */
export const E2E_USERS: Record<string, E2eUser> = {
  signIn: { phone: '13900000011', name: '测试甲' },
  progress: { phone: '13900000012', name: '测试乙' },
  merge: { phone: '13900000013', name: '测试丙' },
  devices: { phone: '13900000014', name: '测试丁' },
  a11y: { phone: '13900000015', name: '测试戊' },
  certificate: { phone: '13900000016', name: '测试己' },
  forgetful: { phone: '13900000017', name: '测试庚' },
  closer: { phone: '13900000019', name: '测试壬' },
  admin: { phone: '13900000020', name: '管理员癸', roles: ['learner', 'admin'], totp: true },
  adminImport: { phone: '13900000022', name: '管理员子', roles: ['learner', 'admin'], totp: true },
  adminUsers: { phone: '13900000023', name: '管理员丑', roles: ['learner', 'admin'], totp: true },
  adminInvites: { phone: '13900000024', name: '管理员寅', roles: ['learner', 'admin'], totp: true },
  adminA11y: { phone: '13900000025', name: '管理员卯', roles: ['learner', 'admin'], totp: true },
  newAdmin: { phone: '13900000026', name: '新管理员', roles: ['learner', 'admin'] },
  twoStep: { phone: '13900000027', name: '两步学员' },
  lostPhone: { phone: '13900000028', name: '丢手机', totp: true },
  adminHelper: { phone: '13900000029', name: '管理员辰', roles: ['learner', 'admin'], totp: true },
  disableMe: { phone: '13900000021', name: '待停用' },
  instructor: { phone: '13900000018', name: '讲师辛', roles: ['learner', 'instructor'] },
  organiser: { phone: '13900000030', name: '组织者巳', roles: ['learner', 'organiser'] },
  practiceOrganiser: { phone: '13900000031', name: '组织者午', roles: ['learner', 'organiser'] },
  practiser: { phone: '13900000032', name: '练习学员' },
  contestOrganiser: { phone: '13900000033', name: '组织者未', roles: ['learner', 'organiser'] },
  contestant: { phone: '13900000034', name: '答题学员' },
  contestLate: { phone: '13900000035', name: '超时学员' },
  contestSlowNetwork: { phone: '13900000480', name: '慢网学员' },
  contestLeak: { phone: '13900000036', name: '偷看学员' },
  contestWinner: { phone: '13900000037', name: '获奖学员' },
  contestA11y: { phone: '13900000038', name: '无障碍学员' },
  contestStats: { phone: '13900000039', name: '组织者申', roles: ['learner', 'organiser'] },
  contestRules: { phone: '13900000071', name: '规则学员' },
  contestHall: { phone: '13900000072', name: '组织者酉', roles: ['learner', 'organiser'] },
  contestHallViewer: { phone: '13900000073', name: '大屏学员' },
  /** Created as an import creates people: has not yet agreed to the 个人信息保护说明. */
  imported: { phone: '13900000040', name: '导入学员', privacyPending: true },
  passwordChanger: { phone: '13900000041', name: '改密码学员' },
  liaison: { phone: '13900000042', name: '联络员酉', roles: ['learner', 'liaison'] },
  liaisonMember: { phone: '13900000043', name: '支部学员戌' },
  otherBranchMember: { phone: '13900000044', name: '外支部学员亥' },
  auditAdmin: { phone: '13900000045', name: '管理员巳', roles: ['learner', 'admin'], totp: true },
  rotator: { phone: '13900000046', name: '换令牌学员', totp: true },
  // Landing pages, lessons, focus after posts and target sizes (flow.spec.ts, targets.spec.ts).
  flowLearner: { phone: '13900000150', name: '流程学员' },
  flowInstructor: { phone: '13900000151', name: '流程讲师', roles: ['learner', 'instructor'] },
  flowOrganiser: { phone: '13900000152', name: '流程组织者', roles: ['learner', 'organiser'] },
  flowAdmin: { phone: '13900000153', name: '流程管理员', roles: ['learner', 'admin'], totp: true },
  flowLiaison: { phone: '13900000154', name: '流程联络员', roles: ['learner', 'liaison'] },
  flowReader: { phone: '13900000155', name: '读书学员' },
  flowContestant: { phone: '13900000156', name: '聚焦学员' },
  flowLanding: { phone: '13900000157', name: '落地讲师', roles: ['learner', 'instructor'] },
  flowLandingOrganiser: { phone: '13900000158', name: '落地组织者', roles: ['learner', 'organiser'] },
  flowNoScript: { phone: '13900000159', name: '不用脚本学员' },
  flowPassword: { phone: '13900000162', name: '聚焦改密码学员' },
  navNew: { phone: '13900000090', name: '新学员' },
  navProgress: { phone: '13900000091', name: '学着的学员' },
  navLearner: { phone: '13900000092', name: '菜单学员' },
  navInstructor: { phone: '13900000093', name: '菜单讲师', roles: ['learner', 'instructor'] },
  navOrganiser: { phone: '13900000094', name: '菜单组织者', roles: ['learner', 'organiser'] },
  navLiaison: { phone: '13900000095', name: '菜单联络员', roles: ['learner', 'liaison'] },
  navAdmin: { phone: '13900000096', name: '菜单管理员', roles: ['learner', 'admin'], totp: true },
  navContestant: { phone: '13900000097', name: '量标题学员' },
  navA11y: { phone: '13900000098', name: '首页无障碍学员' },
  targetsContestant: { phone: '13900000160', name: '量尺寸学员' },
  navReturning: { phone: '13900000161', name: '回头学员' },
  // The activity schedule, learner side (screenings.spec.ts): 13900000280–299.
  screeningBrowser: { phone: '13900000280', name: '看安排学员' },
  screeningPhone: { phone: '13900000281', name: '报名学员' },
  screeningFirst: { phone: '13900000282', name: '先报名学员' },
  screeningWaiter: { phone: '13900000283', name: '候补学员' },
  screeningA11y: { phone: '13900000284', name: '活动无障碍学员' },
  screeningTargets: { phone: '13900000285', name: '活动尺寸学员' },
  screeningReturn: { phone: '13900000286', name: '登录回来学员' },
  screeningHeader: { phone: '13900000287', name: '消息学员' },
  screeningInbox: { phone: '13900000288', name: '收消息学员' },
  screeningReminder: { phone: '13900000289', name: '明天参加学员' },
  screeningAttended: { phone: '13900000290', name: '参加过学员' },
  // Review fixes of the learner's schedule pages: 13900000310–319.
  screeningLastSeat: { phone: '13900000310', name: '最后一座学员' },
  // The film library (films.spec.ts): the author of an approved 观后感.
  filmReviewer: { phone: '13900000200', name: '观影学员' },
  // The organiser's side of the activity schedule (activity-organiser.spec.ts): 13900000220–239.
  activityOrganiser: { phone: '13900000220', name: '活动组织者', roles: ['learner', 'organiser'] },
  activityDoor: { phone: '13900000221', name: '门口组织者', roles: ['learner', 'organiser'] },
  activityMember: { phone: '13900000222', name: '观影学员甲' },
  activityMember2: { phone: '13900000223', name: '观影学员乙' },
  activityPrint: { phone: '13900000225', name: '打印组织者', roles: ['learner', 'organiser'] },
  activityA11y: { phone: '13900000226', name: '无障碍组织者', roles: ['learner', 'organiser'] },
  // 观后感 and the calendar subscription (calendar-reflections.spec.ts, pages.ts).
  reflectionWriter: { phone: '13900000240', name: '观后感学员' },
  reflectionOrganiser: { phone: '13900000241', name: '审核组织者', roles: ['learner', 'organiser'] },
  calendarLearner: { phone: '13900000242', name: '日历学员' },
  reflectionAbsent: { phone: '13900000243', name: '没签到学员' },
  // 智慧助老 guides: 这篇有帮助吗 as a signed-in reader, and the admins' list (help-guides.spec.ts).
  helpReader: { phone: '13900000320', name: '指南读者' },
  helpAdmin: { phone: '13900000321', name: '指南管理员', roles: ['learner', 'admin'], totp: true },
  helpAdminA11y: { phone: '13900000322', name: '指南管理员乙', roles: ['learner', 'admin'], totp: true },
  // The anti-fraud corner and its practice set (help-fraud.spec.ts): 13900000400–419.
  fraudOrganiser: { phone: '13900000400', name: '防诈骗组织者', roles: ['learner', 'organiser'] },
  // 智慧助老 help requests and volunteer hours (help-requests.spec.ts): 13900000360–399.
  helpAsker: { phone: '13900000360', name: '求助学员' },
  helpVolunteer: { phone: '13900000361', name: '辅导员甲', volunteer: true },
  helpRacerA: { phone: '13900000362', name: '辅导员乙', volunteer: true },
  helpRacerB: { phone: '13900000363', name: '辅导员丙', volunteer: true },
  helpRaceAsker: { phone: '13900000364', name: '等人帮学员' },
  helpSnoop: { phone: '13900000365', name: '好奇学员' },
  helpA11yAsker: { phone: '13900000366', name: '求助无障碍学员' },
  helpA11yVolunteer: { phone: '13900000367', name: '无障碍辅导员', volunteer: true },
  hoursAdmin: { phone: '13900000368', name: '管理员时间银行', roles: ['learner', 'admin'], totp: true },
  helpAdminExport: { phone: '13900000371', name: '管理员导出时长', roles: ['learner', 'admin'], totp: true },
  helpOrganiser: { phone: '13900000369', name: '记时长组织者', roles: ['learner', 'organiser'] },
  helpActivityVolunteer: { phone: '13900000370', name: '活动辅导员', volunteer: true },
  // Uploaded pictures and the live search index (media-search.spec.ts): 13900000600–619.
  mediaInstructor: { phone: '13900000600', name: '传图讲师', roles: ['learner', 'instructor'] },
  mediaLearner: { phone: '13900000601', name: '传图学员' },
  // Flag revocation and the export's rows (help-requests.spec.ts): 13900000420–439.
  helpRevokeVolunteer: { phone: '13900000420', name: '被取消辅导员', volunteer: true },
  helpRevokeAsker: { phone: '13900000421', name: '交回求助学员' },
  helpRevokeAdmin: { phone: '13900000422', name: '管理员取消资格', roles: ['learner', 'admin'], totp: true },
  helpExportVolunteer: { phone: '13900000423', name: '导出辅导员', volunteer: true },
  helpFlagLearner: { phone: '13900000424', name: '新任辅导员' },
  // 霞光时间银行 corrections (volunteer-hours.spec.ts): 13900000440–459.
  // The studio's review workflow (studio-review.spec.ts): 13900000560–579. Reviewer flags are set in the spec.
  reviewAuthor: { phone: '13900000560', name: '审核流程讲师', roles: ['learner', 'instructor'] },
  reviewReviewer: { phone: '13900000561', name: '审核流程审核员', roles: ['learner', 'instructor'] },
  reviewAdmin: { phone: '13900000562', name: '审核流程管理员', roles: ['learner', 'admin'], totp: true },
  versionAuthor: { phone: '13900000563', name: '版本讲师', roles: ['learner', 'instructor'] },
  versionReviewer: { phone: '13900000564', name: '版本审核员', roles: ['learner', 'instructor'] },
  reviewA11yAuthor: { phone: '13900000565', name: '无障碍课程讲师', roles: ['learner', 'instructor'] },
  reviewA11yReviewer: { phone: '13900000566', name: '无障碍审核员', roles: ['learner', 'instructor'] },
  hoursOrganiser: { phone: '13900000440', name: '更正组织者', roles: ['learner', 'organiser'] },
  hoursHelper: { phone: '13900000441', name: '银发辅导员', volunteer: true },
  hoursAsker: { phone: '13900000442', name: '时长求助学员' },
  hoursCorrector: { phone: '13900000443', name: '更正时长管理员', roles: ['learner', 'admin'], totp: true },
  // The studio's lesson editor (lesson-editor.spec.ts): 13900000580–599.
  editorWide: { phone: '13900000580', name: '编辑讲师甲', roles: ['learner', 'instructor'] },
  editorNarrow: { phone: '13900000581', name: '编辑讲师乙', roles: ['learner', 'instructor'] },
  editorSource: { phone: '13900000582', name: '编辑讲师丙', roles: ['learner', 'instructor'] },
  editorSignOut: { phone: '13900000583', name: '编辑讲师丁', roles: ['learner', 'instructor'] },
  editorTabs: { phone: '13900000584', name: '编辑讲师戊', roles: ['learner', 'instructor'] },
  editorA11y: { phone: '13900000585', name: '编辑讲师己', roles: ['learner', 'instructor'] },
  editorLeave: { phone: '13900000586', name: '编辑讲师庚', roles: ['learner', 'instructor'] },
  // Studio courses on the learners' side (studio-learner.spec.ts): 13900000520–539.
  studioLearner: { phone: '13900000520', name: '工作室课学员' },
  studioReorder: { phone: '13900000521', name: '改版课学员' },
  studioOwner: { phone: '13900000522', name: '工作室讲师甲', roles: ['learner', 'instructor'] },
  studioStranger: { phone: '13900000523', name: '工作室讲师乙', roles: ['learner', 'instructor'] },
  studioSignedOut: { phone: '13900000524', name: '工作室课读者' },
  // Moving courses between the studio and course folders (studio-move.spec.ts): 13900000620–629.
  moveAuthor: { phone: '13900000620', name: '搬课讲师', roles: ['learner', 'instructor'] },
  // Column matching and 花名册 imports (import-sheets.spec.ts): 13900000760–769 (770–779 are the roster's people).
  sheetsOrganiser: { phone: '13900000760', name: '组织者对列', roles: ['learner', 'organiser'] },
  sheetsAdmin: { phone: '13900000761', name: '管理员花名册', roles: ['learner', 'admin'], totp: true },
  // The instructor studio's drafts (studio-write.spec.ts): 13900000540–559.
  studioAuthor: { phone: '13900000540', name: '编课讲师甲', roles: ['learner', 'instructor'] },
  studioCoAuthor: { phone: '13900000541', name: '合作讲师乙', roles: ['learner', 'instructor'] },
  writeStranger: { phone: '13900000542', name: '别的讲师丙', roles: ['learner', 'instructor'] },
  writeLearner: { phone: '13900000543', name: '好奇学员丁' },
  studioA11y: { phone: '13900000544', name: '无障碍讲师戊', roles: ['learner', 'instructor'] },
  // The 图片 block's upload and the no-JS upload form (studio-image.spec.ts): 13900000640–659.
  imageWide: { phone: '13900000640', name: '传图讲师甲', roles: ['learner', 'instructor'] },
  imageNarrow: { phone: '13900000641', name: '传图讲师乙', roles: ['learner', 'instructor'] },
  imageNoScript: { phone: '13900000642', name: '传图讲师丙', roles: ['learner', 'instructor'] },
  imageA11y: { phone: '13900000643', name: '传图讲师丁', roles: ['learner', 'instructor'] },
  // One unbroken studio flow, writing to republishing (studio-flow.spec.ts): 13900000680–699. The reviewer flag is set in the spec.
  flowCourseAuthor: { phone: '13900000680', name: '全程讲师', roles: ['learner', 'instructor'] },
  flowCourseReviewer: { phone: '13900000681', name: '全程审核员', roles: ['learner', 'instructor'] },
  flowCourseLearner: { phone: '13900000682', name: '全程学员' },
  // Question banks from Word documents and pasted text (question-text-import.spec.ts): 13900000780–799.
  pasteOrganiser: { phone: '13900000780', name: '粘贴组织者', roles: ['learner', 'organiser'] },
  wordOrganiser: { phone: '13900000781', name: '文档组织者', roles: ['learner', 'organiser'] },
  // 政治生日 (oath.spec.ts): 13900000800–819.
  birthdayMember: { phone: '13900000800', name: '政治生日党员' },
  joinDateTypist: { phone: '13900000801', name: '填日期党员' },
  // Every file chooser on a 320 px phone at 特大 (upload-fields.spec.ts): 13900000940–949.
  uploadAdmin: { phone: '13900000940', name: '上传管理员', roles: ['learner', 'admin'], totp: true },
  uploadOrganiser: { phone: '13900000941', name: '上传组织者', roles: ['learner', 'organiser'] },
  uploadInstructor: { phone: '13900000942', name: '上传讲师', roles: ['learner', 'instructor'] },
};

export async function signInAs(page: Page, phone: string, next = '/me/'): Promise<void> {
  await page.goto(`/login/?next=${encodeURIComponent(next)}`);
  await page.getByLabel('手机号').fill(phone);
  await page.getByLabel('密码', { exact: true }).fill(E2E_PASSWORD);
  await page.getByRole('button', { name: '登录' }).click();
  if (Object.values(E2E_USERS).find((user) => user.phone === phone)?.totp) {
    await page.waitForURL((url) => url.pathname === '/login/two-factor/');
    await page.getByLabel('验证码（6位数字）').fill(authenticatorCode());
    await page.getByRole('button', { name: '确认登录' }).click();
  }
  await page.waitForURL((url) => url.pathname === next);
}

/** What an authenticator app holding `key` shows now (30 seconds later with `ahead`). */
export function authenticatorCode(key = E2E_TOTP_KEY, ahead = 0): string {
  return codeAt(decodeBase32(key.replace(/\s/g, '')), Date.now() + ahead * 30_000);
}
