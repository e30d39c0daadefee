import {
  DIFFICULTY_LABELS,
  MIN_OPTIONS,
  OPTION_LETTERS,
  QUESTION_LIMITS,
  QUESTION_TYPES,
  TYPE_LABELS,
  fillAnswerKey,
  stemKey,
  type AnswerKey,
  type Difficulty,
  type QuestionContent,
  type QuestionType,
} from './question-rules';
import { dataRowsBelow, findHeaderRow, guessColumns, headerKey, headerSignature, knownNames, matchingProblems, sheetLabel, SKIP, type SheetLayout, type SheetRows } from './column-matching';

/**
 * Organisers' bulk import of a question bank from a spreadsheet (rows of cells, see spreadsheet.ts),
 * and the export to the same template, so a bank can be edited in Excel and imported again. Every row
 * is checked before anything is written. Pure: no I/O, no database.
 */

export const MAX_QUESTION_ROWS = 2000;
export const QUESTION_TEMPLATE_HEADER: readonly string[] = [
  '题型', '题干', '选项A', '选项B', '选项C', '选项D', '选项E', '选项F', '选项G', '选项H', '答案', '解析', '分类', '标签', '难度', '来源',
];

export interface ValidQuestionRow {
  /** 1-based spreadsheet row number. */
  row: number;
  /** The worksheet, when the file had several. */
  sheet?: string;
  question: QuestionContent;
}

export interface InvalidQuestionRow {
  /** 1-based spreadsheet row number. */
  row: number;
  /** The worksheet, when the file had several. */
  sheet?: string;
  stem: string;
  /** Plain Chinese, each saying what to fix. */
  problems: string[];
}

export interface QuestionImportPreview {
  /** Problems with the file as a whole; when present, no rows were checked. */
  fileErrors: string[];
  valid: ValidQuestionRow[];
  invalid: InvalidQuestionRow[];
}

/** The field for all of a question's options written in one cell (“A.… B.… C.…”). */
export const OPTIONS_IN_ONE_CELL = '选项（都在一格）';
/** What a column can be matched to, in the order the drop-down lists them. */
export const QUESTION_FIELDS: readonly string[] = [
  '题型', '题干', ...QUESTION_TEMPLATE_HEADER.filter((name) => name.startsWith('选项')), OPTIONS_IN_ONE_CELL,
  '答案', '解析', '分类', '标签', '难度', '来源', SKIP,
];

const LETTERS = OPTION_LETTERS.join('');
const REQUIRED_COLUMNS = ['题型', '题干', '答案'];
const NUMERALS = ['一', '二', '三', '四', '五', '六', '七', '八'];
/** Names other templates (问卷星, 考试星, a colleague's sheet) give the same columns. */
const QUESTION_NAMES = knownNames({
  题型: ['题目类型', '试题类型', '题类', '类型', '题型名称', '题目题型', '试题题型'],
  题干: ['题目', '试题', '题目内容', '试题内容', '题目名称', '问题', '题面', '试题题干', '题目题干'],
  ...Object.fromEntries(
    OPTION_LETTERS.map((letter, index) => [
      `选项${letter}`,
      [letter, `${letter}选项`, `选项${NUMERALS[index] ?? ''}`, `选项${index + 1}`, `答案${letter}`, `${letter}项`],
    ]),
  ),
  [OPTIONS_IN_ONE_CELL]: ['选项', '所有选项', '备选项', '选项内容', '备选答案', '答案选项'],
  答案: ['正确答案', '参考答案', '标准答案', '答案内容'],
  解析: ['答案解析', '试题解析', '题目解析', '解释', '答案说明', '解析说明'],
  分类: ['章节', '知识点', '类别', '题目分类', '试题分类', '所属分类'],
  标签: ['关键词', '关键字'],
  难度: ['难易程度', '难易度', '难度等级', '难度系数'],
  来源: ['出处', '试题来源', '题目来源'],
  [SKIP]: ['序号', '题号', '编号', '分值', '分数', '得分', '备注', 'ID', '题目ID', '试题ID', '创建时间', '创建人', '状态'],
});
const HEADER_HINT = `请使用题库导入模板，第一行写上列名：${QUESTION_TEMPLATE_HEADER.join('、')}（题型、题干、答案必填）`;

