/**
 * The door's tablet with JavaScript: the search filters the list as it is typed (the same rule as
 * the server's GET search), and a tick posts through the same action without reloading the page.
 * Without JavaScript both still work as plain forms.
 */
import { actions, isInputError } from 'astro:actions';
import { matchesSearch } from '../../lib/roster-rows';

function say(doc: Document, text: string, failed: boolean): void {
  const status = doc.querySelector<HTMLElement>('[data-check-status]');
  if (!status) return;
  status.textContent = text;
  status.classList.toggle('error', failed);
  status.hidden = false;
}

function refreshCount(doc: Document): void {
  const count = doc.querySelector<HTMLElement>('[data-checked-count]');
  if (count) count.textContent = String(doc.querySelectorAll('.person[data-checked="true"]').length);
}

async function post(doc: Document, form: HTMLFormElement): Promise<void> {
  const person = form.closest<HTMLElement>('.person');
  if (!person) return;
  const undo = form.querySelector('input[name="undo"]') !== null;
  try {
    const { data, error } = await actions.activitySetup.checkIn(new FormData(form));
    if (error) {
      say(doc, error.status === 401 ? '登录已经过期，请重新登录后再签到。' : isInputError(error) ? '没有签上，请刷新页面再试。' : error.message, true);
      return;
    }
    if (!data.ok) {
      say(doc, data.error.message, true);
      return;
    }
    person.dataset['checked'] = undo ? 'false' : 'true';
    const state = person.querySelector<HTMLElement>('[data-state]');
    if (state) state.textContent = undo ? '点这里签到' : '已签到';
    say(doc, data.value, false);
    refreshCount(doc);
    // The next person is found by the search box: ready for the next four digits.
    const search = doc.querySelector<HTMLInputElement>('[data-check-search]');
    if (!undo && search && search.value !== '') {
      search.value = '';
      filter(doc, '');
      search.focus();
    }
  } catch {
    say(doc, '网络断了，没有签上。请等网络恢复后再点一次。', true);
  }
}

function filter(doc: Document, query: string): void {
  let shown = 0;
  for (const person of doc.querySelectorAll<HTMLElement>('.person')) {
    const match = matchesSearch({ name: person.dataset['name'] ?? '', phone: person.dataset['tail'] ?? '' }, query);
    person.hidden = !match;
    if (match) shown += 1;
  }
  const none = doc.querySelector<HTMLElement>('[data-none-found]');
  if (none) none.hidden = shown > 0;
}

export function enhanceCheckIn(doc: Document): void {
  for (const form of doc.querySelectorAll<HTMLFormElement>('[data-check-form]')) {
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      void post(doc, form);
    });
  }
  const search = doc.querySelector<HTMLInputElement>('[data-check-search]');
  search?.addEventListener('input', () => filter(doc, search.value));
}
