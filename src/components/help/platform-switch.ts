import type { PhonePlatformId } from '../../lib/help-guides';

/** Remembered on this phone, so every guide opens with the reader's kind of phone. */
const KEY = 'xg-phone-platform';
/** On <html>: the kind of phone whose <Variant>s show (PlatformSwitch.astro's style hides the others). */
const ROOT_ATTRIBUTE = 'data-phone';

/**
 * For the head of every page (Base.astro puts it in its preferences script, whose hash is in the
 * Content-Security-Policy): marks <html> with the remembered kind of phone before the first paint,
 * so a guide shows only that kind's steps from the start instead of both until this module runs.
 * Guides are prerendered, so the server cannot read the choice.
 */
export function platformBeforePaint(platforms: readonly string[]): string {
  return `try{var p=localStorage.getItem('${KEY}');if(${JSON.stringify(platforms)}.indexOf(p)>=0)document.documentElement.setAttribute('${ROOT_ATTRIBUTE}',p)}catch(e){}`;
}

function stored(): string | null {
  try {
    return window.localStorage.getItem(KEY);
  } catch {
    return null;
  }
}

function remember(platform: PhonePlatformId): void {
  try {
    window.localStorage.setItem(KEY, platform);
  } catch {
    // Private browsing may refuse storage: the choice then holds for this page only.
  }
}

/** Shows the chosen kind's <Variant>s only; with no choice yet, both stay shown. */
export function setUpPlatformSwitch(root: HTMLElement): void {
  const buttons = [...root.querySelectorAll<HTMLButtonElement>('[data-platform-choice]')];
  const status = root.querySelector<HTMLElement>('[data-platform-status]');
  const apply = (platform: string | null): void => {
    const chosen = buttons.find((button) => button.dataset['platformChoice'] === platform);
    for (const button of buttons) button.setAttribute('aria-pressed', String(button === chosen));
    if (chosen) document.documentElement.setAttribute(ROOT_ATTRIBUTE, platform ?? '');
    else document.documentElement.removeAttribute(ROOT_ATTRIBUTE);
    for (const variant of document.querySelectorAll<HTMLElement>('.help-variant[data-platform]')) {
      variant.hidden = chosen !== undefined && variant.dataset['platform'] !== platform;
    }
    if (status) status.textContent = chosen ? `下面是${chosen.textContent?.trim() ?? ''}的做法。` : '两种手机的做法都列在下面，选一种只看您的。';
  };
  for (const button of buttons) {
    button.addEventListener('click', () => {
      const platform = button.dataset['platformChoice'] as PhonePlatformId;
      remember(platform);
      apply(platform);
    });
  }
  root.hidden = false;
  apply(stored());
}
