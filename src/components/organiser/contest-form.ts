/**
 * The contest form with JavaScript: 再加一条 opens the next row in place (without it, the button posts
 * the form back to its page, which shows one more row), and the 分类 lists offer only the chosen
 * bank's categories.
 */

function openNextRow(form: HTMLFormElement, button: HTMLButtonElement): void {
  const group = button.value;
  const list = form.querySelector<HTMLElement>(`[data-rows="${group}"]`);
  const next = list?.querySelector<HTMLLIElement>(':scope > li[hidden]');
  if (!list || !next) return;
  next.hidden = false;
  const shown = form.querySelector<HTMLInputElement>(`input[name="${group}_shown"]`);
  if (shown) shown.value = String(list.querySelectorAll(':scope > li:not([hidden])').length);
  if (!list.querySelector(':scope > li[hidden]')) button.hidden = true;
  next.querySelector<HTMLElement>('select, input')?.focus();
}

function showBankCategories(form: HTMLFormElement, bankId: string): void {
  for (const select of form.querySelectorAll<HTMLSelectElement>('select[data-category]')) {
    for (const group of select.querySelectorAll<HTMLOptGroupElement>('optgroup[data-bank]')) {
      const off = bankId !== '' && group.dataset['bank'] !== bankId;
      group.hidden = off;
      group.disabled = off;
    }
    const chosen = select.selectedOptions[0];
    if (chosen?.parentElement instanceof HTMLOptGroupElement && chosen.parentElement.disabled) select.value = '';
  }
}

export function enhanceContestForm(form: HTMLFormElement): void {
  for (const button of form.querySelectorAll<HTMLButtonElement>('button[data-add-row]')) {
    button.addEventListener('click', (event) => {
      event.preventDefault();
      openNextRow(form, button);
    });
  }
  const bank = form.querySelector<HTMLSelectElement>('select[name="bankId"]');
  bank?.addEventListener('change', () => showBankCategories(form, bank.value));
}
