import { z } from './zod';
import { screenRefSchema } from './phone-screen';
import { PHONE_PLATFORMS } from '../lib/help-guides';
import { SAFETY_TOPICS } from '../lib/help-safety';

/**
 * The props of the help vocabulary (src/components/help/), one schema per component, Starlight
 * style: each component parses its props at render (build time for the prerendered guides), so a
 * wrong attribute stops the build with a message that names the component and the prop. Only
 * literal string attributes: authors write them in MDX, the tests read them back. The parse is
 * parseComponentProps (src/schemas/component-props.ts), shared with the lesson vocabulary.
 */

const targetId = z.string().regex(/^[a-z0-9][a-z0-9-]*$/, '要点的地方写屏幕里元素的 id，例如 video-call');

/** <Step>: one action, with the picture of the screen and the exact words on what to tap. */
export const stepPropsSchema = z
  .strictObject({
    /** The screen the picture shows, `<family>/<screen>` (content/help/screens/<family>.yaml). */
    screen: screenRefSchema.optional(),
    /** The element of that screen to ring (点这里); it must be a target of the screen. */
    tap: targetId.optional(),
    /** The exact words on the button or row to tap (按钮上写着什么), shown large under the step. */
    button: z.string().min(1).max(20).optional(),
  })
  .refine((props) => props.tap === undefined || props.screen !== undefined, { message: '写了 tap（要点的地方），也要写 screen（哪一屏）', path: ['tap'] });
export type StepProps = z.infer<typeof stepPropsSchema>;

/** <Steps>: takes no attributes; its children must all be <Step>s. */
export const stepsPropsSchema = z.strictObject({});

/** <Variant platform="android">: what only one kind of phone shows (the guide's `variants: true`). */
export const variantPropsSchema = z.strictObject({
  platform: z.enum(PHONE_PLATFORMS.map((platform) => platform.id) as ['android', 'iphone'], { message: 'platform 只能写 android（安卓手机）或 iphone（苹果手机）' }),
});
export type VariantProps = z.infer<typeof variantPropsSchema>;

/** <PlatformSwitch>: the 安卓手机 / 苹果手机 choice; the guide page puts it above guides with variants. */
export const platformSwitchPropsSchema = z.strictObject({});

/** <SafetyReminder topic="money">: the anti-fraud reminder a money or personal-data guide ends with. */
export const safetyReminderPropsSchema = z.strictObject({
  topic: z.enum(SAFETY_TOPICS, { message: `topic 只能写 ${SAFETY_TOPICS.join('、')} 之一` }),
});
export type SafetyReminderProps = z.infer<typeof safetyReminderPropsSchema>;

/** Every tag a guide may use, with the schema of its attributes (the content tests check guides against it). */
export const HELP_COMPONENT_PROPS = {
  Steps: stepsPropsSchema,
  Step: stepPropsSchema,
  Variant: variantPropsSchema,
  PlatformSwitch: platformSwitchPropsSchema,
  SafetyReminder: safetyReminderPropsSchema,
} as const;
