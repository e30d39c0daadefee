import { z } from './zod';
import { parseComponentProps } from './component-props';

/**
 * The props of the lesson vocabulary (src/components/mdx/), one schema per component, Starlight
 * style, as the help vocabulary does it (src/schemas/help-components.ts): each component parses its
 * props at render with parseLessonProps (parseComponentProps, src/schemas/component-props.ts, shared
 * with the help vocabulary), so a wrong attribute
 * stops the build with a Chinese message that names the component and the prop. Only literal string
 * attributes (`ids="3,5"`, never `ids={[3,5]}`), so a lesson written in the browser can be checked
 * against the same schemas when it is saved, and the editor's palette can be built from them.
 */

const text = (what: string) => z.string({ message: `请写${what}` }).trim().min(1, `请写${what}`);

/** A whole number of pixels written as text, e.g. width="640". */
const pixels = (what: string) =>
  z
    .string()
    .regex(/^[1-9][0-9]{0,4}$/, `${what}写像素数，只写数字，例如 640`)
    .transform(Number);

/**
 * Every tag a lesson may use, with the schema of its attributes: the components parse their props
 * with it at render, the content tests check the MDX courses against it, and the studio checks
 * lessons at save and builds its palette from it.
 */
export const LESSON_COMPONENT_PROPS = {
  /** <KeyPoints>: 要点, three to five points as a markdown list between the tags; no attributes. */
  KeyPoints: z.strictObject({}).meta({ label: '要点', hint: '这一课最要紧的三到五条，一条一行。', content: 'list' }),
  /** <Quote source="…">: 原文, an original text quoted exactly; no quote without its source. */
  Quote: z.strictObject({
    /** Where the words come from, e.g. 《中国共产党章程》第六条（2022年修改）. */
    source: text('出处（source），例如 《中国共产党章程》第六条').meta({ label: '出处', hint: '原话出自哪里，例如 《中国共产党章程》第六条（2022年修改）' }),
  }).meta({ label: '原文', hint: '一字不差地引用原话，并写明出处。', content: 'paragraphs' }),
  /** <Timeline>: 时间线, dated events in order, each a <TimelineItem>. */
  Timeline: z.strictObject({
    /** Optional heading read before the list, e.g. 长征大事记. */
    title: text('时间线的标题（title）').meta({ label: '标题（可以不写）', hint: '例如 长征大事记；不写就叫“时间线”' }).optional(),
  }).meta({ label: '时间线', hint: '按先后顺序排列的几件大事，每件写明时间。', content: 'items' }),
  /** <TimelineItem when="…">: one event of a time line. */
  TimelineItem: z.strictObject({
    /** The date or period, written as in the text: 1935年1月. */
    when: text('时间（when），例如 1935年1月').meta({ label: '时间', hint: '照文中的写法，例如 1935年1月' }),
  }).meta({ label: '时间点', hint: '时间线上的一件事。', content: 'paragraphs' }),
  /** <Figure src alt caption>: 图片, a picture with required alt text. */
  Figure: z.strictObject({
    /** The image's path on this site (under public/), e.g. /images/courses/red-boat.jpg. */
    src: z
      .string({ message: '请写图片地址（src），例如 /images/courses/red-boat.jpg' })
      .regex(/^\/(?!\/)[^\s"'<>]+$/, '图片地址（src）写本站的路径，以 / 开头，例如 /images/courses/red-boat.jpg')
      .meta({ label: '图片地址', hint: '点上面的“选一张照片上传”会自己填上；也可以写本站的图片路径，以 / 开头，例如 /images/courses/red-boat.jpg' }),
    /** What the picture shows, for people who cannot see it. */
    alt: text('图片说明（alt），写图上有什么，给看不见图的人听').meta({ label: '图上有什么（必填）', hint: '写图上有什么，读给看不见图的人听' }),
    /** Visible caption, with the picture's source where there is one. */
    caption: text('图片下面的说明（caption）').meta({ label: '图下的文字（可以不写）', hint: '显示在图片下面，有来源就写上来源' }).optional(),
    width: pixels('宽度（width）').meta({ label: '宽度（可以不写）', hint: '像素数，只写数字，例如 640' }).optional(),
    height: pixels('高度（height）').meta({ label: '高度（可以不写）', hint: '像素数，只写数字，例如 480' }).optional(),
  }).meta({ label: '图片', hint: '一张图，必须写明图上有什么。', content: 'none' }),
  /** <Discussion>: 思考题, a question for the branch meeting between the tags; no attributes. */
  Discussion: z.strictObject({}).meta({ label: '思考题', hint: '留给支部学习时讨论的问题。', content: 'paragraphs' }),
  /** <SelfCheck question="…" answer="…">: 小测, the explanation between the tags opens on request. */
  SelfCheck: z.strictObject({
    /** The question, one sentence. */
    question: text('问题（question）').meta({ label: '问题', hint: '一句话的问题' }),
    /** The short answer, revealed on request. */
    answer: text('答案（answer）').meta({ label: '答案', hint: '简短的答案，学员点“看答案”才显示' }),
  }).meta({ label: '小测', hint: '一道自己检查的小题，下面可以写解释。', content: 'paragraphs' }),
  /** <LessonQuiz tag="…"> or <LessonQuiz ids="3,5">, optional lead="…": 课后小测. */
  LessonQuiz: z
    .strictObject({
      /** Questions in practice banks carrying this tag, e.g. 红船精神. */
      tag: text('题目的标签（tag），例如 红船精神').meta({ label: '题目的标签', hint: '练习题库里带这个标签的题，例如 红船精神；和题号只写一个' }).optional(),
      /** Or these question numbers, separated by commas: ids="3,5". */
      ids: z
        .string()
        .regex(/^\s*[1-9][0-9]*(\s*[,，]\s*[1-9][0-9]*)*\s*$/, 'ids 写题号，用逗号隔开，例如 3,5')
        .transform((value) => value.split(/[,，]/).map((id) => Number(id.trim())))
        .meta({ label: '题号', hint: '用逗号隔开，例如 3,5；和标签只写一个' })
        .optional(),
      /** The sentence that invites the reader, for pages that are not a lesson (e.g. the anti-fraud corner). */
      lead: text('开头的一句话（lead）').meta({ label: '开头的一句话（可以不写）', hint: '不是课的页面才需要写' }).optional(),
    })
    .meta({ label: '课后小测', hint: '学完这一课做的练习题。', content: 'none' })
    .refine((props) => (props.tag === undefined) !== (props.ids === undefined), {
      message: '写 tag（题目的标签）或 ids（题号，例如 3,5），只写其中一个',
      path: ['tag'],
    }),
  /**
   * <Recitation title author date source>: 诵读, a classic text to read aloud together, one line of
   * the text a line between the tags and a blank line between stanzas (or paragraphs). Author and
   * source are required: the build names the file and line of one without them
   * (src/lib/lesson-component-check.ts).
   */
  Recitation: z.strictObject({
    /** The title as the edition gives it, e.g. 七律·长征. */
    title: text('题目（title），例如 七律·长征').meta({ label: '题目', hint: '照原书写，例如 七律·长征' }),
    /** Who wrote it, e.g. 毛泽东. */
    author: text('作者（author），例如 毛泽东').meta({ label: '作者', hint: '例如 毛泽东；传统上认为是某人写的，写“相传某某”' }),
    /** When it was written, as the edition dates it, e.g. 1935年10月. */
    date: text('写作时间（date），例如 1935年10月').meta({ label: '写作时间', hint: '照原书标的时间，例如 1935年10月' }),
    /** The authoritative edition the text is quoted from, e.g. 《毛泽东诗词选》，人民文学出版社，1986年. */
    source: text('出处（source），写权威版本，例如 《毛泽东诗词选》，人民文学出版社，1986年').meta({
      label: '出处（版本）',
      hint: '原文依据的权威版本，例如 《毛泽东诗词选》，人民文学出版社，1986年',
    }),
  }).meta({ label: '诵读', hint: '一篇大家一起朗读的经典原文：一行写一句，分段（分节）就空一行。', content: 'paragraphs' }),
} as const;

export type LessonComponent = keyof typeof LESSON_COMPONENT_PROPS;
/** What an author writes on a component (all text), for the component's `Props`. */
export type LessonComponentInput<C extends LessonComponent> = z.input<(typeof LESSON_COMPONENT_PROPS)[C]>;

/** Parses a lesson component's props against its schema, or stops with the component and the prop named. */
export function parseLessonProps<C extends LessonComponent>(component: C, props: Record<string, unknown>): z.output<(typeof LESSON_COMPONENT_PROPS)[C]> {
  // TypeScript cannot follow the schema through the generic key; the schema looked up is the one for `component`.
  const schema: z.ZodType = LESSON_COMPONENT_PROPS[component];
  return parseComponentProps(component, schema, props) as z.output<(typeof LESSON_COMPONENT_PROPS)[C]>;
}