const TYPE_NAMES: Record<QuestionType, readonly string[]> = {
  single: ['单选', '单选题', '单项选择', '单项选择题', '单择题'],
  multiple: ['多选', '多选题', '多项选择', '多项选择题', '不定项选择', '不定项选择题', '不定项'],
  truefalse: ['判断', '判断题', '是非', '是非题', '对错题', '判断对错', '判断正误'],
  fill: ['填空', '填空题'],
};
const TYPE_BY_NAME = new Map(QUESTION_TYPES.flatMap((type) => [type, ...TYPE_NAMES[type]].map((name) => [name.toLowerCase(), type] as const)));
const TRUE_FALSE = new Map<string, boolean>([
  ...['对', '正确', '√', '✓', '✔', 't', 'true', '是'].map((name) => [name, true] as const),
  ...['错', '错误', '×', '✗', '✘', 'f', 'false', '否', 'x'].map((name) => [name, false] as const),
]);
const DIFFICULTY_BY_NAME = new Map<string, Difficulty>([
  ...['易', '简单', '容易', '1'].map((name) => [name, 1] as const),
  ...['中', '中等', '一般', '2'].map((name) => [name, 2] as const),
  ...['难', '困难', '3'].map((name) => [name, 3] as const),
]);
/** Between tags; a tag therefore never contains one, which keeps export → import exact. */
const TAG_SEPARATORS = /[\s,，、;；]+/u;

/** One sheet's header row and matching, plus the type its name gives (a sheet called 多选题). */
export interface QuestionSheetLayout extends SheetLayout {
  typeFromSheet?: QuestionType;
}

/**
 * The layout of every non-blank sheet: header row found below any title rows, a guess for each
 * column. `saved` gives a matching saved earlier for the same columns (by headerSignature).
 */
export function planQuestionImport(sheets: readonly SheetRows[], saved: (signature: string) => readonly string[] | undefined = () => undefined): QuestionSheetLayout[] {
  const layouts: QuestionSheetLayout[] = [];
  for (const sheet of sheets) {
    const headerIndex = findHeaderRow(sheet.rows, QUESTION_NAMES);
    if (headerIndex === -1) continue;
    const guessed = guessColumns(sheet.rows, headerIndex, QUESTION_NAMES);
    const fields = saved(headerSignature(guessed));
    const columns = fields?.length === guessed.length && fields.every((field) => QUESTION_FIELDS.includes(field))
      ? guessed.map((column, index) => ({ ...column, field: fields[index] ?? SKIP, known: true }))
      : guessed;
    const typeFromSheet = typeOfName(sheet.name.replace(/^[一二三四五六七八九十\d]+[、.．]/u, ''));
    layouts.push({ sheet: sheet.name, headerIndex, columns, ...(typeFromSheet === undefined ? {} : { typeFromSheet }) });
  }
  // A workbook's 说明 or 封面 sheet names no known column: when other sheets do, it holds no questions.
  const namesAny = (layout: QuestionSheetLayout): boolean => layout.columns.some((column) => column.known && column.field !== SKIP);
  return layouts.some(namesAny) ? layouts.filter(namesAny) : layouts;
}

/** The columns a layout still needs: 题型 unless the sheet's name gives it. */
function requiredFor(layout: QuestionSheetLayout): string[] {
  return REQUIRED_COLUMNS.filter((field) => !(field === '题型' && layout.typeFromSheet !== undefined));
}

/** Whether every column of every sheet was recognised and nothing is missing: then no matching step. */
export function questionLayoutsRecognised(layouts: readonly QuestionSheetLayout[]): boolean {
  return layouts.length > 0 && layouts.every((layout) => layout.columns.every((column) => column.known) && matchingProblems(layout.columns, requiredFor(layout), '').length === 0);
}

/**
 * Check the rows of a question file: the first non-blank row is the header (the template's, or
 * known names for its columns); blank rows are ignored. Every other row lands in exactly one of
 * `valid` or `invalid`, unless the file itself is wrong. `existingStemKeys` are the stemKey()s of
 * the bank's active questions.
 */
