import { z } from './zod';
import { screenTargets } from '../lib/phone-targets';
import { SCREEN_HEIGHT, SCREEN_WIDTH } from '../lib/phone-geometry';

/**
 * The drawing vocabulary of the help centre's phone pictures. A screen is data: the 步骤 of a guide
 * show it with a ring where to tap (src/islands/phone/PhoneScreen.tsx renders it to static SVG, no
 * JavaScript), and the practice phone (src/islands/PracticePhone.tsx) draws the very same screen
 * with a real button over every element that has an `id`. We draw screens ourselves, after what a
 * person sees, never from screenshots of other companies' apps.
 *
 * Coordinates are CSS pixels on a 360 × 720 portrait screen (the status bar takes y 0–28).
 * Files: content/help/screens/<family>.yaml, `screens:` maps a name to a screen; guides and
 * practice scenarios refer to a screen as `<family>/<name>` (for example `wechat/chat`).
 */

/** Line drawings the phone pictures may use (PhoneScreen.tsx draws each one). */
export const PHONE_ICONS = [
  'back',
  'close',
  'more',
  'plus',
  'search',
  'video',
  'phone',
  'phone-down',
  'mic',
  'keyboard',
  'camera',
  'image',
  'smile',
  'person',
  'people',
  'chat',
  'wifi',
  'gear',
  'text-size',
  'lock',
  'check',
  'bell',
  'trash',
  'scan',
  'bus',
  'car',
  'hospital',
  'card',
  'qr',
  'home',
  'chevron',
  'warning',
  'shield',
  'download',
  'app',
  'switch-camera',
  'speaker',
  'send',
  'location',
] as const;
export type PhoneIcon = (typeof PHONE_ICONS)[number];

/** Colours by meaning, so the high-contrast theme and print can map them (PhoneScreen.tsx). */
export const PHONE_TONES = ['plain', 'muted', 'primary', 'green', 'red', 'blue', 'dark', 'warning'] as const;
export type PhoneTone = (typeof PHONE_TONES)[number];

const coordinate = (max: number) => z.number().int().min(0).max(max);
/** A target's id: letters, digits and dashes; unique within its screen. */
const elementId = z.string().regex(/^[a-z0-9][a-z0-9-]*$/, '元素的 id 只能用小写字母、数字和短横线，例如 video-call');

const placed = {
  /** Names the element as a target (guides ring it, the practice phone makes it a button). */
  id: elementId.optional(),
  /**
   * What a screen reader says for the target, when it differs from the words drawn (an icon
   * without words: 视频通话按钮). Required for an icon target with no label.
   */
  name: z.string().min(1).max(40).optional(),
  x: coordinate(SCREEN_WIDTH),
  y: coordinate(SCREEN_HEIGHT),
};

/** A rectangle: a button, a list row, an app tile, an input box, a card. */
const boxSchema = z.object({
  kind: z.literal('box'),
  ...placed,
  w: coordinate(SCREEN_WIDTH),
  h: coordinate(SCREEN_HEIGHT),
  tone: z.enum(PHONE_TONES).default('plain'),
  /** Corner radius; 999 makes a circle or a pill. */
  radius: z.number().int().min(0).max(999).default(8),
  /** The exact words on screen (按钮上写着什么). */
  label: z.string().max(40).optional(),
  /** Where the label goes: inside (centre or left, as in a list row) or below (as under an app icon). */
  labelAt: z.enum(['center', 'left', 'below']).default('center'),
  icon: z.enum(PHONE_ICONS).optional(),
  /** A second, smaller line (a row's value, a chat's last message). */
  detail: z.string().max(60).optional(),
  /** A row that leads further (›) or holds a switch. */
  trailing: z.enum(['chevron', 'switch-on', 'switch-off']).optional(),
  /** A dashed outline: an empty field to type in. */
  field: z.boolean().default(false),
});

/** Words on their own (a heading, a paragraph of an SMS). Wraps within `w`. */
const textSchema = z.object({
  kind: z.literal('text'),
  ...placed,
  w: coordinate(SCREEN_WIDTH),
  text: z.string().min(1).max(300),
  size: z.enum(['small', 'normal', 'large', 'huge']).default('normal'),
  align: z.enum(['left', 'center', 'right']).default('left'),
  bold: z.boolean().default(false),
  tone: z.enum(PHONE_TONES).default('plain'),
});

/** A chat bubble (微信) or a received SMS: left is what came in, right is what one sent. */
const bubbleSchema = z.object({
  kind: z.literal('bubble'),
  ...placed,
  w: coordinate(SCREEN_WIDTH),
  h: coordinate(SCREEN_HEIGHT),
  side: z.enum(['left', 'right']),
  text: z.string().min(1).max(300),
  /** A link shown inside the message (drawn underlined, as phones do). */
  link: z.string().max(80).optional(),
});

