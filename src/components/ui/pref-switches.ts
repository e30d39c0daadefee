/**
 * Progressive enhancement for the text-size and contrast switches: without JavaScript the form
 * posts to /api/preferences/ and the page reloads; with it, the change is instant.
 */
export function enhancePrefSwitches(): void {
  const root = document.documentElement;
  for (const form of document.querySelectorAll<HTMLFormElement>('form.prefs')) {
    const sizeCookie = form.dataset['sizeCookie'] ?? '';
    const contrastCookie = form.dataset['contrastCookie'] ?? '';
    const maxAge = form.dataset['maxAge'] ?? '31536000';
    const status = form.querySelector<HTMLElement>('[data-pref-status]');
    const contrastButton = form.querySelector<HTMLButtonElement>('[data-pref-contrast]');

    const sync = (): void => {
      const size = root.dataset['size'];
      const high = root.dataset['contrast'] === 'high';
      for (const button of form.querySelectorAll<HTMLButtonElement>('[data-pref-size]')) {
        button.setAttribute('aria-pressed', String(button.dataset['prefSize'] === size));
      }
      if (contrastButton) {
        contrastButton.setAttribute('aria-pressed', String(high));
        contrastButton.value = high ? 'normal' : 'high';
      }
    };
    const save = (name: string, value: string): void => {
      document.cookie = `${name}=${value}; path=/; max-age=${maxAge}; samesite=lax`;
    };

    form.addEventListener('submit', (event) => {
      const button = event.submitter;
      if (!(button instanceof HTMLButtonElement)) return;
      event.preventDefault();
      if (button.name === 'size') {
        root.dataset['size'] = button.value;
        save(sizeCookie, button.value);
        if (status) status.textContent = `${form.dataset['msgSize'] ?? ''}${button.textContent?.trim() ?? ''}`;
      } else if (button.name === 'contrast') {
        root.dataset['contrast'] = button.value;
        save(contrastCookie, button.value);
        if (status) status.textContent = (button.value === 'high' ? form.dataset['msgContrastOn'] : form.dataset['msgContrastOff']) ?? '';
      }
      sync();
      button.focus();
    });
    sync();
    // Back/forward cache restores a page as it was: apply whatever was chosen since.
    window.addEventListener('pageshow', (event) => {
      if (!event.persisted) return;
      const cookie = `; ${document.cookie}`;
      const size = new RegExp(`; ${sizeCookie}=(\\d+)`).exec(cookie)?.[1];
      const contrast = new RegExp(`; ${contrastCookie}=(\\w+)`).exec(cookie)?.[1];
      if (size) root.dataset['size'] = size;
      if (contrast) root.dataset['contrast'] = contrast;
      sync();
    });
  }
}