export function validateQuestionRows(rows: string[][], existingStemKeys: Set<string>): QuestionImportPreview {
  const layouts = planQuestionImport([{ name: '', rows }]);
  const layout = layouts[0];
  if (layout === undefined) return fileError(`文件里没有内容。${HEADER_HINT}，从第二行起每行填一道题。`);
  for (const column of layout.columns) {
    const field = column.known ? undefined : QUESTION_NAMES.get(headerKey(column.header));
    const earlier = layout.columns.find((other) => other.known && other.field === field);
    if (field === undefined || earlier === undefined) continue;
    const which = earlier.header === column.header ? `有两列都是“${column.header}”` : `“${earlier.header}”和“${column.header}”是同一列`;
    return fileError(`表格第一行${which}。请删掉多余的一列，再重新上传。`);
  }
  const missing = requiredFor(layout).filter((field) => !layout.columns.some((column) => column.field === field));
  if (missing.length > 0) return fileError(`表格第一行缺少这几列：${missing.join('、')}。${HEADER_HINT}，再重新上传。`);
  return previewQuestionSheets([{ name: '', rows }], layouts, existingStemKeys);
}

function fileError(message: string): QuestionImportPreview {
  return { fileErrors: [message], valid: [], invalid: [] };
}

/**
 * Check every row of every sheet under the given matching. A sheet named in `layouts` only is read;
 * with several sheets each row names its sheet. Problems with the matching itself are file errors.
 */
export function previewQuestionSheets(sheets: readonly SheetRows[], layouts: readonly QuestionSheetLayout[], existingStemKeys: Set<string>): QuestionImportPreview {
  const several = layouts.length > 1;
  const matching = layouts.flatMap((layout) => matchingProblems(layout.columns, requiredFor(layout), several ? `${sheetLabel(layout.sheet)}：` : ''));
  if (matching.length > 0) return { fileErrors: matching, valid: [], invalid: [] };

  const dataRows = layouts.flatMap((layout) => {
    const rows = sheets.find((sheet) => sheet.name === layout.sheet)?.rows ?? [];
    return dataRowsBelow(rows, layout.headerIndex).map((entry) => ({ ...entry, layout }));
  });
  if (dataRows.length === 0) return fileError('表格里只有列名，没有题目。请从第二行起每行填一道题，再重新上传。');
  if (dataRows.length > MAX_QUESTION_ROWS) {
    return fileError(`表格里有 ${dataRows.length} 道题，一次最多导入 ${MAX_QUESTION_ROWS} 道。请把表格分成几个文件，分批导入。`);
  }

  const preview: QuestionImportPreview = { fileErrors: [], valid: [], invalid: [] };
  const firstRowByKey = new Map<string, string>();
  for (const { row, cells, layout } of dataRows) {
    const indexOf = new Map(layout.columns.filter((column) => column.field !== SKIP).map((column) => [column.field, column.index]));
    const cell = (name: string): string => {
      const index = indexOf.get(name);
      return index === undefined ? '' : (cells[index] ?? '').trim();
    };
    const problems: string[] = [];
    const { question, stem } = checkRow(cell, layout.typeFromSheet, problems);
    const where = several ? { sheet: layout.sheet } : {};

    const key = stemKey(stem);
    if (key !== '') {
      if (existingStemKeys.has(key)) problems.push('题库里已有相同题干的题目。不用再导入的话，请删掉这一行。');
      const earlier = firstRowByKey.get(key);
      if (earlier === undefined) firstRowByKey.set(key, `${several ? sheetLabel(layout.sheet) : ''}第${row}行`);
      else problems.push(`和${earlier}的题干重复。请删掉其中一行，或改一改题干。`);
    }

    if (question !== undefined && problems.length === 0) preview.valid.push({ row, ...where, question });
    else preview.invalid.push({ row, ...where, stem, problems });
  }
  return preview;
}

function typeOfName(typed: string): QuestionType | undefined {
  return TYPE_BY_NAME.get(simpleKey(typed));
}

