/**
 * 知识竞赛 words that state a rule: when answers and 解析 are shown, how much time an attempt has
 * left, how a question is saved. Each rule is said by one function here, so the contest page, the
 * review page and the result page say it in the same words. Pure.
 */
import { formatDateTime } from './beijing-time';
import type { AnswersVisible } from './contest-results';
import type { QuestionType } from './question-rules';

/** What the answer rule depends on. */
export interface AnswerRuleSettings {
  answersVisible: AnswersVisible;
  attemptsAllowed: number;
}

const AFTER_SUBMIT = '交卷后立即公布';
const AFTER_CLOSE = '竞赛结束后公布';
const NEVER = '本次竞赛不公布';
/** With several attempts: after the last one (`attempts` null: the organiser has not chosen how many yet). */
function afterLastAttempt(attempts: number | null): string {
  return `答完全部${attempts === null ? '次数' : ` ${attempts} 次`}后立即公布；没有答满的，${AFTER_CLOSE}`;
}

/** When, in words, for one contest's settings (answersRule without its lead and full stop). */
function answersWhen(contest: AnswerRuleSettings): string {
  switch (contest.answersVisible) {
    case 'never':
      return NEVER;
    case 'after_close':
      return AFTER_CLOSE;
    case 'after_submit':
      return contest.attemptsAllowed > 1 ? afterLastAttempt(contest.attemptsAllowed) : AFTER_SUBMIT;
  }
}

/**
 * The one sentence that states when contestants see the right answers and 解析. With several
 * attempts allowed, 交卷后 waits for the last one: a later attempt may draw the same questions.
 */
export function answersRule(contest: AnswerRuleSettings): string {
  return `答案和解析：${answersWhen(contest)}。`;
}

/**
 * The organiser's choice of the same rule, before the number of attempts is known: each option says
 * what contestants will be told, for one attempt and for several, in answersRule's words.
 */
export function answersChoice(answersVisible: AnswersVisible): string {
  return answersVisible === 'after_submit' ? `只能答一次的，${AFTER_SUBMIT}；能答多次的，${afterLastAttempt(null)}` : answersWhen({ answersVisible, attemptsAllowed: 1 });
}

/** The organiser's choices, in the order the form offers them. */
export const ANSWERS_CHOICES: readonly AnswersVisible[] = ['after_close', 'after_submit', 'never'];

/**
 * Why the answers of a handed-in attempt are not shown yet and when they will be, or null when
 * they never will be (the rule says so already). Said after answersRule on the result page.
 */
export function answersNotYet(contest: AnswerRuleSettings & { closesAt: number }, attemptsLeft: number): string | null {
  if (contest.answersVisible === 'never') return null;
  if (contest.answersVisible === 'after_submit' && attemptsLeft > 0) {
    return `您还可以再答 ${attemptsLeft} 次，所以现在还不能看；答完或竞赛结束（${formatDateTime(contest.closesAt)}）后就能看到。`;
  }
  return `竞赛在 ${formatDateTime(contest.closesAt)} 结束，到时请回到这一页查看。`;
}

/**
 * The time an attempt under way has left, for 接着答题 on the list and contest pages: 还剩 N 分钟,
 * rounded up so it never reads 0 while time is left; an attempt without a limit runs to the close.
 */
export function timeLeftText(deadline: number, now: number): string {
  const minutes = Math.max(0, Math.ceil((deadline - now) / 60_000));
  if (minutes <= 0) return '时间已到';
  if (minutes <= 120) return `还剩 ${minutes} 分钟`;
  return `${formatDateTime(deadline)} 前交卷即可`;
}

const SAVED_WHEN: Record<'fill' | 'choice', string> = { choice: '选好', fill: '填好' };

/** What the save line under a question says before anything is saved: nothing to choose in a 填空. */
export function saveHint(type: QuestionType): string {
  return `${SAVED_WHEN[type === 'fill' ? 'fill' : 'choice']}后会自动保存。`;
}

/** The contest page's rule on saving, for every kind of question (选择、判断 and 填空). */
export const SAVE_RULE = `每道题的答案${SAVED_WHEN.choice}或${SAVED_WHEN.fill}后都会自动保存。手机断网、刷新页面或换一部手机，登录后都能接着答。`;

/** How often the hall's big-screen board (大屏幕排行榜) fetches itself again while the contest runs. */
export const HALL_REFRESH_SECONDS = 30;

/** The board's refresh, in words (每半分钟自动更新), from HALL_REFRESH_SECONDS. */
export function hallRefreshText(seconds = HALL_REFRESH_SECONDS): string {
  const every = seconds === 30 ? '半分钟' : seconds % 60 === 0 ? ` ${seconds / 60} 分钟` : ` ${seconds} 秒`;
  return `每${every}自动更新`;
}

/** The start of a stem for the overview of a paper: at most `length` characters, then “……”. */
export function shortStem(stem: string, length = 30): string {
  const characters = Array.from(stem.replace(/\s+/g, ' ').trim());
  return characters.length <= length ? characters.join('') : `${characters.slice(0, length).join('')}……`;
}
