import { pickChineseVoice } from '../../lib/speech-text';

/**
 * The device's Chinese voice, or undefined when it has none, told once to `known`: at once when the
 * voices are loaded, otherwise when they load (voiceschanged), and at the latest after 1.5 s, since
 * some browsers never fire voiceschanged when they have no voices at all. `waiting` runs while the
 * voices load. Shared by 朗读 (read-aloud.ts) and 跟读 (follow-read.ts).
 */
export function whenChineseVoiceKnown(synth: SpeechSynthesis, known: (voice: SpeechSynthesisVoice | undefined) => void, waiting: () => void): void {
  const now = pickChineseVoice(synth.getVoices());
  if (now) {
    known(now);
    return;
  }
  let settled = false;
  const settle = (voice: SpeechSynthesisVoice | undefined): void => {
    if (settled) return;
    settled = true;
    known(voice);
  };
  waiting();
  synth.addEventListener('voiceschanged', () => {
    const voice = pickChineseVoice(synth.getVoices());
    if (voice) settle(voice);
  });
  window.setTimeout(() => settle(pickChineseVoice(synth.getVoices())), 1500);
}