/** One row's columns → a question, adding every problem found; the question only when there were none. */
function checkRow(cell: (name: string) => string, sheetType: QuestionType | undefined, problems: string[]): { question?: QuestionContent; stem: string } {
  const typed = cell('题型');
  const type = typed === '' ? sheetType : typeOfName(typed);
  if (typed === '' && type === undefined) problems.push('没有填题型，请填单选、多选、判断或填空。');
  else if (type === undefined) problems.push(`题型“${typed}”不认识，只能是单选、多选、判断、填空。`);

  const stem = cell('题干');
  if (stem === '') problems.push('没有填题干，请补上题目内容。');
  else if (stemKey(stem) === '') problems.push('题干里只有标点符号，请填上题目内容。');
  else checkLength('题干', stem, QUESTION_LIMITS.stem, problems);

  // Without a known type it is unclear whether options belong there; those checks wait for the type.
  let optionCells = OPTION_LETTERS.map((letter) => cell(`选项${letter}`));
  const oneCell = cell(OPTIONS_IN_ONE_CELL);
  if (oneCell !== '' && optionCells.every((text) => text === '')) {
    const split = splitOptions(oneCell);
    if (split === undefined) problems.push(`选项“${oneCell}”分不出一个个选项。请写成“A.第一个 B.第二个 C.第三个”，或把每个选项放在单独的一列。`);
    else optionCells = OPTION_LETTERS.map((_, index) => split[index] ?? '');
  }
  let answerText = cell('答案');
  // 判断 written as a choice: options 正确 / 错误 and the answer a letter.
  if (type === 'truefalse' && optionCells.some((text) => text !== '')) {
    const asTrueFalse = trueFalseFromOptions(optionCells, answerText);
    if (asTrueFalse !== undefined) {
      optionCells = optionCells.map(() => '');
      answerText = asTrueFalse;
    }
  }
  const options = type === undefined ? [] : checkOptions(type, optionCells, problems);
  const answer = checkAnswer(type, answerText, optionCells, problems);

  const explanation = cell('解析');
  checkLength('解析', explanation, QUESTION_LIMITS.explanation, problems);
  const category = cell('分类');
  checkLength('分类', category, QUESTION_LIMITS.category, problems);
  const tags = checkTags(cell('标签'), problems);
  const difficulty = checkDifficulty(cell('难度'), problems);
  const source = cell('来源');
  checkLength('来源', source, QUESTION_LIMITS.source, problems);

  if (type === undefined || answer === undefined || difficulty === undefined || problems.length > 0) return { stem };
  return { stem, question: { type, stem, options, answer, explanation, category, tags, difficulty, source } };
}

/** The filled option cells in letter order; 判断 and 填空 take none. */
function checkOptions(type: QuestionType, cells: string[], problems: string[]): string[] {
  const filled = cells.flatMap((text, index) => (text === '' ? [] : [index]));
  if (type === 'truefalse' || type === 'fill') {
    if (filled.length > 0) problems.push(`${TYPE_LABELS[type]}题不需要选项，请清空选项列。`);
    return [];
  }
  const last = filled.at(-1) ?? -1;
  const gaps = [...LETTERS.slice(0, last + 1)].filter((_, index) => cells[index] === '');
  if (gaps.length > 0) {
    problems.push(`选项${gaps.join('、选项')}是空的，后面却还有选项。请从选项A起按顺序填，中间不要空着。`);
  }
  if (filled.length < MIN_OPTIONS) problems.push(`${TYPE_LABELS[type]}题至少要有${MIN_OPTIONS}个选项，请从选项A起填上选项内容。`);
  const letterByKey = new Map<string, string>();
  for (const index of filled) {
    const text = cells[index] ?? '';
    const letter = LETTERS[index] ?? '';
    checkLength(`选项${letter}`, text, QUESTION_LIMITS.option, problems);
    // Options differing only in spaces, case or full-width forms look the same to a learner.
    const key = text.normalize('NFKC').replace(/\s+/gu, '').toLowerCase();
    const earlier = letterByKey.get(key);
    if (earlier === undefined) letterByKey.set(key, letter);
    else problems.push(`选项${earlier}和选项${letter}的内容一样，请改成不同的内容。`);
  }
  return filled.map((index) => cells[index] ?? '');
}

function checkAnswer(type: QuestionType | undefined, text: string, optionCells: string[], problems: string[]): AnswerKey | undefined {
  if (text === '') {
    problems.push(`没有填答案，请补上。${type === undefined ? '' : `${TYPE_LABELS[type]}题${ANSWER_HELP[type].how}${ANSWER_HELP[type].example}。`}`);
    return undefined;
  }
  switch (type) {
    case undefined:
      return undefined;
    case 'single':
    case 'multiple':
      return checkLetters(type, text, optionCells, problems);
    case 'truefalse': {
      const value = TRUE_FALSE.get(simpleKey(text));
      if (value === undefined) problems.push(`判断题的答案只能填“对”或“错”，现在是“${text}”。`);
      return value === undefined ? undefined : { type, value };
    }
    case 'fill':
      return checkAlternatives(text, problems);
  }
}

