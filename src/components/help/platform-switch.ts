import type { PhonePlatformId } from '../../lib/help-guides';

/** Remembered on this phone, so every guide opens with the reader's kind of phone. */
const KEY = 'xg-phone-platform';

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
