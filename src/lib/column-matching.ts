/**
 * Column matching for spreadsheets that are not our template (the question import and the people
 * import): find the header row below any title rows, guess what each column holds from the names
 * other templates give it, and describe the matching so the organiser can change any guess.
 * Pure: no I/O.
 */

/** The choice for a column whose contents are not imported. */
export const SKIP = '不导入';

/** One worksheet (a CSV file is one sheet named after nothing). */
export interface SheetRows {
  name: string;
  rows: string[][];
}

export interface ColumnGuess {
  /** 0-based column index. */
  index: number;
  /** The column's name as written in the header row. */
  header: string;
  /** The first filled cell under the header, to help the organiser recognise the column. */
  sample: string;
  /** The field guessed (or chosen), or SKIP. */
  field: string;
  /** Whether the name was recognised (a known name of a field, or of a column never imported). */
  known: boolean;
}

export interface SheetLayout {
  sheet: string;
  /** 0-based index of the header row in the sheet's rows. */
  headerIndex: number;
  columns: ColumnGuess[];
}

/** 题干 / 题 干 / 题干* / 答案（必填） / 选项a all name the same column. */
export function headerKey(cell: string): string {
  return cell
    .normalize('NFKC')
    .replace(/[\s*:：]+/gu, '')
    .replace(/\([^)]*\)$/u, '')
    .toUpperCase();
}

/** field → the names it goes by → one lookup by headerKey. */
export function knownNames(table: Readonly<Record<string, readonly string[]>>): Map<string, string> {
  const known = new Map<string, string>();
  for (const [field, names] of Object.entries(table)) for (const name of [field, ...names]) known.set(headerKey(name), field);
  return known;
}

export function isBlankRow(cells: readonly string[]): boolean {
  return cells.every((cell) => cell.trim() === '');
}

/** How many title rows may sit above the header (德城区离退休干部花名册, 2024年知识竞赛题库 …). */
const HEADER_SCAN = 10;

/**
 * The header row: among the first non-blank rows, the first that names at least two known columns
 * (a title row above it names none); otherwise the first non-blank row. -1 when the sheet is blank.
 */
export function findHeaderRow(rows: readonly string[][], known: ReadonlyMap<string, string>): number {
  let first = -1;
  let scanned = 0;
  for (let index = 0; index < rows.length && scanned < HEADER_SCAN; index++) {
    const cells = rows[index] ?? [];
    if (isBlankRow(cells)) continue;
    if (first === -1) first = index;
    scanned++;
    const named = new Set(cells.map((cell) => known.get(headerKey(cell))).filter((field) => field !== undefined && field !== SKIP));
    if (named.size >= 2) return index;
  }
  return first;
}

/**
 * A guess for every column of the header row. A column whose field an earlier column already took
 * is not imported and counts as unrecognised, so the organiser sees it.
 */
export function guessColumns(rows: readonly string[][], headerIndex: number, known: ReadonlyMap<string, string>): ColumnGuess[] {
  const header = rows[headerIndex] ?? [];
  const width = Math.max(header.length, ...rows.slice(headerIndex + 1, headerIndex + 50).map((cells) => lastFilled(cells) + 1));
  const taken = new Set<string>();
  const columns: ColumnGuess[] = [];
  for (let index = 0; index < width; index++) {
    const typed = (header[index] ?? '').trim();
    const sample = rows.slice(headerIndex + 1).find((cells) => (cells[index] ?? '').trim() !== '')?.[index]?.trim() ?? '';
    // A column with neither a name nor anything under it is just the sheet's edge.
    if (typed === '' && sample === '') continue;
    const guess = typed === '' ? undefined : known.get(headerKey(typed));
    if (guess === undefined || (guess !== SKIP && taken.has(guess))) {
      columns.push({ index, header: typed, sample, field: SKIP, known: false });
      continue;
    }
    taken.add(guess);
    columns.push({ index, header: typed, sample, field: guess, known: true });
  }
  return columns;
}

