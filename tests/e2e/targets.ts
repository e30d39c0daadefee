import type { Page } from './fixtures';

export interface Target {
  label: string;
  width: number;
  height: number;
  primary: boolean;
}

/**
 * Every visible control, with whether ELDER-UI.md counts it as primary (≥ 60 px) or not (≥ 44 px).
 * Left out, as ELDER-UI.md allows: links inside running text (a sentence with the link in it).
 */
export function measureTargets(page: Page): Promise<Target[]> {
  return page.evaluate(() => {
    const inRunningText = (element: Element): boolean => {
      const parent = element.parentElement;
      if (!parent || !['P', 'LI', 'TD', 'SPAN'].includes(parent.tagName)) return false;
      return (parent.textContent ?? '').trim().length > (element.textContent ?? '').trim().length;
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

/**
 * Visible text that reads like an internal address (“网址 /reset/”): people are told where to click,
 * never a path to type. A full address (https://…/certificates/…) is not caught: it is preceded by its host.
 */
export function visiblePaths(page: Page): Promise<string[]> {
  return page.evaluate(() => [...document.body.innerText.matchAll(/(?:^|[^\w.:/])(\/[a-z][a-z0-9-]*\/[\w\-/]*)/gi)].map((match) => match[1] ?? ''));
}