/** 选项 letters as typed (full-width, lower case, separated by spaces, commas or 、) → indexes. */
function checkLetters(type: 'single' | 'multiple', text: string, optionCells: string[], problems: string[]): AnswerKey | undefined {
  const typed = text.normalize('NFKC').toUpperCase().replace(/[\s,、;/]+/gu, '');
  if (!/^[A-H]+$/u.test(typed)) {
    const example = type === 'single' ? '一个选项字母，比如 A' : '两个或更多选项字母，比如 ACD';
    problems.push(`答案“${text}”看不懂。${TYPE_LABELS[type]}题的答案只能填${example}（字母A到H）。`);
    return undefined;
  }
  const before = problems.length;
  const indexes = [...new Set([...typed].map((letter) => LETTERS.indexOf(letter)))].sort((a, b) => a - b);
  if (type === 'single' && indexes.length > 1) problems.push(`单选题只能有一个答案，现在填了“${text}”。如果有几个正确答案，请把题型改成多选。`);
  if (type === 'multiple' && indexes.length < 2) problems.push(`多选题至少要有两个正确答案，现在只有“${text}”。只有一个正确答案的题，请把题型改成单选。`);
  const absent = indexes.filter((index) => optionCells[index] === '').map((index) => LETTERS[index] ?? '');
  if (absent.length > 0) {
    problems.push(`答案${type === 'single' ? '是' : '里有'} ${absent.join('、')}，但这道题没有选项${absent.join('、选项')}。`);
  }
  const first = indexes[0];
  if (problems.length > before || first === undefined) return undefined;
  return type === 'single' ? { type, option: first } : { type, options: indexes };
}

/** 填空 alternatives separated by | or ｜; ones that compare equal (fillAnswerKey) are kept once. */
function checkAlternatives(text: string, problems: string[]): AnswerKey | undefined {
  const before = problems.length;
  const parts = text.split(/[|｜]/u).map((part) => part.trim());
  if (parts.includes('')) problems.push('答案里有空的备选答案。几种说法之间用一个“|”隔开，头尾不要加“|”。');
  const accepted: string[] = [];
  const seen = new Set<string>();
  for (const part of parts) {
    if (part === '') continue;
    checkLength(`答案“${part}”`, part, QUESTION_LIMITS.fillAlternative, problems);
    const key = fillAnswerKey(part);
    if (key === '') problems.push(`答案“${part}”只有标点或引号，没法判分，请填上真正的答案。`);
    else if (!seen.has(key)) {
      seen.add(key);
      accepted.push(part);
    }
  }
  return problems.length > before ? undefined : { type: 'fill', accepted };
}

function checkTags(text: string, problems: string[]): string[] {
  const tags = [...new Set(text.split(TAG_SEPARATORS).filter((tag) => tag !== ''))];
  if (tags.length > QUESTION_LIMITS.tags) problems.push(`标签太多了（${tags.length}个），最多${QUESTION_LIMITS.tags}个，请删掉一些。`);
  for (const tag of tags) checkLength(`标签“${tag}”`, tag, QUESTION_LIMITS.tag, problems);
  return tags;
}

function checkDifficulty(text: string, problems: string[]): Difficulty | undefined {
  if (text === '') return 2;
  const difficulty = DIFFICULTY_BY_NAME.get(simpleKey(text));
  if (difficulty === undefined) problems.push(`难度“${text}”不认识，只能填易、中、难（或1、2、3），不填就算“中”。`);
  return difficulty;
}

function checkLength(label: string, text: string, max: number, problems: string[]): void {
  const length = [...text].length;
  if (length > max) problems.push(`${label}太长了（${length}个字），最多${max}个字，请改短。`);
}

/**
 * A 判断 whose options are 正确 / 错误 (in either order, any of the usual words) → the answer as a
 * word; undefined when the options are anything else.
 */
function trueFalseFromOptions(optionCells: string[], answer: string): string | undefined {
  const filled = optionCells.filter((text) => text !== '');
  const values = filled.map((text) => TRUE_FALSE.get(simpleKey(text)));
  if (filled.length !== 2 || optionCells.slice(2).some((text) => text !== '') || values[0] === undefined || values[1] === undefined || values[0] === values[1]) return undefined;
  if (TRUE_FALSE.has(simpleKey(answer))) return answer;
  const letter = LETTERS.indexOf(answer.normalize('NFKC').toUpperCase().replace(/[\s.、]/gu, ''));
  const value = values[letter];
  return value === undefined ? answer : value ? '对' : '错';
}

