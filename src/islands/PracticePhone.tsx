import { useEffect, useRef, useState, type MouseEvent, type ReactNode } from 'react';
import type { PhoneScreen as Screen } from '../schemas/phone-screen';
import type { PracticeData } from '../lib/practice';
import { screenTargets, tapBoxes } from '../lib/phone-targets';
import { SCREEN_HEIGHT, SCREEN_WIDTH } from '../lib/phone-geometry';
import { PhoneScreen } from './phone/PhoneScreen';
import './practice-phone.css';

/**
 * The practice phone (ISSUE 12): a drawn screen with a real button over every place one can tap.
 * A wrong tap explains gently, a second one also points an arrow at the right place, the last step
 * ends with 练习完成. Nothing is sent or paid: the buttons only move through the scenario.
 * Imports types and pure modules only, so no zod and nothing of the server reaches the browser.
 */
export interface PracticePhoneProps {
  practice: PracticeData;
}

/** What the status line says; `said` counts every saying, so the same words said again are new to a screen reader. */
type Feedback = { kind: 'none'; said: number } | { kind: 'praise' | 'wrong'; words: string; said: number };

/**
 * Shown by the server until the island is ready, and left standing if it never gets there (scripts
 * blocked, as in some WeChat webviews): true in both cases, so it never has to give up.
 */
export const PRACTICE_WAITING = '练习正在准备。要是一直点不了，上面的步骤和图照样可以看。';

const percent = (value: number, of: number): string => `${((100 * value) / of).toFixed(3)}%`;

/** What the drawing says in words (an SMS, a heading), for people who cannot see it. */
function screenWords(screen: Screen): string {
  const words: string[] = [];
  for (const element of screen.elements) {
    if (element.kind === 'text') words.push(element.text);
    if (element.kind === 'bubble') words.push(element.link ? `${element.text}${element.link}` : element.text);
    if (element.kind === 'box' && !element.id) words.push(...[element.label, element.detail].filter((word): word is string => Boolean(word)));
  }
  return words.join('；');
}

export function PracticePhone({ practice }: PracticePhoneProps): ReactNode {
  const { steps, screens } = practice;
  // CSS px per screen unit, as drawn now: 0 until React has taken over and measured the screen.
  const [scale, setScale] = useState(0);
  const [overlay, setOverlay] = useState<HTMLDivElement | null>(null);
  const [index, setIndex] = useState(0);
  const [misses, setMisses] = useState(0);
  const [feedback, setFeedback] = useState<Feedback>({ kind: 'none', said: 0 });
  const [moved, setMoved] = useState(false);
  const promptRef = useRef<HTMLParagraphElement>(null);
  const doneRef = useRef<HTMLHeadingElement>(null);
  const finished = index >= steps.length;

  // Until React has taken over, the buttons would do nothing: they are left out and the status says
  // so. Then their size depends on how large the phone is drawn, so it is measured, and again on resize.
  const ready = scale > 0;
  useEffect(() => {
    if (!overlay) return;
    const measure = (): void => setScale(overlay.clientWidth / SCREEN_WIDTH);
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(overlay);
    return () => observer.disconnect();
  }, [overlay]);
  // After a right tap the screen changes under the finger: take focus to the new instruction (or
  // to 练习完成) so a screen reader reads it and the keyboard starts from there.
  useEffect(() => {
    if (!moved) return;
    (finished ? doneRef.current : promptRef.current)?.focus();
  }, [index, moved, finished]);

  const restart = (): void => {
    setIndex(0);
    setMisses(0);
    setFeedback({ kind: 'none', said: feedback.said + 1 });
    setMoved(true);
  };

  if (finished) {
    return (
      <div className="practice-phone">
        <div className="practice-done">
          <h3 ref={doneRef} tabIndex={-1}>
            练习完成
          </h3>
          <p>{practice.done}</p>
          <button type="button" className="secondary" onClick={restart}>
            再练一次
          </button>
        </div>
      </div>
    );
  }

  const step = steps[index]!;
  const screen = screens[step.screen]!;
  const targets = screenTargets(screen);
  const boxes = ready ? tapBoxes(targets, scale) : [];

  const wrong = (): void => {
    const next = misses + 1;
    setMisses(next);
    setFeedback({
      kind: 'wrong',
      words: next === 1 ? `不是这里，不要紧，再试一次。${step.explain}` : `还不是这里，不要紧。请看箭头指着的地方，要点的是“${step.targetName}”。${step.explain}`,
      said: feedback.said + 1,
    });
  };
  const tap = (id: string): void => {
    if (id !== step.target) return wrong();
    setFeedback(step.praise ? { kind: 'praise', words: step.praise, said: feedback.said + 1 } : { kind: 'none', said: feedback.said + 1 });
    setMisses(0);
    setMoved(true);
    setIndex(index + 1);
  };
  // A tap on the drawing beside every button is a wrong tap too (a finger, not the keyboard).
  const tapBeside = (event: MouseEvent<HTMLDivElement>): void => {
    if (ready && event.target === event.currentTarget) wrong();
  };

  return (
    <div className="practice-phone">
      <p className="practice-progress">
        第 {index + 1} 步，共 {steps.length} 步
      </p>
      <p className="practice-prompt" ref={promptRef} tabIndex={-1}>
        {step.prompt}
      </p>
      <div className={`practice-feedback ${ready ? feedback.kind : 'waiting'}`} role="status">
        {/* A new element for every saying: a live region announces what is added, so a third wrong
            tap, with the same words as the second, is read out again. */}
        {!ready ? PRACTICE_WAITING : feedback.kind === 'none' ? '' : <span key={feedback.said}>{feedback.words}</span>}
      </div>
      <PhoneScreen screen={screen} arrow={misses >= 2 ? step.target : undefined}>
        <div ref={setOverlay} className={`practice-targets${ready ? ' ready' : ''}`} role="group" aria-label={`练习用的手机屏幕：${screen.description}`} onClick={tapBeside}>
          <p className="visually-hidden">屏幕上写着：{screenWords(screen)}</p>
          {targets.map((target, position) => {
            const box = boxes[position];
            return (
              <button
                key={`${step.screen}:${target.id}`}
                type="button"
                className={`practice-target${misses >= 2 && target.id === step.target ? ' pointed' : ''}`}
                data-target={target.id}
                data-cramped={box?.cramped ? '' : undefined}
                // Placed only once measured: React then sets the position through the style object,
                // which the Content-Security-Policy allows, where a server-rendered style="" is refused.
                style={
                  box
                    ? {
                        left: percent(box.x, SCREEN_WIDTH),
                        top: percent(box.y, SCREEN_HEIGHT),
                        width: percent(box.w, SCREEN_WIDTH),
                        height: percent(box.h, SCREEN_HEIGHT),
                      }
                    : undefined
                }
                onClick={() => tap(target.id)}
              >
                <span className="visually-hidden">{target.name}</span>
              </button>
            );
          })}
        </div>
      </PhoneScreen>
    </div>
  );
}
