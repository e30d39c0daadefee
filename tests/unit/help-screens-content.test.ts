import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { screenFamilySchema, type PhoneElement } from '../../src/schemas/phone-screen';
import { SCREEN_HEIGHT, SCREEN_WIDTH } from '../../src/lib/phone-geometry';

/**
 * The drawn phone screens as authors wrote them (content/help/screens/*.yaml): each file is a family
 * the schema accepts, and nothing is drawn off the edge of the phone, where a person would never
 * see it and a ring could not point. (Whether every <Step> shows a screen that exists and rings a
 * place on it is tests/unit/help-content.test.ts.)
 */
const dir = 'content/help/screens';
const files = readdirSync(dir).filter((name) => name.endsWith('.yaml'));

/** How far right and down an element reaches (text: its width and first line). */
function reach(element: PhoneElement): { right: number; bottom: number } {
  switch (element.kind) {
    case 'icon':
      return { right: element.x + element.size, bottom: element.y + element.size };
    case 'text':
    case 'slider':
      return { right: element.x + element.w, bottom: element.y };
    default:
      return { right: element.x + element.w, bottom: element.y + element.h };
  }
}

/** The elements of a family that reach past the screen's edges, named `screen #index`. */
function offScreen(family: { screens: Record<string, { elements: PhoneElement[] }> }): string[] {
  return Object.entries(family.screens).flatMap(([name, screen]) =>
    screen.elements.flatMap((element, index) => {
      const { right, bottom } = reach(element);
      return right > SCREEN_WIDTH || bottom > SCREEN_HEIGHT ? [`${name} #${index}（${element.kind}，右到 ${right}，下到 ${bottom}）`] : [];
    }),
  );
}

describe('help screens', () => {
  it('has screen families to check', () => {
    expect(files.length).toBeGreaterThan(0);
  });

  for (const file of files) {
    describe(file, () => {
      const parsed = screenFamilySchema.safeParse(parse(readFileSync(join(dir, file), 'utf8')));

      it('is a screen family the schema accepts', () => {
        expect(parsed.error?.issues ?? []).toEqual([]);
      });

      it('draws everything inside the 360 × 720 screen', () => {
        expect(parsed.success && offScreen(parsed.data)).toEqual([]);
      });
    });
  }

  it('names an element drawn past the edge', () => {
    const family = screenFamilySchema.parse({
      screens: { wide: { description: '太宽的屏幕', elements: [{ kind: 'box', x: 300, y: 10, w: 100, h: 40 }, { kind: 'icon', x: 10, y: 700, size: 40, icon: 'plus', name: '加号' }, { kind: 'box', x: 0, y: 0, w: 360, h: 720 }] } },
    });
    expect(offScreen(family)).toEqual([expect.stringContaining('wide #0'), expect.stringContaining('wide #1')]);
  });
});
