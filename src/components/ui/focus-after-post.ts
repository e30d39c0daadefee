/**
 * After a form post, the page shows what changed: the element the server marked with
 * `data-focus-after-post` (an error summary, the feedback on an answer, 已保存) or, after a redirect,
 * the element the address's #fragment names (the next question) is scrolled to the top of the screen
 * and focused, so the reader and a screen reader start there instead of at the page's top.
 * One mechanism for every form: mark the element, or redirect to `…#its-id`; the Base layout loads
 * this on every page. Without JavaScript the fragment still scrolls there (form actions and redirects carry it).
 */
export function focusAfterPost(doc: Document = document): HTMLElement | null {
  const hashTarget = (): HTMLElement | null => {
    const id = decodeURIComponent(doc.location.hash.slice(1));
    return id ? doc.getElementById(id) : null;
  };
  const target = doc.querySelector<HTMLElement>('[data-focus-after-post]') ?? hashTarget();
  if (!target) return null;
  if (!target.matches('a[href], button, input, select, textarea, [tabindex]')) target.tabIndex = -1;
  target.scrollIntoView({ block: 'start' });
  target.focus({ preventScroll: true });
  return target;
}

// After the load: the browser's own move to the #fragment (which takes the focus away from anything
// that is not the fragment itself) has happened by then.
const run = (): void => void setTimeout(() => focusAfterPost(), 0);
if (document.readyState === 'complete') run();
else window.addEventListener('load', run, { once: true });
