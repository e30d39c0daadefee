import type { IconName } from './navigation';

/**
 * The help centre's categories, in the order /help/ shows its tiles. The label is what authors
 * write in a guide's frontmatter (`category: 微信`); the id is the stable form used in addresses
 * (`/help/?category=wechat`). Add a category by adding a row.
 */
export const HELP_CATEGORIES = [
  { id: 'basics', label: '手机基础', icon: 'phone', blurb: '字大一点、连上无线网、装卸应用、清理内存。' },
  { id: 'wechat', label: '微信', icon: 'group', blurb: '视频通话、发语音、发照片、加好友、群聊。' },
  { id: 'pay-safety', label: '支付与安全', icon: 'check', blurb: '微信支付，识别诈骗短信和电话。' },
  { id: 'travel', label: '出行', icon: 'calendar', blurb: '叫网约车，坐公交地铁用乘车码。' },
  { id: 'medical', label: '就医', icon: 'heart', blurb: '在手机上预约挂号，用医保电子凭证。' },
  { id: 'site', label: '本站使用', icon: 'book', blurb: '登录、学课程、参加竞赛、报名观影。' },
] as const satisfies ReadonlyArray<{ id: string; label: string; icon: IconName; blurb: string }>;

export type HelpCategory = (typeof HELP_CATEGORIES)[number];
export type HelpCategoryLabel = HelpCategory['label'];
export type HelpCategoryId = HelpCategory['id'];

export const HELP_CATEGORY_LABELS = HELP_CATEGORIES.map((category) => category.label) as [HelpCategoryLabel, ...HelpCategoryLabel[]];

export function helpCategoryByLabel(label: string): HelpCategory | undefined {
  return HELP_CATEGORIES.find((category) => category.label === label);
}

export function helpCategoryById(id: string | null | undefined): HelpCategory | undefined {
  return HELP_CATEGORIES.find((category) => category.id === id);
}

/** The two kinds of phone a guide's steps may differ for; the switch on a guide remembers the choice. */
export const PHONE_PLATFORMS = [
  { id: 'android', label: '安卓手机' },
  { id: 'iphone', label: '苹果手机' },
] as const;
export type PhonePlatformId = (typeof PHONE_PLATFORMS)[number]['id'];

/** What a guide says in place of the date its steps were checked on a real phone, until they are. */
export const NOT_YET_CHECKED = '待真机核对';

export const HELP_PATH = '/help/';
export const HELP_ASK_PATH = '/help/ask/';

export function guidePath(guideId: string): string {
  return `${HELP_PATH}${guideId}/`;
}

export function guidePrintPath(guideId: string): string {
  return `${HELP_PATH}${guideId}/print/`;
}

/** The day a guide's steps were checked, 2026年11月30日, or 待真机核对 when they have not been. */
export function checkedText(checkedAt: string | null): string {
  if (checkedAt === null) return NOT_YET_CHECKED;
  const [year, month, day] = checkedAt.split('-').map(Number);
  return `${year}年${month}月${day}日`;
}

/** What the guide names as the app and version its steps follow: 微信 8.0. */
export function appText(guide: { app: string; appVersion: string }): string {
  return guide.appVersion.startsWith(guide.app) ? guide.appVersion : `${guide.app} ${guide.appVersion}`;
}

/** Most-read first (/help/); guides read equally often keep the order they came in. */
export function mostReadFirst<T extends { id: string }>(guides: readonly T[], reads: ReadonlyMap<string, number>): T[] {
  return guides
    .map((guide, index) => ({ guide, index, reads: reads.get(guide.id) ?? 0 }))
    .sort((a, b) => b.reads - a.reads || a.index - b.index)
    .map(({ guide }) => guide);
}

/** 这篇有帮助吗, confirmed in words after the answer is recorded. */
export const FEEDBACK_THANKS = {
  helpful: '谢谢您！已经记下：这篇指南对您有帮助。',
  notHelpful: '谢谢您！已经记下：这篇指南没帮上您。我们会照您说的把它改好。',
} as const;
