// Every browser test imports `test` and `expect` from here: a test fails when the page breaks the
// Content-Security-Policy anywhere (a blocked script, style, WebAssembly module, fetch or frame),
// in its own context or in any context it opens.
import { expect, test as base, type Browser, type BrowserContext } from '@playwright/test';

export { expect };
export type { Page } from '@playwright/test';

/** Violations seen in this worker during the current test (one test runs at a time per worker). */
const violations: string[] = [];
const watched = new WeakSet<BrowserContext>();

async function watch(context: BrowserContext): Promise<void> {
  if (watched.has(context)) return;
  watched.add(context);
  // Chromium reports blocked resources in the console ("Refused to … because it violates the
  // following Content Security Policy directive …"); the event catches whatever it might not.
  context.on('console', (message) => {
    if (/Content Security Policy|\[csp-violation\]/i.test(message.text())) violations.push(`${message.location().url}: ${message.text()}`);
  });
  await context.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (event) => {
      console.error(`[csp-violation] ${event.violatedDirective} blocked ${event.blockedURI || 'inline'} at ${event.sourceFile}:${event.lineNumber}`);
    });
  });
}

export const test = base.extend<{ cspGuard: void }, { watchedBrowser: Browser }>({
  // Contexts a test opens itself (browser.newContext()) are watched as well.
  watchedBrowser: [
    async ({ browser }, use) => {
      const newContext = browser.newContext.bind(browser);
      browser.newContext = async (...args: Parameters<Browser['newContext']>) => {
        const context = await newContext(...args);
        await watch(context);
        return context;
      };
      await use(browser);
    },
    { scope: 'worker', auto: true },
  ],
  context: async ({ context }, use) => {
    await watch(context);
    await use(context);
  },
  cspGuard: [
    async ({}, use) => {
      violations.length = 0;
      await use();
      expect(violations, 'the page broke its Content-Security-Policy').toEqual([]);
    },
    { auto: true },
  ],
});
