/**
 * Saves a contest answer the moment it is chosen (a tap on an option, or a pause while typing a
 * 填空), through the same action the form posts without JavaScript. Saves go one at a time and the
 * latest choice wins; a dropped network is retried until it comes back, and the person is told.
 */
import { actions, isInputError } from 'astro:actions';

const RETRY_MS = 3000;
const TYPING_PAUSE_MS = 800;

export function setUpAutosave(form: HTMLFormElement): void {
  const status = document.querySelector<HTMLElement>('[data-save-status]');
  const say = (text: string, kind: 'busy' | 'ok' | 'error'): void => {
    if (!status) return;
    status.textContent = text;
    status.dataset['kind'] = kind;
  };
  let chain: Promise<void> = Promise.resolve();
  let latest = 0;

  const send = async (version: number, body: FormData): Promise<void> => {
    for (;;) {
      // A newer choice is queued behind this one: it carries the answer that counts.
      if (version !== latest) return;
      try {
        // The action client rejects only when the request never got an answer (network down).
        const { error } = await actions.contest.answer(body);
        if (!error) {
          if (version === latest) say('已保存', 'ok');
          return;
        }
        if (error.status === 401) {
          say('登录已经过期，这个答案没有保存。请重新登录，然后回到这道题再选一次。', 'error');
          return;
        }
        // 400, 403 and 404 are refusals the server raised itself, in words for people (a
        // UserFacingError); a rejected form field or anything else gets the general message.
        const ours = [400, 403, 404].includes(error.status) && !isInputError(error);
        say(ours ? error.message : '保存没有成功，请再选一次。', 'error');
        return;
      } catch {
        say('网络断了，这个答案还没有保存。网络恢复后会自动保存，请不要关闭页面。', 'error');
        await new Promise((resolve) => setTimeout(resolve, RETRY_MS));
      }
    }
  };

  const save = (): void => {
    const body = new FormData(form);
    body.set('go', 'stay');
    latest += 1;
    const version = latest;
    say('正在保存…', 'busy');
    chain = chain.then(() => send(version, body));
  };

  let typing: number | undefined;
  form.addEventListener('change', (event) => {
    window.clearTimeout(typing);
    typing = undefined;
    if ((event.target as HTMLElement).matches('input')) save();
  });
  form.addEventListener('input', (event) => {
    if (!(event.target as HTMLElement).matches('input[type="text"]')) return;
    window.clearTimeout(typing);
    typing = window.setTimeout(() => {
      typing = undefined;
      save();
    }, TYPING_PAUSE_MS);
  });
  // A tap made while the page was still loading (a slow phone network) changed the form before
  // this code listened: what the form shows now differs from what the server sent, so save it.
  const changedBeforeReady = Array.from(form.querySelectorAll('input')).some((input) =>
    input.type === 'radio' || input.type === 'checkbox'
      ? input.checked !== input.defaultChecked
      : input.type === 'text' && input.value !== input.defaultValue,
  );
  if (changedBeforeReady) save();
  // Time is up: an answer still being typed is saved now, not after the typing pause.
  (window as { xgPendingSaves?: () => Promise<void> }).xgPendingSaves = () => {
    if (typing !== undefined) {
      window.clearTimeout(typing);
      typing = undefined;
      save();
    }
    return chain;
  };
}