/** An option's letter as people mark it: A. A、 A． A: (A) （A） Ａ. — full-width or not, either case. */
const OPTION_MARK = /(?:[(（]\s*([A-Ha-hＡ-Ｈａ-ｈ])\s*[)）]|([A-Ha-hＡ-Ｈａ-ｈ])\s*[.．、:：)）])/gu;

/**
 * All options written in one cell (“A.北京 B.上海”, “A、北京\nB、上海”, “(A)北京(B)上海”) → the option
 * texts in order; undefined unless the marks run A, B, C … from the very start, two at least.
 */
export function splitOptions(text: string): string[] | undefined {
  const trimmed = text.trim();
  const marks: Array<{ at: number; end: number; letter: number }> = [];
  for (const match of trimmed.matchAll(OPTION_MARK)) {
    const letter = LETTERS.indexOf((match[1] ?? match[2] ?? '').normalize('NFKC').toUpperCase());
    if (letter === marks.length) marks.push({ at: match.index, end: match.index + match[0].length, letter });
  }
  if (marks.length < MIN_OPTIONS || marks[0]?.at !== 0) return undefined;
  const options = marks.map((mark, index) => trimmed.slice(mark.end, marks[index + 1]?.at ?? trimmed.length).trim().replace(/[;；]$/u, '').trim());
  return options.some((option) => option === '') ? undefined : options;
}

/** One question as a row of the template, the inverse of what validateQuestionRows reads. */
export function questionToTemplateRow(question: QuestionContent): string[] {
  return [
    TYPE_LABELS[question.type],
    question.stem,
    ...OPTION_LETTERS.map((_, index) => question.options[index] ?? ''),
    answerText(question.answer),
    question.explanation,
    question.category,
    question.tags.join('，'),
    DIFFICULTY_LABELS[question.difficulty],
    question.source,
  ];
}

/** 答案 as people type it: letters (A, ACD), 对/错, or alternatives joined with |. */
function answerText(answer: AnswerKey): string {
  switch (answer.type) {
    case 'single':
      return LETTERS[answer.option] ?? '';
    case 'multiple':
      return [...answer.options].sort((a, b) => a - b).map((index) => LETTERS[index] ?? '').join('');
    case 'truefalse':
      return answer.value ? '对' : '错';
    case 'fill':
      return answer.accepted.join('|');
  }
}

/** A whole bank as the template: the header row, then one row per question. */
export function questionsToTemplate(questions: QuestionContent[]): string[][] {
  return [[...QUESTION_TEMPLATE_HEADER], ...questions.map(questionToTemplateRow)];
}

/** Typed words (题型, 对/错, 难度) compare without spaces, full-width forms or case. */
function simpleKey(text: string): string {
  return text.normalize('NFKC').replace(/\s+/gu, '').toLowerCase();
}

/**
 * How the 答案 column (and the question form's 答案 field) is written, one line per type with an
 * example: the words the import page and the question form both show.
 */
export const ANSWER_HELP: Readonly<Record<QuestionType, { how: string; example: string }>> = {
  single: { how: '写正确选项的字母。', example: '正确答案是选项B，就写：B' },
  multiple: { how: '把所有正确选项的字母连着写，不用加逗号。', example: '选项A、C、D都对，就写：ACD' },
  truefalse: { how: '写“对”或“错”。', example: '这句话是正确的，就写：对' },
  fill: {
    how: '写正确答案。几种说法都算对时，用竖线“|”隔开。数字写成“8”或“八”、多了空格或标点，判分时都算一样，不用重复写。',
    example: '“八项规定”和“中央八项规定”都算对，就写：八项规定|中央八项规定',
  },
};

/** The type a name stands for (单选, 单选题, 单项选择题, single …), as the 题型 column reads it; the text import's headings use it too. */
export function questionTypeNamed(text: string): QuestionType | undefined {
  return TYPE_BY_NAME.get(simpleKey(text));
}

/** 对/错, 正确/错误, √/× … as a 判断 answer reads them; undefined for anything else. */
export function trueFalseNamed(text: string): boolean | undefined {
  return TRUE_FALSE.get(simpleKey(text));
}
