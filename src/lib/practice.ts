// Pure and free of zod: the build resolves a practice scenario into this plain data, and the
// practice phone (src/islands/PracticePhone.tsx) receives it as props.
import type { PhoneScreen, PracticeScenario } from '../schemas/phone-screen';
import { screenTargets } from './phone-targets';

/** One step of a practice, as the island needs it: the screen by reference, what to tap and what to say. */
export interface PracticeStepData {
  /** `<family>/<screen>`, a key of PracticeData.screens. */
  screen: string;
  target: string;
  /** The target's name, as a screen reader says it (told after a second wrong tap). */
  targetName: string;
  prompt: string;
  explain: string;
  praise?: string | undefined;
}

/** A whole practice, every screen it shows drawn from its family: plain data, ready to serialise. */
export interface PracticeData {
  title: string;
  intro: string;
  done: string;
  screens: Record<string, PhoneScreen>;
  steps: PracticeStepData[];
}

/** Screen families by id (content/help/screens/<family>.yaml). */
export type ScreenFamilies = ReadonlyMap<string, { screens: Record<string, PhoneScreen> }>;

/** The screen a `<family>/<screen>` reference names, or undefined. */
export function findScreen(ref: string, families: ScreenFamilies): PhoneScreen | undefined {
  const [family = '', name = ''] = ref.split('/');
  const screens = families.get(family)?.screens;
  return screens && Object.hasOwn(screens, name) ? screens[name] : undefined;
}

/**
 * Everything wrong with a scenario's references, in words an author can act on: a screen that does
 * not exist, or a target that is not on its screen. Empty when the scenario can be practised.
 */
export function practiceProblems(scenario: PracticeScenario, families: ScreenFamilies): string[] {
  const problems: string[] = [];
  scenario.steps.forEach((step, index) => {
    const screen = findScreen(step.screen, families);
    if (!screen) {
      problems.push(`第 ${index + 1} 步：找不到屏幕 ${step.screen}（content/help/screens/ 里没有这个分组或屏幕名）`);
      return;
    }
    const ids = screenTargets(screen).map((target) => target.id);
    if (!ids.includes(step.target)) {
      problems.push(`第 ${index + 1} 步：屏幕 ${step.screen} 上没有可以点的 ${step.target}（有：${ids.join('、') || '无'}）`);
    }
  });
  return problems;
}

/** The scenario with its screens resolved; throws with every problem listed when a reference is wrong. */
export function resolvePractice(guideId: string, scenario: PracticeScenario, families: ScreenFamilies): PracticeData {
  const problems = practiceProblems(scenario, families);
  if (problems.length > 0) throw new Error(`练习 content/help/${guideId}.practice.yaml 有错：\n${problems.join('\n')}`);
  const screens: Record<string, PhoneScreen> = {};
  const steps = scenario.steps.map((step): PracticeStepData => {
    const screen = findScreen(step.screen, families)!;
    screens[step.screen] = screen;
    const target = screenTargets(screen).find((candidate) => candidate.id === step.target)!;
    return { screen: step.screen, target: step.target, targetName: target.name, prompt: step.prompt, explain: step.explain, praise: step.praise };
  });
  return { title: scenario.title, intro: scenario.intro, done: scenario.done, screens, steps };
}
