/**
 * Keeps the hall's board current without anyone touching the computer: while the board says the
 * contest is running (data-hall-refresh, in seconds: HALL_REFRESH_SECONDS), it fetches its own page again and swaps in
 * the new board. A failed fetch (the network, a restart) keeps the board shown and tries again;
 * once the contest has ended the new board carries no data-hall-refresh and the refreshing stops.
 */
export function refreshBoard(board: HTMLElement): void {
  const seconds = Number(board.dataset['hallRefresh']);
  if (!Number.isFinite(seconds) || seconds <= 0) return;
  let current = board;
  const timer = window.setInterval(() => {
    void (async () => {
      try {
        const response = await fetch(window.location.href, { credentials: 'same-origin', headers: { accept: 'text/html' } });
        if (!response.ok) return;
        const next = new DOMParser().parseFromString(await response.text(), 'text/html').querySelector<HTMLElement>('[data-hall-board]');
        if (!next) return;
        const adopted = document.importNode(next, true);
        current.replaceWith(adopted);
        current = adopted;
        if (adopted.dataset['hallRefresh'] === undefined) window.clearInterval(timer);
      } catch {
        // Offline for a moment: the board on screen stays until the next try.
      }
    })();
  }, seconds * 1000);
}
