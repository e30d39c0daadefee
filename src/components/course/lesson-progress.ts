import { autoCompletes, HEARTBEAT_SECONDS, IDLE_AFTER_SECONDS } from '../../lib/progress-rules';
import { mergeLocalProgress, postForm, readLocal, signedIn, writeLocal, type LocalEntry } from './progress-store';

interface ServerState {
  completedAt: number | null;
  seconds: number;
}

/**
 * Records opening, active reading time and completion of a lesson: on the server when signed in,
 * in this browser otherwise (merged into the account at the next sign-in).
 */
export function trackLessonProgress(panel: HTMLElement, bar: HTMLElement | null = null): void {
  const lessonId = panel.dataset['lesson'] ?? '';
  const minutes = Number(panel.dataset['minutes'] ?? '10');
  const status = panel.querySelector<HTMLElement>('[data-progress-status]');
  const button = panel.querySelector<HTMLButtonElement>('[data-complete]');
  const form = panel.querySelector('form');
  if (!lessonId || !status || !button || !form) return;

  let online = signedIn();
  let reachedEnd = false;
  let lastActivity = Date.now();

  const buttons = [button, ...(bar?.querySelectorAll<HTMLButtonElement>('[data-complete]') ?? [])];
  const barText = bar?.querySelector<HTMLElement>('[data-progress-text]');

  const showDone = (completedAt: number | null, saved: boolean): void => {
    if (completedAt === null) return;
    for (const each of buttons) {
      each.dataset['done'] = 'true';
      each.textContent = '✓ 已学完';
    }
    status.textContent = saved ? '已学完，学习记录已保存。' : '已学完。登录后，这条记录会保存到您的账号里。';
    if (barText) barText.textContent = saved ? '学习记录已保存' : '已记在这台设备上';
  };

  const local = (update: (entry: LocalEntry) => void): LocalEntry => {
    const entries = readLocal();
    const entry = entries[lessonId] ?? { lessonId, openedAt: Date.now(), completedAt: null, seconds: 0 };
    update(entry);
    entries[lessonId] = entry;
    writeLocal(entries);
    return entry;
  };

  const send = async (event: 'open' | 'beat' | 'complete'): Promise<ServerState | null> => {
    const response = await postForm('/api/progress/', { event, lesson: lessonId, end: reachedEnd ? '1' : '0' }).catch(() => null);
    if (response?.status === 401) online = false;
    if (!response?.ok) return null;
    return ((await response.json()) as { state: ServerState }).state;
  };

  const start = async (): Promise<void> => {
    if (online) {
      await mergeLocalProgress();
      const state = await send('open');
      if (state) {
        showDone(state.completedAt, true);
        return;
      }
    }
    showDone(local(() => undefined).completedAt, false);
  };

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    for (const each of buttons) each.disabled = true;
    const state = online ? await send('complete') : null;
    if (state) showDone(state.completedAt, true);
    else showDone(local((entry) => (entry.completedAt ??= Date.now())).completedAt as number, false);
    for (const each of buttons) each.disabled = false;
  });

  for (const type of ['keydown', 'pointerdown', 'pointermove', 'scroll', 'touchstart']) {
    window.addEventListener(type, () => (lastActivity = Date.now()), { passive: true });
  }
  new IntersectionObserver((entries) => {
    if (entries.some((entry) => entry.isIntersecting)) reachedEnd = true;
  }).observe(panel);

  window.setInterval(async () => {
    if (document.visibilityState !== 'visible') return;
    if (Date.now() - lastActivity > IDLE_AFTER_SECONDS * 1000) return;
    if (online) {
      const state = await send('beat');
      if (state) {
        showDone(state.completedAt, true);
        return;
      }
    }
    const entry = local((item) => {
      item.seconds += HEARTBEAT_SECONDS;
      if (item.completedAt === null && autoCompletes({ reachedEnd, seconds: item.seconds, estimatedMinutes: minutes })) {
        item.completedAt = Date.now();
      }
    });
    showDone(entry.completedAt, false);
  }, HEARTBEAT_SECONDS * 1000);

  // Leaving the page: one last heartbeat that survives the unload.
  window.addEventListener('pagehide', () => {
    if (!online || document.visibilityState !== 'visible' || typeof navigator.sendBeacon !== 'function') return;
    navigator.sendBeacon('/api/progress/', new URLSearchParams({ event: 'beat', lesson: lessonId, end: reachedEnd ? '1' : '0' }));
  });

  void start();
}
