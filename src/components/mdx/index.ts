/**
 * The components an author may use in lesson MDX, with no import: every lesson is rendered with
 * `mdxComponents`. They render to static HTML with no hydration, so lessons written in the
 * browser (rendered on request) get exactly the same output. Every attribute is a literal string
 * (`ids="3,5"`, never `ids={[3,5]}`), checked at render against its schema in
 * src/schemas/lesson-components.ts (LESSON_COMPONENT_PROPS): a wrong one stops the build with the
 * component and the attribute named.
 *
 * | MDX tag | 中文名 | use |
 * | --- | --- | --- |
 * | `<KeyPoints>` | 要点 | three to five key points, as a markdown list |
 * | `<Quote source="…">` | 原文 | an original text quoted exactly, with its source |
 * | `<Timeline>` + `<TimelineItem when="…">` | 时间线 | dated events in order |
 * | `<Figure src alt caption>` | 图片 | a picture with required alt text |
 * | `<Discussion>` | 思考题 | a question for the branch meeting |
 * | `<SelfCheck question answer>` | 小测 | a question whose answer and explanation open on request |
 * | `<Recitation title author date source>` | 诵读 | a classic text to read aloud, one line a line and a blank line between stanzas, with 全文朗读, 逐句跟读 and a print button; author and source are required (the build names file and line) |
 * | `<LessonQuiz tag="…">` or `ids="3,5"` (one of the two), optional `lead="…"` | 课后小测 | a link to practice questions about the lesson, judged per person; `lead` replaces the opening sentence 学完这一课… on pages that are not a lesson |
 */
import KeyPoints from './KeyPoints.astro';
import Quote from './Quote.astro';
import Timeline from './Timeline.astro';
import TimelineItem from './TimelineItem.astro';
import Figure from './Figure.astro';
import Discussion from './Discussion.astro';
import SelfCheck from './SelfCheck.astro';
import LessonQuiz from './LessonQuiz.astro';
import Recitation from './Recitation.astro';

export { KeyPoints, Quote, Timeline, TimelineItem, Figure, Discussion, SelfCheck, LessonQuiz, Recitation };

export const mdxComponents = {
  KeyPoints,
  Quote,
  Timeline,
  TimelineItem,
  Figure,
  Discussion,
  SelfCheck,
  LessonQuiz,
  Recitation,
};
