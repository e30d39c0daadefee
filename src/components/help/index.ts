/**
 * The components an author may use in a help guide's MDX (content/help/*.mdx), with no import:
 * every guide is rendered with `helpComponents`. Each checks its props with a zod schema
 * (src/schemas/help-components.ts) and says in words what is wrong.
 *
 * | MDX tag | 中文名 | use |
 * | --- | --- | --- |
 * | `<Steps>` + `<Step screen="wechat/chat" tap="plus" button="＋">` | 步骤 | numbered steps, one action each, with the drawn screen and where to tap |
 * | `<Variant platform="android">` / `"iphone"` | 安卓 / 苹果 | what only one kind of phone shows (set `variants: true`) |
 * | `<PlatformSwitch />` | 选手机 | the 安卓手机 / 苹果手机 choice (the guide page adds it for guides with variants) |
 * | `<SafetyReminder topic="money">` | 安全提醒 | the anti-fraud reminder a `sensitive: true` guide ends with |
 */
import type { HELP_COMPONENT_PROPS } from '../../schemas/help-components';
import Steps from './Steps.astro';
import Step from './Step.astro';
import Variant from './Variant.astro';
import PlatformSwitch from './PlatformSwitch.astro';
import SafetyReminder from './SafetyReminder.astro';

export { Steps, Step, Variant, PlatformSwitch, SafetyReminder };

/** Keyed like HELP_COMPONENT_PROPS (src/schemas/help-components.ts), the schemas of their attributes. */
export const helpComponents = { Steps, Step, Variant, PlatformSwitch, SafetyReminder } satisfies Record<keyof typeof HELP_COMPONENT_PROPS, unknown>;
