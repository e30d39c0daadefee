/**
 * The header's 搜索 and 字号 panels are <details>: they open and close without JavaScript. This
 * only tidies up around them: one open at a time; Escape, a tap elsewhere or moving the focus out
 * closes it; the search box takes the focus when its panel opens; and a page restored from the
 * back/forward cache never comes back with a panel lying over it.
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
    // Tabbing on past the panel closes it, so it never lies over the control that has the focus
    // (WCAG 2.4.11). A tap on the panel's own text moves the focus nowhere (null) and keeps it open.
    panel.addEventListener('focusout', (event) => {
      const next = event.relatedTarget;
      if (next instanceof Node && !panel.contains(next)) panel.open = false;
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
