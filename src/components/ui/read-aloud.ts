import { splitForSpeech } from '../../lib/speech-text';
import { whenChineseVoiceKnown } from './chinese-voice';

const BLOCKS = 'h1, h2, h3, h4, p, li, figcaption, summary, dt, dd, th, td';

interface Piece {
  element: HTMLElement;
  text: string;
}

/** The text of an element that is not inside one of its nested blocks (a list item's lead-in). */
function ownText(element: HTMLElement): string {
  let text = '';
  for (const node of element.childNodes) {
    if (node.nodeType === Node.TEXT_NODE) text += node.textContent ?? '';
    else if (node instanceof HTMLElement && !node.matches(BLOCKS) && !node.querySelector(BLOCKS)) text += node.textContent ?? '';
  }
  return text;
}

/** Text pieces in reading order; page tools and answers hidden in a closed <details> are not read. */
function collectPieces(root: HTMLElement): Piece[] {
  const pieces: Piece[] = [];
  for (const element of root.querySelectorAll<HTMLElement>(BLOCKS)) {
    if (element.closest('[data-read-aloud], [aria-hidden="true"], [data-no-read], [hidden]')) continue;
    const details = element.closest('details');
    if (details && !details.open && element.tagName !== 'SUMMARY') continue;
    const text = element.querySelector(BLOCKS) ? ownText(element) : (element.textContent ?? '');
    for (const piece of splitForSpeech(text)) pieces.push({ element, text: piece });
  }
  return pieces;
}

export function setUpReadAloud(panel: HTMLElement): void {
  const target = document.getElementById(panel.dataset['target'] ?? '');
  const controls = panel.querySelector<HTMLElement>('[data-controls]');
  const message = panel.querySelector<HTMLElement>('[data-message]');
  const play = panel.querySelector<HTMLButtonElement>('[data-action="play"]');
  const pause = panel.querySelector<HTMLButtonElement>('[data-action="pause"]');
  const stop = panel.querySelector<HTMLButtonElement>('[data-action="stop"]');
  const speed = panel.querySelector<HTMLSelectElement>('[data-speed]');
  if (!target || !controls || !message || !play || !pause || !stop || !speed) return;
  const say = (text: string | undefined): void => {
    message.textContent = text ?? '';
  };

  if (!('speechSynthesis' in window) || typeof SpeechSynthesisUtterance === 'undefined') {
    say(panel.dataset['msgNoVoice']);
    return;
  }
  const synth = window.speechSynthesis;
  let voice: SpeechSynthesisVoice | undefined;
  let pieces: Piece[] = [];
  let index = 0;
  let state: 'idle' | 'playing' | 'paused' = 'idle';
  // Bumped on every cancel, so a cancelled utterance's late 'end' event cannot advance the queue.
  let run = 0;

  // A guide's step (data-read-step) is highlighted as a whole while any of its text is read.
  const stepButtons = [...target.querySelectorAll<HTMLButtonElement>('[data-read-step-button]')];
  const highlight = (element: HTMLElement | undefined): void => {
    target.querySelector('.reading-now')?.classList.remove('reading-now');
    element?.classList.add('reading-now');
    const step = element?.closest<HTMLElement>('[data-read-step]');
    for (const current of target.querySelectorAll<HTMLElement>('.step-now')) {
      if (current === step) continue;
      current.classList.remove('step-now');
      current.removeAttribute('aria-current');
    }
    step?.classList.add('step-now');
    step?.setAttribute('aria-current', 'step');
  };
  const render = (): void => {
    // Never disable the button that has focus: keyboard and screen-reader users would lose their place.
    if (state === 'idle' && (document.activeElement === pause || document.activeElement === stop)) play.focus();
    pause.disabled = state === 'idle';
    stop.disabled = state === 'idle';
    pause.textContent = state === 'paused' ? (panel.dataset['labelResume'] ?? '') : (panel.dataset['labelPause'] ?? '');
  };
  const speakNext = (): void => {
    const piece = pieces[index];
    if (!piece || !voice) {
      state = 'idle';
      index = 0;
      highlight(undefined);
      say(panel.dataset['msgDone']);
      render();
      return;
    }
    const utterance = new SpeechSynthesisUtterance(piece.text);
    utterance.voice = voice;
    utterance.lang = voice.lang;
    utterance.rate = Number(speed.value) || 1;
    const thisRun = run;
    utterance.onend = (): void => {
      if (state !== 'playing' || thisRun !== run) return;
      index += 1;
      speakNext();
    };
    highlight(piece.element);
    if (index === 0 || piece.element !== pieces[index - 1]?.element) {
      piece.element.scrollIntoView({ block: 'nearest' });
    }
    synth.speak(utterance);
  };
  // Pausing cancels and remembers the piece: synth.pause() is unreliable on Android browsers.
  const halt = (): void => {
    state = state === 'playing' ? 'paused' : state;
    run += 1;
    synth.cancel();
  };

  // The whole page, or one step (its 读这一步 button): the reading stops at the end of that step.
  const readFrom = (scope: HTMLElement | null): void => {
    halt();
    pieces = collectPieces(target).filter((piece) => !scope || scope.contains(piece.element));
    index = 0;
    state = 'playing';
    say(panel.dataset['msgReading']);
    render();
    speakNext();
  };
  play.addEventListener('click', () => readFrom(null));
  for (const button of stepButtons) button.addEventListener('click', () => readFrom(button.closest<HTMLElement>('[data-read-step]')));
  pause.addEventListener('click', () => {
    if (state === 'playing') {
      halt();
      say(panel.dataset['msgPaused']);
    } else if (state === 'paused') {
      state = 'playing';
      say(panel.dataset['msgReading']);
      speakNext();
    }
    render();
  });
  stop.addEventListener('click', () => {
    state = 'idle';
    run += 1;
    synth.cancel();
    index = 0;
    highlight(undefined);
    say(panel.dataset['msgStopped']);
    render();
  });
  speed.addEventListener('change', () => {
    if (state !== 'playing') return;
    // Apply the new speed now, from the piece being read, rather than at the next one.
    run += 1;
    synth.cancel();
    speakNext();
  });
  window.addEventListener('pagehide', () => synth.cancel());
  // Back/forward cache: a restored page is silent, so it must not look as if it were reading.
  window.addEventListener('pageshow', (event) => {
    if (!event.persisted || state === 'idle') return;
    state = 'idle';
    run += 1;
    index = 0;
    highlight(undefined);
    say('');
    render();
  });

  whenChineseVoiceKnown(
    synth,
    (found) => {
      voice = found;
      controls.hidden = !voice;
      for (const button of stepButtons) button.hidden = !voice;
      say(voice ? '' : panel.dataset['msgNoVoice']);
    },
    () => say(panel.dataset['msgPreparing']),
  );
}
