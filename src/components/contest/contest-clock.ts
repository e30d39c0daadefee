import { announcement, formatClock } from '../../lib/contest-time';

/** Waits for answers still being saved (see contest-answer.ts), but never long. */
async function answersSettled(): Promise<void> {
  const pending = (window as { xgPendingSaves?: () => Promise<void> }).xgPendingSaves;
  if (pending) await Promise.race([pending(), new Promise((resolve) => setTimeout(resolve, 5000))]);
}

/**
 * Counts down from the server's figure with the browser's monotonic clock (a phone's wall clock
 * may be wrong or change), announces the marks once each, and goes to the result page at zero.
 */
export function startClock(clock: HTMLElement): void {
  const text = clock.querySelector<HTMLElement>('[data-clock-text]');
  const announce = clock.querySelector<HTMLElement>('[data-clock-announce]');
  const total = Number(clock.dataset['remaining']);
  const expiredHref = clock.dataset['expiredHref'];
  if (!text || !announce || !Number.isFinite(total) || !expiredHref) return;
  const started = performance.now();
  let previous = total;
  let finished = false;
  const tick = (): void => {
    const left = Math.max(0, Math.ceil(total - (performance.now() - started) / 1000));
    text.textContent = formatClock(left);
    if (left <= 60) clock.dataset['urgent'] = '';
    const said = announcement(left, previous);
    if (said) announce.textContent = said;
    previous = left;
    if (left === 0 && !finished) {
      finished = true;
      announce.textContent = '时间到，正在交卷';
      void answersSettled().then(() => window.location.assign(expiredHref));
    }
  };
  tick();
  window.setInterval(tick, 1000);
}
