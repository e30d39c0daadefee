import { describe, expect, it } from 'vitest';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { parseDependencyTree } from 'dpdm';
import { practiceScenarioSchema, screenFamilySchema, type PracticeScenario } from '../../src/schemas/phone-screen';
import { findScreen, practiceProblems, resolvePractice, type ScreenFamilies } from '../../src/lib/practice';
import { RING_TAG, ringTagPlace, screenTargets, tapBoxes, TAP_FLOOR_PX, TAP_SIZE_PX, type PhoneTarget, type ScreenBox } from '../../src/lib/phone-targets';
import { SCREEN_HEIGHT, SCREEN_WIDTH } from '../../src/lib/phone-geometry';

const HELP = 'content/help';
const SCREENS = join(HELP, 'screens');
const families: ScreenFamilies = new Map(
  readdirSync(SCREENS)
    .filter((file) => file.endsWith('.yaml'))
    .map((file) => [file.replace(/\.yaml$/, ''), screenFamilySchema.parse(parse(readFileSync(join(SCREENS, file), 'utf8')))]),
);
const scenarioFiles = readdirSync(HELP).filter((file) => file.endsWith('.practice.yaml'));
const readScenario = (file: string): unknown => parse(readFileSync(join(HELP, file), 'utf8'));

const scenario: PracticeScenario = {
  title: '练习：打视频电话',
  intro: '这是一部画出来的手机，只用来练习。',
  steps: [
    { screen: 'wechat/chat', target: 'plus', prompt: '请点加号。', explain: '加号在右下角。' },
    { screen: 'wechat/plus-panel', target: 'video-call', prompt: '请点视频通话。', explain: '第三个就是。' },
  ],
  done: '你会打视频电话了。',
};

describe('practice scenarios (content/help/<guide>.practice.yaml)', () => {
  it('has the four the issue asks for, each beside its guide', () => {
    const guides = scenarioFiles.map((file) => file.replace(/\.practice\.yaml$/, ''));
    expect(guides).toEqual(expect.arrayContaining(['video-call', 'scam-sms', 'wechat-pay', 'font-size']));
    for (const guide of guides) expect(existsSync(join(HELP, `${guide}.mdx`)), `${guide}.mdx`).toBe(true);
  });

  it.each(scenarioFiles)('%s passes the schema, and every screen and target it names exists', (file) => {
    const parsed = practiceScenarioSchema.parse(readScenario(file));
    expect(practiceProblems(parsed, families)).toEqual([]);
  });

  it('practises the 微信支付 password on its keypad, digit by digit', () => {
    const pay = practiceScenarioSchema.parse(readScenario('wechat-pay.practice.yaml'));
    const keys = pay.steps.filter((step) => /^keys-\d$/.test(step.target));
    expect(keys).toHaveLength(6);
    expect(keys.map((step) => step.target.slice(-1)).join('')).toBe(pay.intro.match(/\d{6}/)?.[0]);
  });

  it('says in every scenario that nothing is real', () => {
    for (const file of scenarioFiles) {
      const { intro, done } = practiceScenarioSchema.parse(readScenario(file));
      expect(`${intro}${done}`, file).toMatch(/练习/);
      expect(`${intro}${done}`, file).toMatch(/不会真的|没有真的/);
    }
  });

  it('refuses a scenario with one step, or a target id an author could mistype', () => {
    const oneStep = practiceScenarioSchema.safeParse({ ...scenario, steps: scenario.steps.slice(0, 1) });
    expect(oneStep.success).toBe(false);
    const badId = practiceScenarioSchema.safeParse({ ...scenario, steps: [{ ...scenario.steps[0], target: 'Video Call' }, scenario.steps[1]] });
    expect(badId.error?.issues.map((issue) => issue.path.join('.'))).toEqual(['steps.0.target']);
    expect(practiceScenarioSchema.safeParse({ ...scenario, steps: [{ ...scenario.steps[0], screen: 'chat' }, scenario.steps[1]] }).success).toBe(false);
  });

  it('names a missing screen and a missing target, step by step', () => {
    const broken: PracticeScenario = {
      ...scenario,
      steps: [
        { ...scenario.steps[0]!, screen: 'wechat/nowhere' },
        { ...scenario.steps[1]!, target: 'hang-up' },
      ],
    };
    const problems = practiceProblems(broken, families);
    expect(problems).toHaveLength(2);
    expect(problems[0]).toContain('第 1 步：找不到屏幕 wechat/nowhere');
    expect(problems[1]).toContain('第 2 步：屏幕 wechat/plus-panel 上没有可以点的 hang-up');
    expect(() => resolvePractice('broken', broken, families)).toThrow(/broken\.practice\.yaml/);
  });

  it('resolves a scenario into plain data: each screen once, targets named for screen readers', () => {
    const data = resolvePractice('video-call', scenario, families);
    expect(Object.keys(data.screens)).toEqual(['wechat/chat', 'wechat/plus-panel']);
    expect(data.steps.map((step) => step.targetName)).toEqual(['更多功能（加号）', '视频通话']);
    expect(JSON.parse(JSON.stringify(data))).toEqual(data);
  });
});