function lastFilled(cells: readonly string[]): number {
  for (let index = cells.length - 1; index >= 0; index--) if ((cells[index] ?? '').trim() !== '') return index;
  return -1;
}

/** Sheets whose header rows name the same columns share one matching (and a saved one). */
export function headerSignature(columns: readonly ColumnGuess[]): string {
  return columns.map((column) => headerKey(column.header)).join('\u001f');
}

/** The non-blank rows under the header, with their 1-based spreadsheet row numbers. */
export function dataRowsBelow(rows: readonly string[][], headerIndex: number): Array<{ row: number; cells: string[] }> {
  const dataRows: Array<{ row: number; cells: string[] }> = [];
  for (let index = headerIndex + 1; index < rows.length; index++) {
    const cells = rows[index];
    if (cells !== undefined && !isBlankRow(cells)) dataRows.push({ row: index + 1, cells });
  }
  return dataRows;
}

/** What is wrong with a matching: a field chosen for two columns, a required field for none. */
export function matchingProblems(columns: readonly ColumnGuess[], required: readonly string[], where: string): string[] {
  const problems: string[] = [];
  const byField = new Map<string, string[]>();
  for (const column of columns) {
    if (column.field === SKIP) continue;
    byField.set(column.field, [...(byField.get(column.field) ?? []), column.header || `第${column.index + 1}列`]);
  }
  for (const [field, headers] of byField) {
    if (headers.length > 1) problems.push(`${where}“${headers.join('”“')}”这几列都选了“${field}”，一项只能对应一列。请把多余的改成“${SKIP}”。`);
  }
  const missing = required.filter((field) => !byField.has(field));
  if (missing.length > 0) problems.push(`${where}还没有哪一列对应“${missing.join('”“')}”，请在“核对每一列是什么”里为它选一列。`);
  return problems;
}

/** 工作表“单选题”: how a row's sheet is named in messages, when the file has several. */
export function sheetLabel(sheet: string | undefined): string {
  return sheet === undefined || sheet === '' ? '' : `工作表“${sheet}”`;
}

/** Sheets sharing one header (one sheet per type, same columns): one matching for them all. */
export interface MatchingGroup {
  sheets: string[];
  signature: string;
  columns: ColumnGuess[];
}

export function groupLayouts(layouts: readonly SheetLayout[]): MatchingGroup[] {
  const groups: MatchingGroup[] = [];
  for (const layout of layouts) {
    const signature = headerSignature(layout.columns);
    const group = groups.find((other) => other.signature === signature);
    if (group) group.sheets.push(layout.sheet);
    else groups.push({ sheets: [layout.sheet], signature, columns: layout.columns });
  }
  return groups;
}

/**
 * The organiser's choices (one per column, group after group, as the matching form lists them)
 * applied to every sheet of each group; a message when they do not fit the file.
 */
export function applyChosenFields<Layout extends SheetLayout>(layouts: readonly Layout[], chosen: readonly string[], allowed: readonly string[]): Layout[] | string {
  const groups = groupLayouts(layouts);
  const total = groups.reduce((sum, group) => sum + group.columns.length, 0);
  if (chosen.length !== total || chosen.some((field) => !allowed.includes(field))) return '选择的列和这个文件对不上。请重新上传文件。';
  const bySignature = new Map<string, string[]>();
  let at = 0;
  for (const group of groups) {
    bySignature.set(group.signature, chosen.slice(at, at + group.columns.length));
    at += group.columns.length;
  }
  return layouts.map((layout) => {
    const fields = bySignature.get(headerSignature(layout.columns)) ?? [];
    return { ...layout, columns: layout.columns.map((column, index) => ({ ...column, field: fields[index] ?? SKIP, known: true })) };
  });
}

/** A file whose columns need matching: where its rows are held, and the columns to match. */
export interface MatchingStep {
  sourceId: number;
  groups: MatchingGroup[];
}
