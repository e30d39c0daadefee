import { whenChineseVoiceKnown } from './chinese-voice';
import { repeatPauseMs, silentLineMs } from '../../lib/follow-read';

type Mode = 'idle' | 'all' | 'follow' | 'silent';

/** "第 {n} 句（共 {total} 句）" with the numbers filled in. */
function fill(template: string | undefined, n: number, total: number): string {
  return (template ?? '').replace('{n}', String(n)).replace('{total}', String(total));
}

export function setUpFollowRead(panel: HTMLElement): void {
  const target = document.getElementById(panel.dataset['target'] ?? '');
  const controls = panel.querySelector<HTMLElement>('[data-controls]');
  const message = panel.querySelector<HTMLElement>('[data-message]');
  const button = (action: string) => panel.querySelector<HTMLButtonElement>(`[data-action="${action}"]`);
  const [all, follow, stop, previous, next] = ['all', 'follow', 'stop', 'previous', 'next'].map(button);
  const speed = panel.querySelector<HTMLSelectElement>('[data-speed]');
  if (!target || !controls || !message || !all || !follow || !stop || !previous || !next || !speed) return;
  const lines = [...target.querySelectorAll<HTMLElement>('[data-line]')];
  if (lines.length === 0) return;
  const say = (text: string): void => {
    message.textContent = text;
  };

  const synth = 'speechSynthesis' in window && typeof SpeechSynthesisUtterance !== 'undefined' ? window.speechSynthesis : undefined;
  let voice: SpeechSynthesisVoice | undefined;
  let mode: Mode = 'idle';
  let index = 0;
  // Bumped on every stop or jump, so a late 'end' event or timer of an earlier line does nothing.
  let run = 0;
  let timer: number | undefined;
  const rate = (): number => Number(speed.value) || 1;

  const light = (line: HTMLElement | undefined, repeat = false): void => {
    for (const each of lines) {
      const now = each === line;
      each.classList.toggle('line-now', now);
      each.classList.toggle('line-repeat', now && repeat);
      if (now) each.setAttribute('aria-current', 'true');
      else each.removeAttribute('aria-current');
    }
    if (line && !repeat) line.scrollIntoView({ block: 'nearest' });
  };
  const render = (): void => {
    const running = mode !== 'idle';
    if (!running && [stop, previous, next].includes(document.activeElement as HTMLButtonElement)) follow.focus();
    stop.disabled = !running;
    previous.disabled = !running || index === 0;
    next.disabled = !running;
  };
  const halt = (): void => {
    run += 1;
    window.clearTimeout(timer);
    synth?.cancel();
  };
  const finish = (text: string): void => {
    halt();
    mode = 'idle';
    index = 0;
    light(undefined);
    say(text);
    render();
  };

  const step = (): void => {
    const line = lines[index];
    if (!line) {
      finish(panel.dataset['msgDone'] ?? '');
      return;
    }
    const text = line.textContent?.trim() ?? '';
    const thisRun = run;
    render();
    if (mode === 'silent' || !voice || !synth) {
      light(line);
      say(fill(panel.dataset['msgSilent'], index + 1, lines.length));
      timer = window.setTimeout(() => {
        if (thisRun !== run) return;
        index += 1;
        step();
      }, silentLineMs(text, rate()));
      return;
    }
    const utterance = new SpeechSynthesisUtterance(text);
    utterance.voice = voice;
    utterance.lang = voice.lang;
    utterance.rate = rate();
    utterance.onend = (): void => {
      if (thisRun !== run) return;
      if (mode === 'follow') {
        light(line, true);
        say(fill(panel.dataset['msgRepeat'], index + 1, lines.length));
        timer = window.setTimeout(() => {
          if (thisRun !== run) return;
          index += 1;
          step();
        }, repeatPauseMs(text, rate()));
        return;
      }
      index += 1;
      step();
    };
    light(line);
    say(fill(panel.dataset['msgReading'], index + 1, lines.length));
    synth.speak(utterance);
  };

  const start = (chosen: Mode): void => {
    halt();
    mode = chosen;
    index = 0;
    step();
  };
  const jump = (to: number): void => {
    if (mode === 'idle') return;
    halt();
    index = Math.max(0, Math.min(lines.length, to));
    step();
  };
  all.addEventListener('click', () => start('all'));
  follow.addEventListener('click', () => start(voice ? 'follow' : 'silent'));
  stop.addEventListener('click', () => finish(panel.dataset['msgStopped'] ?? ''));
  previous.addEventListener('click', () => jump(index - 1));
  next.addEventListener('click', () => jump(index + 1));
  speed.addEventListener('change', () => {
    // The new speed applies from the line under way.
    if (mode !== 'idle') jump(index);
  });
  window.addEventListener('pagehide', () => halt());
  // Back/forward cache: a restored page is silent, so it must not look as if it were reading.
  window.addEventListener('pageshow', (event) => {
    if (event.persisted && mode !== 'idle') finish('');
  });

  // No voice: 全文朗读 cannot work; 跟读 becomes the silent exercise, and the page says why kindly.
  const ready = (found: SpeechSynthesisVoice | undefined): void => {
    voice = found;
    controls.hidden = false;
    all.hidden = !voice;
    follow.textContent = (voice ? panel.dataset['labelFollow'] : panel.dataset['labelSilent']) ?? '';
    say(voice ? '' : (panel.dataset['msgNoVoice'] ?? ''));
  };
  if (synth) whenChineseVoiceKnown(synth, ready, () => say(panel.dataset['msgPreparing'] ?? ''));
  else ready(undefined);
}