/** An icon on its own (a toolbar button), `size` square. */
const iconSchema = z.object({
  kind: z.literal('icon'),
  ...placed,
  size: z.number().int().min(16).max(120).default(40),
  icon: z.enum(PHONE_ICONS),
  tone: z.enum(PHONE_TONES).default('plain'),
  /** Words under the icon, as under the buttons of a video call. */
  label: z.string().max(12).optional(),
});

/**
 * A number pad (支付密码, 拨号): keys 1–9, then 0; each key is a target `<id>-<digit>` named
 * “数字<digit>”, plus `<id>-delete` (删除).
 */
const keypadSchema = z.object({
  kind: z.literal('keypad'),
  id: elementId,
  x: coordinate(SCREEN_WIDTH),
  y: coordinate(SCREEN_HEIGHT),
  w: coordinate(SCREEN_WIDTH),
  h: coordinate(SCREEN_HEIGHT),
});

/**
 * A slider with stops (字体大小): stop n (1-based) is the target `<id>-<n>`, named by `stops[n-1]`.
 * `value` is the stop that is set now.
 */
const sliderSchema = z.object({
  kind: z.literal('slider'),
  id: elementId,
  x: coordinate(SCREEN_WIDTH),
  y: coordinate(SCREEN_HEIGHT),
  w: coordinate(SCREEN_WIDTH),
  stops: z.array(z.string().min(1).max(8)).min(2).max(8),
  value: z.number().int().min(1).max(8),
});

export const phoneElementSchema = z.discriminatedUnion('kind', [boxSchema, textSchema, bubbleSchema, iconSchema, keypadSchema, sliderSchema]);
export type PhoneElement = z.infer<typeof phoneElementSchema>;

export const phoneScreenSchema = z
  .object({
    /** What the screen is, for the picture's description (微信聊天界面). */
    description: z.string().min(2).max(60),
    /** The title in the top bar, if the screen has one. */
    title: z.string().max(20).optional(),
    /** A dark screen (an incoming video call). */
    dark: z.boolean().default(false),
    /** Drawn in order: later elements on top. */
    elements: z.array(phoneElementSchema).min(1).max(80),
  })
  .superRefine((screen, context) => {
    const seen = new Set<string>();
    for (const { id } of screenTargets(screen)) {
      if (seen.has(id)) context.addIssue({ code: 'custom', message: `同一屏里有两个 id 都叫 ${id}`, path: ['elements'] });
      seen.add(id);
    }
    screen.elements.forEach((element, index) => {
      if (element.kind === 'icon' && element.id && !element.label && !element.name) {
        context.addIssue({ code: 'custom', message: `图标 ${element.id} 没有文字，请写 name（读屏软件念的名字）`, path: ['elements', index, 'name'] });
      }
    });
  });
export type PhoneScreen = z.infer<typeof phoneScreenSchema>;

/** content/help/screens/<family>.yaml */
export const screenFamilySchema = z.object({
  screens: z.record(z.string().regex(/^[a-z0-9][a-z0-9-]*$/, '屏幕名只能用小写字母、数字和短横线'), phoneScreenSchema),
});
export type ScreenFamily = z.infer<typeof screenFamilySchema>;

/** A reference to a screen: `<family>/<name>`. */
export const screenRefSchema = z.string().regex(/^[a-z0-9-]+\/[a-z0-9-]+$/, '屏幕的写法是“分组/屏幕名”，例如 wechat/chat');

/**
 * A practice scenario: content/help/<guide>.practice.yaml, beside the guide it belongs to. Each
 * step shows a screen and asks for one tap; a wrong tap shows `explain`, a second wrong tap also
 * points at the target with an arrow. Adding a scenario is adding a file: no new component.
 */
export const practiceScenarioSchema = z.object({
  /** 练习：给家人打视频电话 */
  title: z.string().min(4).max(30),
  /** One or two sentences before the first step: what will be practised, and that nothing is real. */
  intro: z.string().min(10).max(200),
  steps: z
    .array(
      z.object({
        screen: screenRefSchema,
        /** The id of the place to tap on that screen. */
        target: elementId,
        /** What to do, as an instruction: 请点一下“视频通话”。 */
        prompt: z.string().min(4).max(80),
        /** Said gently after a wrong tap: where the right place is and how to recognise it. */
        explain: z.string().min(4).max(160),
        /** Said after the right tap, before the next screen (optional). */
        praise: z.string().max(60).optional(),
      }),
    )
    .min(2)
    .max(20),
  /** Shown with 练习完成: what the person can now do for real. */
  done: z.string().min(4).max(160),
});
export type PracticeScenario = z.infer<typeof practiceScenarioSchema>;
