/**
 * The header's 搜索 and 字号 panels are <details>: they open and close without JavaScript. This
 * only tidies up around them: one open at a time, Escape or a tap elsewhere closes, the search
 * box takes the focus when its panel opens, and a page restored from the back/forward cache
 * never comes back with a panel lying over it.
 */
export function enhanceHeaderPanels(): void {
  const panels = [...document.querySelectorAll<HTMLDetailsElement>('details[data-header-panel]')];
  const closeAll = (except?: HTMLDetailsElement): void => {
    for (const panel of panels) if (panel !== except) panel.open = false;
  };
  for (const panel of panels) {
    panel.addEventListener('toggle', () => {
      if (!panel.open) return;
      closeAll(panel);
      if (panel.dataset['headerPanel'] === 'search') panel.querySelector<HTMLInputElement>('input[type="search"]')?.focus();
    });
    panel.addEventListener('keydown', (event) => {
      if (event.key !== 'Escape' || !panel.open) return;
      panel.open = false;
      panel.querySelector('summary')?.focus();
    });
  }
  document.addEventListener('click', (event) => {
    const target = event.target;
    if (target instanceof Node && panels.some((panel) => panel.contains(target))) return;
    closeAll();
  });
  window.addEventListener('pageshow', (event) => {
    if (event.persisted) closeAll();
  });
}
