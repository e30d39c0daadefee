import { useEffect, useRef, useState, type MouseEvent, type ReactNode } from 'react';
import type { PhoneScreen as Screen } from '../schemas/phone-screen';
import type { PracticeData } from '../lib/practice';
import { screenTargets } from '../lib/phone-targets';
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

type Feedback = { kind: 'none' } | { kind: 'praise'; words: string } | { kind: 'wrong'; words: string };

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
  const [ready, setReady] = useState(false);
  const [index, setIndex] = useState(0);
  const [misses, setMisses] = useState(0);
  const [feedback, setFeedback] = useState<Feedback>({ kind: 'none' });
  const [moved, setMoved] = useState(false);
  const promptRef = useRef<HTMLParagraphElement>(null);
  const doneRef = useRef<HTMLHeadingElement>(null);
  const finished = index >= steps.length;

  // Until React has taken over, the buttons would do nothing: they are left out and the status says so.
  useEffect(() => setReady(true), []);
  // After a right tap the screen changes under the finger: take focus to the new instruction (or
  // to 练习完成) so a screen reader reads it and the keyboard starts from there.
  useEffect(() => {
    if (!moved) return;
    (finished ? doneRef.current : promptRef.current)?.focus();
  }, [index, moved, finished]);

  const restart = (): void => {
    setIndex(0);
    setMisses(0);
    setFeedback({ kind: 'none' });
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

  const wrong = (): void => {
    const next = misses + 1;
    setMisses(next);
    setFeedback({
      kind: 'wrong',
      words: next === 1 ? `不是这里，不要紧，再试一次。${step.explain}` : `还不是这里，不要紧。请看箭头指着的地方，要点的是“${step.targetName}”。${step.explain}`,
    });
  };
  const tap = (id: string): void => {
    if (id !== step.target) return wrong();
    setFeedback(step.praise ? { kind: 'praise', words: step.praise } : { kind: 'none' });
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
      <div className={`practice-feedback ${feedback.kind}`} role="status">
        {!ready ? '练习正在准备，请稍等。' : feedback.kind === 'none' ? '' : feedback.words}
      </div>
      <PhoneScreen screen={screen} arrow={misses >= 2 ? step.target : undefined}>
        <div className={`practice-targets${ready ? ' ready' : ''}`} role="group" aria-label={`练习用的手机屏幕：${screen.description}`} onClick={tapBeside}>
          <p className="visually-hidden">屏幕上写着：{screenWords(screen)}</p>
          {targets.map((target) => (
            <button
              key={`${step.screen}:${target.id}`}
              type="button"
              className={`practice-target${misses >= 2 && target.id === step.target ? ' pointed' : ''}`}
              data-target={target.id}
              // Placed only once hydrated: React then sets the position through the style object,
              // which the Content-Security-Policy allows, where a server-rendered style="" is refused.
              style={
                ready
                  ? {
                      left: percent(target.x + target.w / 2, SCREEN_WIDTH),
                      top: percent(target.y + target.h / 2, SCREEN_HEIGHT),
                      width: `max(${percent(target.w, SCREEN_WIDTH)}, 44px)`,
                      height: `max(${percent(target.h, SCREEN_HEIGHT)}, 44px)`,
                    }
                  : undefined
              }
              onClick={() => tap(target.id)}
            >
              <span className="visually-hidden">{target.name}</span>
            </button>
          ))}
        </div>
      </PhoneScreen>
    </div>
  );
}