describe('screens of the practice guides', () => {
  it('gives every tappable place a name a screen reader can say', () => {
    for (const [family, { screens }] of families) {
      for (const [name, screen] of Object.entries(screens)) {
        for (const target of screenTargets(screen)) expect(target.name, `${family}/${name} ${target.id}`).not.toBe(target.id);
      }
    }
  });

  it('draws every screen and target the steps of the practice guides name', () => {
    for (const file of scenarioFiles) {
      const guide = file.replace(/\.practice\.yaml$/, '.mdx');
      const steps = [...readFileSync(join(HELP, guide), 'utf8').matchAll(/<Step screen="([^"]+)"(?: tap="([^"]+)")?/g)];
      expect(steps.length, guide).toBeGreaterThan(0);
      for (const [, ref = '', tap] of steps) {
        const screen = findScreen(ref, families);
        expect(screen, `${guide}: ${ref}`).toBeDefined();
        if (screen && tap) expect(screenTargets(screen).map((target) => target.id), `${guide}: ${ref}`).toContain(tap);
      }
    }
  });
});

describe('the practice phone island', () => {
  it('brings no zod and no server module into the browser', async () => {
    const tree = await parseDependencyTree(['src/islands/PracticePhone.tsx'], { context: process.cwd(), transform: true, skipDynamicImports: false });
    const modules = Object.keys(tree);
    expect(modules).toContain('src/lib/phone-targets.ts');
    expect(modules.filter((module) => /zod|schemas\/|lib\/server\/|astro:/.test(module))).toEqual([]);
  });
});

// The practice phone on the narrowest phone the site supports (320 px wide, 720 px high): the drawn
// screen is about 251 CSS px wide there, so one screen unit is 0.698 px (measured in Chromium).
const NARROWEST = 251 / SCREEN_WIDTH;
const px = (units: number): number => units * NARROWEST;
const boxGap = (a: ScreenBox, b: ScreenBox): number => Math.max(b.x - (a.x + a.w), a.x - (b.x + b.w), b.y - (a.y + a.h), a.y - (b.y + b.h));
const practised = [...new Set(scenarioFiles.flatMap((file) => practiceScenarioSchema.parse(readScenario(file)).steps.map((step) => step.screen)))];
const target = (id: string, x: number, y: number, w: number, h: number): PhoneTarget => ({ id, name: id, x, y, w, h });

