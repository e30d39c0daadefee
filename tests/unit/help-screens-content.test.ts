import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { helpGuideSchema } from '../../src/schemas/help-guide';
import { screenFamilySchema, screenRefSchema, type ScreenFamily } from '../../src/schemas/phone-screen';
import { screenTargets } from '../../src/lib/phone-targets';
import { stripFrontmatter } from '../../src/lib/reading-time';

/**
 * The help guides as authors wrote them (content/help/*.mdx) against the screens they draw
 * (content/help/screens/*.yaml): every screen parses, and every <Step> shows a screen that exists
 * and rings a place that is really on it — a picture that points nowhere would teach the wrong tap.
 */
const root = 'content/help';
const screensDir = join(root, 'screens');

const families = new Map<string, ScreenFamily>();
for (const file of readdirSync(screensDir).filter((name) => name.endsWith('.yaml'))) {
  families.set(file.replace(/\.yaml$/, ''), screenFamilySchema.parse(parse(readFileSync(join(screensDir, file), 'utf8'))));
}

const guides = readdirSync(root)
  .filter((name) => name.endsWith('.mdx'))
  .map((file) => ({ file, source: readFileSync(join(root, file), 'utf8') }));

interface StepTag {
  tag: string;
  attributes: Record<string, string>;
}

/** Every <Step …> opening tag of a guide's body with its attributes (written as name="value"). */
function stepTags(body: string): StepTag[] {
  return [...body.matchAll(/<Step\b([^>]*)>/g)].map((match) => ({
    tag: match[0],
    attributes: Object.fromEntries([...(match[1] ?? '').matchAll(/([a-zA-Z]+)="([^"]*)"/g)].map((attribute) => [attribute[1]!, attribute[2]!])),
  }));
}

/** What is wrong with one step's picture, in words; undefined when the screen and the ring exist. */
function stepProblem({ tag, attributes: { screen, tap } }: StepTag): string | undefined {
  if (screen === undefined) return tap === undefined ? undefined : `${tag}：写了 tap 却没写 screen`;
  if (!screenRefSchema.safeParse(screen).success) return `${tag}：屏幕要写成“分组/屏幕名”`;
  const [familyName, screenName] = screen.split('/') as [string, string];
  const drawn = families.get(familyName)?.screens[screenName];
  if (!drawn) return `${tag}：找不到屏幕 ${screen}（content/help/screens/${familyName}.yaml）`;
  if (tap !== undefined && !screenTargets(drawn).some((target) => target.id === tap)) return `${tag}：屏幕 ${screen} 上没有 ${tap}`;
  return undefined;
}

describe('help screens', () => {
  it('finds the screen families', () => {
    expect(families.size).toBeGreaterThan(0);
  });

  for (const [name, family] of families) {
    it(`${name}.yaml: every screen has something on it`, () => {
      for (const screen of Object.values(family.screens)) expect(screen.elements.length).toBeGreaterThan(0);
    });
  }
});

describe('help guides', () => {
  for (const { file, source } of guides) {
    describe(file, () => {
      const body = stripFrontmatter(source);

      it('has frontmatter the guide schema accepts', () => {
        const result = helpGuideSchema.safeParse(parse(/^---\r?\n([\s\S]*?)\r?\n---/.exec(source)?.[1] ?? ''));
        expect(result.error?.issues ?? []).toEqual([]);
      });

      it('reads every <Step> tag it has', () => {
        expect(stepTags(body).length).toBe(body.split('<Step ').length - 1 + (body.match(/<Step>/g)?.length ?? 0));
      });

      it('shows only screens that exist and rings only places that are on them', () => {
        expect(stepTags(body).map(stepProblem).filter(Boolean)).toEqual([]);
      });
    });
  }
});

describe('the step checker', () => {
  const [familyName, family] = [...families][0]!;
  const [screenName, screen] = Object.entries(family.screens)[0]!;
  const ref = `${familyName}/${screenName}`;
  const target = screenTargets(screen)[0]?.id;

  it('accepts a step whose screen and target exist', () => {
    expect(stepTags(`<Step screen="${ref}"${target ? ` tap="${target}"` : ''}>点一下。</Step>`).map(stepProblem)).toEqual([undefined]);
  });

  it('names a missing screen, a missing target, and a target without a screen', () => {
    const problems = stepTags(`<Step screen="${familyName}/no-such-screen">a</Step><Step screen="${ref}" tap="no-such-target">b</Step><Step tap="x">c</Step>`).map(stepProblem);
    expect(problems).toEqual([expect.stringContaining('找不到屏幕'), expect.stringContaining('上没有 no-such-target'), expect.stringContaining('没写 screen')]);
  });
});
