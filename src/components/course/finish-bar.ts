/**
 * 我学完了 within reach on a long lesson: once the reader is past the middle of the lesson, a bar at
 * the bottom of the screen holds the same button, until the button at the lesson's end comes on
 * screen. It never covers the end of the page: by then the bar has stepped aside.
 */
export function showFinishBar(panel: HTMLElement, bar: HTMLElement, body: HTMLElement | null): void {
  const update = (): void => {
    const lesson = (body ?? panel).getBoundingClientRect();
    const pastMiddle = lesson.top + lesson.height / 2 < window.innerHeight;
    const endBelowScreen = panel.getBoundingClientRect().top > window.innerHeight - bar.offsetHeight;
    const show = pastMiddle && endBelowScreen;
    if (bar.hidden === !show) return;
    // The bar's button is going away under the reader's finger: focus moves to the same button at the end.
    if (!show && bar.contains(document.activeElement)) panel.querySelector<HTMLButtonElement>('[data-complete]')?.focus({ preventScroll: true });
    bar.hidden = !show;
    document.documentElement.classList.toggle('has-finish-bar', show);
  };
  window.addEventListener('scroll', update, { passive: true });
  window.addEventListener('resize', update, { passive: true });
  update();
}
