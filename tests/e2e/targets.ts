import type { BrowserContext } from '@playwright/test';
import type { Page } from './fixtures';
import { TEXT_SIZES } from './pages';

export interface Target {
  label: string;
  width: number;
  height: number;
  primary: boolean;
}

/**
 * Every visible control, with whether ELDER-UI.md counts it as primary (≥ 60 px) or not (≥ 44 px).
 * Left out, as ELDER-UI.md allows: links inside running text, that is a link inside a paragraph
 * whose own words (the link's left aside) make a sentence, and which is not part of a list of
 * cards or a navigation. Links on their own (a card's link, a list's item, a table cell, a
 * paragraph holding only the link) are measured.
 */
export function measureTargets(page: Page): Promise<Target[]> {
  return page.evaluate(() => {
    const inRunningText = (link: Element): boolean => {
      const prose = link.closest('p');
      if (!prose || prose.closest('nav, .card-list, .chip-list, li.panel, .tiles')) return false;
      const own = (prose.textContent ?? '').replace(link.textContent ?? '', '');
      // A sentence: at least a few words of its own, not just a bracket, a dash or a count.
      return own.replace(/[\s\p{P}\p{S}\d]/gu, '').length >= 4;
    };
    const selector = 'a[href], button, input:not([type="hidden"]), select, textarea, summary';
    return [...document.querySelectorAll<HTMLElement>(selector)]
      .filter((element) => element.offsetParent !== null && !element.classList.contains('skip-link'))
      .filter((element) => !(element.tagName === 'A' && !element.classList.contains('button') && inRunningText(element)))
      .map((element) => {
        // A tick box or radio inside its label: the whole label is what a finger presses (ELDER-UI.md).
        const pressed = element.matches('input[type="checkbox"], input[type="radio"]') ? (element.closest('label') ?? element) : element;
        const box = pressed.getBoundingClientRect();
        const primary = element.matches('button, input, select, textarea, summary, nav a, a.button');
        return {
          label: `${element.tagName.toLowerCase()} “${(element.textContent ?? element.getAttribute('aria-label') ?? '').trim().slice(0, 20)}”`,
          width: Math.round(box.width),
          height: Math.round(box.height),
          primary,
        };
      });
  });
}

/** Controls below their size: ≥ 60 px for primary ones, ≥ 44 px for the rest. */
export async function smallTargets(page: Page): Promise<Target[]> {
  return (await measureTargets(page)).filter((target) => target.height < (target.primary ? 60 : 44) || target.width < (target.primary ? 60 : 44));
}

/** Controls below their size on each of these pages at every text size, as `<path> at <size>px: <control> <w>×<h>`. */
export async function smallTargetsAtEverySize(page: Page, context: BrowserContext, baseURL: string, paths: readonly string[]): Promise<string[]> {
  const small: string[] = [];
  for (const size of TEXT_SIZES) {
    await context.addCookies([{ name: 'xg-size', value: size, url: baseURL }]);
    for (const path of paths) {
      await page.goto(path);
      for (const target of await smallTargets(page)) small.push(`${path} at ${size}px: ${target.label} ${target.width}×${target.height}`);
    }
  }
  return small;
}

/**
 * Visible text that reads like an internal address (“网址 /reset/”): people are told where to click,
 * never a path to type. A full address (https://…/certificates/…) is not caught: it is preceded by its host.
 */
export function visiblePaths(page: Page): Promise<string[]> {
  return page.evaluate(() => [...document.body.innerText.matchAll(/(?:^|[^\w.:/])(\/[a-z][a-z0-9-]*\/[\w\-/]*)/gi)].map((match) => match[1] ?? ''));
}
