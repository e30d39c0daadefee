import { describe, expect, it } from 'vitest';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { parseDependencyTree } from 'dpdm';
import { practiceScenarioSchema, screenFamilySchema, type PracticeScenario } from '../../src/schemas/phone-screen';
import { findScreen, practiceProblems, resolvePractice, type ScreenFamilies } from '../../src/lib/practice';
import { screenTargets } from '../../src/lib/phone-targets';

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