describe('the practice phone’s places to tap (tapBoxes)', () => {
  it('grows a lone small icon to 60 px, inside the screen, still covering what is drawn', () => {
    const [back] = tapBoxes([target('back', 8, 36, 36, 36)], NARROWEST);
    expect(px(back!.w)).toBeCloseTo(TAP_SIZE_PX);
    expect(px(back!.h)).toBeCloseTo(TAP_SIZE_PX);
    expect(back!.x).toBe(0);
    expect(back!.cramped).toBe(false);
  });

  it('lets keys that touch keep their own height, and grows the top row into the room above', () => {
    const [one, four, seven] = tapBoxes([target('one', 0, 420, 120, 75), target('four', 0, 495, 120, 75), target('seven', 0, 570, 120, 75)], NARROWEST);
    expect(px(one!.h)).toBeGreaterThanOrEqual(TAP_SIZE_PX);
    expect(one!.y + one!.h).toBe(495);
    expect([four!.y, four!.h]).toEqual([495, 75]);
    expect(seven!.y).toBe(570);
    expect([one!.cramped, four!.cramped]).toEqual([false, true]);
  });

  it('gives a small icon the whole gap beside a large card, and half of it beside another icon', () => {
    const [icon] = tapBoxes([target('icon', 8, 36, 36, 36), target('card', 16, 100, 300, 170)], NARROWEST);
    expect(icon!.y + icon!.h).toBeLessThanOrEqual(100);
    expect(icon!.cramped).toBe(false);
    const [left, right] = tapBoxes([target('left', 0, 300, 60, 60), target('right', 80, 300, 60, 60)], NARROWEST);
    expect(left!.x + left!.w).toBe(70);
    expect(right!.x).toBe(70);
  });

  it('grows away from a close neighbour, and never goes under 44 px, even when that overlaps one', () => {
    const [lone] = tapBoxes([target('a', 100, 100, 20, 20), target('b', 122, 100, 20, 20)], NARROWEST);
    expect(lone!.x + lone!.w).toBe(121);
    expect(px(lone!.w)).toBeCloseTo(TAP_SIZE_PX);
    const [, middle] = tapBoxes([target('a', 78, 100, 20, 20), target('b', 100, 100, 20, 20), target('c', 122, 100, 20, 20)], NARROWEST);
    expect(px(middle!.w)).toBeCloseTo(TAP_FLOOR_PX);
    expect(middle!.cramped).toBe(true);
  });

  it.each(practised)('on %s: 60 px wherever no neighbour is too close, the exception only where one is', (ref) => {
    const targets = screenTargets(findScreen(ref, families)!);
    const boxes = tapBoxes(targets, NARROWEST);
    boxes.forEach((box, index) => {
      const drawn = targets[index]!;
      // Covers the drawing, stays on the screen.
      expect(box.x).toBeLessThanOrEqual(drawn.x + 0.01);
      expect(box.x + box.w).toBeGreaterThanOrEqual(drawn.x + drawn.w - 0.01);
      expect(box.y).toBeLessThanOrEqual(drawn.y + 0.01);
      expect(box.y + box.h).toBeGreaterThanOrEqual(drawn.y + drawn.h - 0.01);
      expect(box.x).toBeGreaterThanOrEqual(-0.01);
      expect(box.x + box.w).toBeLessThanOrEqual(SCREEN_WIDTH + 0.01);
      expect(Math.min(px(box.w), px(box.h)), `${ref} ${box.id}`).toBeGreaterThanOrEqual(TAP_FLOOR_PX - 0.01);
      const neighbours = boxes.filter((other) => other !== box);
      if (!box.cramped) {
        expect(Math.min(px(box.w), px(box.h)), `${ref} ${box.id}`).toBeGreaterThanOrEqual(TAP_SIZE_PX - 0.01);
        // Grown, it covers no other place to tap.
        for (const other of neighbours) if (px(other.w) > TAP_FLOOR_PX && px(other.h) > TAP_FLOOR_PX) expect(boxGap(box, other), `${ref} ${box.id}/${other.id}`).toBeGreaterThanOrEqual(-0.01);
      } else {
        // Short of 60 px only because it reaches a neighbour's box.
        expect(Math.min(...neighbours.map((other) => boxGap(box, other))), `${ref} ${box.id}`).toBeLessThanOrEqual(0.01);
      }
    });
  });

  it('keeps the exception to the few crowded places: a lone back arrow or 挂断 is never cramped', () => {
    const cramped = (ref: string): string[] => tapBoxes(screenTargets(findScreen(ref, families)!), NARROWEST).filter((box) => box.cramped).map((box) => box.id);
    expect(cramped('video-call/in-call')).toEqual([]);
    expect(cramped('sms/fraud')).toEqual([]);
    expect(cramped('wechat/chat')).toEqual(['voice', 'emoji', 'plus']);
  });
});

describe('the 点这里 tag of a guide’s ring (ringTagPlace)', () => {
  const read = (ref: string) => findScreen(ref, families)!;
  const tagBox = (ref: string, id: string): ScreenBox => {
    const screen = read(ref);
    const ringed = screenTargets(screen).find((candidate) => candidate.id === id)!;
    return { ...ringTagPlace(screen, ringed), w: RING_TAG.w, h: RING_TAG.h };
  };
  const covers = (a: ScreenBox, b: ScreenBox): boolean => boxGap(a, b) < 0;

  it('goes above a target with room above, as before', () => {
    const tag = tagBox('video-call/in-call', 'hang-up');
    expect(tag.y + tag.h).toBeLessThanOrEqual(580);
  });

  it('never covers the item above or below in a stacked menu (微信’s 加号 menu)', () => {
    const screen = read('wechat-add-friend/plus-menu');
    const tag = tagBox('wechat-add-friend/plus-menu', 'add-friend');
    for (const other of screenTargets(screen)) expect(covers(tag, other), other.id).toBe(false);
    expect(tag.x + tag.w).toBeLessThanOrEqual(180);
  });

  it('keeps off the title in the top bar (通讯录, above 新的朋友)', () => {
    const tag = tagBox('wechat-add-friend/contacts', 'new-friends');
    // 通讯录 is drawn centred, three characters of 18 units: x 153–207, y 40–62.
    expect(tag.x + tag.w <= 153 || tag.x >= 207 || tag.y >= 62).toBe(true);
    for (const other of screenTargets(read('wechat-add-friend/contacts'))) if (other.id !== 'new-friends') expect(covers(tag, other), other.id).toBe(false);
  });

  it.each([
    ['install-apps/iphone-long-press', 'remove'],
    ['install-apps/android-long-press', 'uninstall'],
    ['wechat-pay/plus-menu', 'scan'],
    ['sms/fraud-menu', 'delete'],
  ])('on %s, ringing %s, covers no other place to tap', (ref, id) => {
    const tag = tagBox(ref, id);
    for (const other of screenTargets(read(ref))) if (other.id !== id) expect(covers(tag, other), other.id).toBe(false);
    expect(tag.y).toBeGreaterThanOrEqual(28);
    expect(tag.y + tag.h).toBeLessThanOrEqual(SCREEN_HEIGHT);
  });
});
