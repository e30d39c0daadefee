import type { Page } from '@playwright/test';

/**
 * Replaces the browser's speech synthesis with one that records what it is asked to say
 * (`window.spoken`, as `<rate>|<text>`) and "speaks" each piece for `window.speechDelay` ms (long at
 * first, so a reading is surely under way when the test acts on it).
 */
export async function installFakeSpeech(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const spoken: string[] = [];
    (window as unknown as { spoken: string[] }).spoken = spoken;
    (window as unknown as { speechDelay: number }).speechDelay = 60_000;
    class FakeUtterance {
      text: string;
      voice: unknown = null;
      lang = '';
      rate = 1;
      onend: (() => void) | null = null;
      constructor(text: string) {
        this.text = text;
      }
    }
    let timer: number | undefined;
    const fake = {
      getVoices: () => [{ lang: 'zh-CN', name: '测试语音' }],
      speak(utterance: FakeUtterance) {
        spoken.push(`${utterance.rate}|${utterance.text}`);
        timer = window.setTimeout(() => utterance.onend?.(), (window as unknown as { speechDelay: number }).speechDelay);
      },
      cancel() {
        window.clearTimeout(timer);
      },
      addEventListener() {},
    };
    Object.defineProperty(window, 'speechSynthesis', { value: fake });
    Object.defineProperty(window, 'SpeechSynthesisUtterance', { value: FakeUtterance });
  });
}

/** Each piece spoken so far, `<rate>|<text>`. */
export async function spokenSoFar(page: Page): Promise<string[]> {
  return page.evaluate(() => (window as unknown as { spoken: string[] }).spoken);
}

/** How long each piece now takes to "speak". */
export async function setSpeechDelay(page: Page, ms: number): Promise<void> {
  await page.evaluate((delay) => {
    (window as unknown as { speechDelay: number }).speechDelay = delay;
  }, ms);
}
