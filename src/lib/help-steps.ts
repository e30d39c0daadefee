/**
 * The check <Steps> runs on what its children rendered to (after Starlight's rehype-steps): every
 * child at the top level must be a <Step> (an `<li class="help-step">`), with nothing loose between
 * them, and there must be at least one. Returns the problems in words for the author, [] when sound.
 * A small tag scanner rather than a full HTML parser: the input is our own components' output.
 */
const VOID = new Set(['area', 'base', 'br', 'col', 'embed', 'hr', 'img', 'input', 'link', 'meta', 'source', 'track', 'wbr']);
const TAG = /<!--[\s\S]*?-->|<(\/?)([a-zA-Z][\w:-]*)((?:[^>"']|"[^"]*"|'[^']*')*?)(\/?)>/g;
export const STEP_CLASS = 'help-step';

function describe(text: string): string {
  const words = text.replace(/<[^>]+>/g, '').replace(/\s+/g, ' ').trim();
  return words.length > 20 ? `${words.slice(0, 20)}……` : words;
}

export function checkStepsHtml(html: string): string[] {
  const problems: string[] = [];
  let depth = 0;
  let steps = 0;
  let last = 0;
  let topStart = 0;
  const loose = (text: string): void => {
    if (text.trim()) problems.push(`<Steps> 里只能放 <Step>，这段文字在 <Step> 外面：“${describe(text)}”`);
  };
  for (const match of html.matchAll(TAG)) {
    const [whole, closing, name = '', attributes = '', selfClosing] = match;
    const at = match.index;
    if (depth === 0) loose(html.slice(last, at));
    last = at + whole.length;
    if (whole.startsWith('<!--')) continue;
    const tag = name.toLowerCase();
    if (closing) {
      depth = Math.max(0, depth - 1);
      if (depth === 0) last = at + whole.length;
      continue;
    }
    if (depth === 0) {
      topStart = at;
      const isStep = tag === 'li' && new RegExp(`class="[^"]*\\b${STEP_CLASS}\\b`).test(attributes);
      if (isStep) steps += 1;
      else problems.push(`<Steps> 里只能放 <Step>，第 ${steps + 1} 步的位置上是别的内容：“${describe(html.slice(topStart, html.indexOf(`</${tag}>`, topStart) >>> 0)) || `<${tag}>`}”`);
    }
    if (!selfClosing && !VOID.has(tag)) depth += 1;
  }
  if (depth === 0) loose(html.slice(last));
  if (steps === 0 && problems.length === 0) problems.push('<Steps> 里至少要有一个 <Step>');
  return problems;
}

const NUMBER_SLOT = /<strong data-step-number(?:="")?><\/strong>/g;

/** Writes 第 1 步, 第 2 步 … into the steps' number slots, in order (read aloud with the step). */
export function numberSteps(html: string): string {
  let n = 0;
  return html.replace(NUMBER_SLOT, () => {
    n += 1;
    return `<strong data-step-number>第 ${n} 步</strong>`;
  });
}
