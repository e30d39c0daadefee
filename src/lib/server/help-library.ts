import { getCollection, getEntry } from 'astro:content';
import type { HelpGuide } from '../../schemas/content-entry';
import { HELP_CATEGORIES, helpCategoryByLabel, type HelpCategory } from '../help-guides';
import type { PhoneScreen } from '../../schemas/phone-screen';
import { isPublished } from './content-drafts';
import { resolvePractice, type PracticeData, type ScreenFamilies } from '../practice';

/**
 * The one source of the help centre's guides (content/help/*.mdx), the screens their pictures
 * are drawn from and their practice scenarios: /help/, the guide and print pages, the admin's list
 * and the help components ask here, never getCollection directly.
 */
export type { HelpGuide };

export interface GuideShelf {
  category: HelpCategory;
  guides: HelpGuide[];
}

function compareGuides(a: HelpGuide, b: HelpGuide): number {
  const categoryOrder = (guide: HelpGuide): number => HELP_CATEGORIES.findIndex((category) => category.label === guide.data.category);
  return categoryOrder(a) - categoryOrder(b) || a.data.order - b.data.order || a.id.localeCompare(b.id);
}

/** Every published guide, by category (in /help/'s tile order), then by its `order`. */
export async function listGuides(): Promise<HelpGuide[]> {
  const guides = await getCollection('helpGuides', isPublished);
  return guides.sort(compareGuides);
}

export async function getGuide(id: string): Promise<HelpGuide | undefined> {
  const guide = await getEntry('helpGuides', id);
  return guide && isPublished(guide) ? guide : undefined;
}

/** Each category with its published guides (a category with none is still listed, with none). */
export async function guideShelves(): Promise<GuideShelf[]> {
  const guides = await listGuides();
  return HELP_CATEGORIES.map((category) => ({ category, guides: guides.filter((guide) => guide.data.category === category.label) }));
}

/** The category a guide belongs to (the schema allows only known labels). */
export function guideCategory(guide: HelpGuide): HelpCategory {
  const category = helpCategoryByLabel(guide.data.category);
  if (!category) throw new Error(`guide ${guide.id}: unknown category ${guide.data.category}`);
  return category;
}

/** Guides whose steps have not yet been followed on a real phone (待真机核对), for the admins. */
export async function guidesWaitingForCheck(): Promise<HelpGuide[]> {
  return (await listGuides()).filter((guide) => guide.data.checkedAt === null);
}

/**
 * Every drawn screen, looked up by `<family>/<screen>` (Astro.locals.helpScreens, read by <Step>); a
 * name that matches nothing stops the build with a message saying which screens there are.
 */
export async function screenLookup(): Promise<(ref: string) => PhoneScreen> {
  const families = await screenFamilies();
  return (ref) => {
    const [family = '', name = ''] = ref.split('/');
    const screens = families.get(family)?.screens;
    if (!screens) throw new Error(`没有这组屏幕：${family}（应是 content/help/screens/${family}.yaml）`);
    const screen = screens[name];
    if (!screen) throw new Error(`屏幕组 ${family} 里没有 ${name}，已有：${Object.keys(screens).join('、')}`);
    return screen;
  };
}

/** The screen families (content/help/screens/<family>.yaml) by id. */
async function screenFamilies(): Promise<ScreenFamilies> {
  return new Map((await getCollection('helpScreens')).map((entry) => [entry.id, entry.data]));
}

/**
 * A guide's 动手练一练 (content/help/<guide>.practice.yaml) with its screens resolved into the plain
 * data the practice phone receives, or undefined when the guide has none. The guide page hands it
 * to <PracticeSection>. A screen or target that does not exist stops the build, in words.
 */
export async function guidePractice(guideId: string): Promise<PracticeData | undefined> {
  const scenario = await getEntry('helpPractice', guideId);
  return scenario ? resolvePractice(guideId, scenario.data, await screenFamilies()) : undefined;
}
