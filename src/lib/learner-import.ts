import { isValidPhone, normalizePhone } from './phone';
import { dataRowsBelow, findHeaderRow, guessColumns, headerKey, headerSignature, knownNames, matchingProblems, SKIP, type ColumnGuess, type SheetLayout } from './column-matching';

/**
 * Admins' bulk import of learners from a spreadsheet: parse XLSX or CSV into a matrix of strings,
 * then check every row before anything is written. Pure: no I/O, no database.
 */

export const MAX_IMPORT_ROWS = 2000;
export const MAX_NAME_LENGTH = 20;
/** As the 党支部 page allows (branchNameField). */
export const MAX_BRANCH_LENGTH = 40;

export interface ImportContext {
  /** Phones already registered, normalised to 11 digits. */
  existingPhones: Set<string>;
  /** Branch name → branch id. */
  branches: Map<string, number>;
}

export interface ValidLearnerRow {
  /** 1-based spreadsheet row number. */
  row: number;
  name: string;
  phone: string;
  /** null when the row's 党支部 does not exist yet: `newBranch` names it. */
  branchId: number | null;
  /** A 党支部 to create when the admin confirms it. */
  newBranch?: string;
}

export interface InvalidLearnerRow {
  /** 1-based spreadsheet row number. */
  row: number;
  name: string;
  phone: string;
  /** Plain Chinese, each saying what to fix. */
  problems: string[];
}

export interface ImportPreview {
  /** Problems with the file as a whole; when present, no rows were checked. */
  fileErrors: string[];
  /** Things to know that block nothing (a 角色 column, which import no longer uses). */
  notices: string[];
  valid: ValidLearnerRow[];
  invalid: InvalidLearnerRow[];
  /** 党支部 names the file uses that do not exist yet, with how many rows use each. */
  newBranches: Array<{ name: string; rows: number }>;
}

/**
 * Import creates learners only: a printed first sign-in code must never open a staff account, so
 * staff roles are granted one by one on the admin users page. An old sheet's 角色 column is read
 * only to tell the admin which rows asked for a staff role (it blocks nothing: the rows become
 * learners, and the notice says where to grant the role).
 */
const LEARNER_WORDS = new Set(['', '学员', 'learner']);

/** What a roster's column can be matched to, in the order the drop-down lists them. */
export const LEARNER_FIELDS: readonly string[] = ['姓名', '手机号', '党支部', SKIP];
const REQUIRED_COLUMNS = ['姓名', '手机号', '党支部'];
/** Names rosters (花名册) give the same columns; the personal columns listed under SKIP are never kept. */
const LEARNER_NAMES = knownNames({
  姓名: ['名字', '学员姓名', '人员姓名', '党员姓名', '老干部姓名'],
  手机号: ['手机号码', '手机', '联系电话', '联系方式', '电话', '电话号码', '移动电话', '联系手机', '手机电话'],
  党支部: ['支部', '所在党支部', '支部名称', '所属党支部', '所属支部', '党支部名称', '所在支部'],
  角色: [],
  [SKIP]: [
    '序号', '编号', '性别', '出生年月', '出生日期', '年龄', '身份证号', '身份证号码', '身份证', '民族', '籍贯', '学历', '文化程度',
    '政治面貌', '入党时间', '参加工作时间', '退休时间', '离退休时间', '原工作单位', '原单位', '原职务', '职务', '职级', '住址',
    '家庭住址', '现住址', '备注', '健康状况', '紧急联系人',
  ],
});
const TEMPLATE_HINT = '请在第一行写上列名：姓名、手机号、党支部';

/** The roster's header row (below any title row) and a guess for each column; undefined when blank. */
export function planLearnerImport(rows: readonly string[][], saved: (signature: string) => readonly string[] | undefined = () => undefined): SheetLayout | undefined {
  const headerIndex = findHeaderRow(rows, LEARNER_NAMES);
  if (headerIndex === -1) return undefined;
  const guessed = guessColumns(rows, headerIndex, LEARNER_NAMES);
  const fields = saved(headerSignature(guessed));
  const columns: ColumnGuess[] =
    fields?.length === guessed.length && fields.every((field) => LEARNER_FIELDS.includes(field))
      ? guessed.map((column, index) => ({ ...column, field: fields[index] ?? SKIP, known: true }))
      : guessed;
  return { sheet: '', headerIndex, columns };
}

/** Whether every column was recognised and 姓名, 手机号, 党支部 each found: then no matching step. */
export function learnerLayoutRecognised(layout: SheetLayout): boolean {
  return layout.columns.every((column) => column.known) && matchingProblems(layout.columns, REQUIRED_COLUMNS, '').length === 0;
}

/**
 * The rows as they may be held while the admin matches columns: every column recognised as
 * personal information the import never uses (身份证号, 性别, 出生年月 …) emptied.
 */
export function withoutIgnoredColumns(rows: readonly string[][], layout: SheetLayout): string[][] {
  const dropped = new Set(layout.columns.filter((column) => column.known && column.field === SKIP).map((column) => column.index));
  return rows.map((cells, index) => (index <= layout.headerIndex ? [...cells] : cells.map((cell, column) => (dropped.has(column) ? '' : cell))));
}

/**
 * Check the rows of an import file: the header is found by its column names (the template's or a
 * roster's); blank rows are ignored. Every other row lands in exactly one of `valid` or `invalid`,
 * unless the file itself is wrong.
 */
export function validateLearnerRows(rows: string[][], context: ImportContext): ImportPreview {
  const layout = planLearnerImport(rows);
  if (layout === undefined) return learnerFileError(`文件里没有内容。${TEMPLATE_HINT}，从第二行起每行填一位学员。`);
  const duplicate = layout.columns.find((column) => !column.known && LEARNER_NAMES.has(headerKey(column.header)));
  if (duplicate !== undefined) return learnerFileError(`表格第一行有两列都是“${duplicate.header}”。请删掉多余的一列，再重新上传。`);
  const missing = REQUIRED_COLUMNS.filter((field) => !layout.columns.some((column) => column.field === field));
  if (missing.length > 0) return learnerFileError(`表格第一行缺少这几列：${missing.join('、')}。${TEMPLATE_HINT}，再重新上传。`);
  return previewLearnerRows(rows, layout, context);
}

function learnerFileError(message: string): ImportPreview {
  return { fileErrors: [message], notices: [], valid: [], invalid: [], newBranches: [] };
}

/** Check every row under the given matching; problems with the matching itself are file errors. */
export function previewLearnerRows(rows: readonly string[][], layout: SheetLayout, context: ImportContext): ImportPreview {
  const matching = matchingProblems(layout.columns, REQUIRED_COLUMNS, '');
  if (matching.length > 0) return { ...learnerFileError(''), fileErrors: matching };
  const columns = new Map(layout.columns.filter((column) => column.field !== SKIP).map((column) => [column.field, column.index]));

  const dataRows = dataRowsBelow(rows, layout.headerIndex);
  if (dataRows.length === 0) {
    return learnerFileError('表格里只有列名，没有学员。请从第二行起每行填一位学员，再重新上传。');
  }
  if (dataRows.length > MAX_IMPORT_ROWS) {
    return learnerFileError(`表格里有 ${dataRows.length} 位学员，一次最多导入 ${MAX_IMPORT_ROWS} 位。请把表格分成几个文件，分批导入。`);
  }

  const newBranchNames = new Map<string, string>();
  const branchIds = new Map<string, number>();
  for (const [branchName, id] of context.branches) branchIds.set(branchKey(branchName), id);
  const branchHint =
    context.branches.size > 0 && context.branches.size <= 8 ? `现有的支部是：${[...context.branches.keys()].join('、')}。` : '';

  const cell = (cells: string[], column: string): string => {
    const index = columns.get(column);
    return index === undefined ? '' : (cells[index] ?? '').trim();
  };

  const checked = dataRows.map(({ row, cells }) => {
    const problems: string[] = [];

    const name = cell(cells, '姓名').replace(/\s+/g, ' ');
    const nameLength = [...name].length;
    if (nameLength === 0) problems.push('没有填姓名，请补上。');
    else if (nameLength > MAX_NAME_LENGTH) {
      problems.push(`姓名太长了（${nameLength}个字），最多${MAX_NAME_LENGTH}个字，请改短。`);
    }

    const typedPhone = cell(cells, '手机号');
    const phone = normalizePhone(typedPhone);
    const phoneOk = isValidPhone(phone);
    if (typedPhone === '') problems.push('没有填手机号，请补上11位手机号。');
    else if (!phoneOk) {
      problems.push(
        /^\d+(\.\d+)?e\+?\d+$/i.test(phone)
          ? `手机号应是11位数字，现在是“${typedPhone}”，被表格变成了科学计数法。请把手机号这一列设为“文本”格式，重新填好号码。`
          : `手机号应是11位数字、以1开头，现在是“${typedPhone}”。请核对后改正。`,
      );
    } else if (context.existingPhones.has(phone)) {
      problems.push('这个手机号已经注册过了，不用再导入。请删掉这一行，或核对号码是否填错。');
    }

    let branchId: number | null = null;
    let newBranch: string | undefined;
    const branchName = cell(cells, '党支部').replace(/\s+/gu, ' ');
    if (branchName === '') problems.push(`没有填党支部，请填上支部名称。${branchHint}`);
    else {
      branchId = branchIds.get(branchKey(branchName)) ?? null;
      const length = [...branchName].length;
      if (branchId === null && (length < 2 || length > MAX_BRANCH_LENGTH)) {
        problems.push(`找不到“${branchName}”这个党支部，这个名称也不能用来新建（要2到${MAX_BRANCH_LENGTH}个字）。请检查名称是否写错。${branchHint}`);
      } else if (branchId === null) {
        // Rows spelling one new branch differently (spaces, full-width) propose it once, as first written.
        const key = branchKey(branchName);
        if (!newBranchNames.has(key)) newBranchNames.set(key, branchName);
        newBranch = newBranchNames.get(key);
      }
    }

    const typedRole = cell(cells, '角色');
    const asksForStaff = !typedRole.split(/[、,，\s]+/).every((part) => LEARNER_WORDS.has(part.toLowerCase()));

    return {
      row,
      name,
      phone: phoneOk ? phone : typedPhone,
      phoneOk,
      branchId,
      newBranch,
      asksForStaff,
      problems,
    };
  });

  const rowsByPhone = new Map<string, number[]>();
  for (const entry of checked) {
    if (!entry.phoneOk) continue;
    const list = rowsByPhone.get(entry.phone);
    if (list === undefined) rowsByPhone.set(entry.phone, [entry.row]);
    else list.push(entry.row);
  }

  const preview: ImportPreview = { fileErrors: [], notices: [], valid: [], invalid: [], newBranches: [] };
  const staffRows = checked.filter((entry) => entry.asksForStaff).map((entry) => `第${entry.row}行`);
  if (staffRows.length > 0) {
    preview.notices.push(
      `${staffRows.slice(0, 10).join('、')}${staffRows.length > 10 ? `等${staffRows.length}行` : ''}的“角色”一栏填了学员以外的角色。导入只建立学员账号；需要讲师、组织者或管理员权限的，请导入后到“用户”页面为本人授予。`,
    );
  }
  for (const entry of checked) {
    const others = entry.phoneOk ? (rowsByPhone.get(entry.phone) ?? []).filter((row) => row !== entry.row) : [];
    if (others.length > 0) {
      const where = others.map((row) => `第${row}行`).join('、');
      entry.problems.push(`这个手机号和${where}重复了。一个手机号只能对应一位学员，请核对后改正。`);
    }
    if (entry.problems.length === 0 && (entry.branchId !== null || entry.newBranch !== undefined)) {
      const branch = entry.newBranch === undefined ? {} : { newBranch: entry.newBranch };
      preview.valid.push({ row: entry.row, name: entry.name, phone: entry.phone, branchId: entry.branchId, ...branch });
    } else {
      preview.invalid.push({ row: entry.row, name: entry.name, phone: entry.phone, problems: entry.problems });
    }
  }
  const rowsByBranch = new Map<string, number>();
  for (const entry of preview.valid) if (entry.newBranch !== undefined) rowsByBranch.set(entry.newBranch, (rowsByBranch.get(entry.newBranch) ?? 0) + 1);
  preview.newBranches = [...rowsByBranch].map(([name, count]) => ({ name, rows: count }));
  return preview;
}

/** Branch names match regardless of spaces and full-width forms. */
function branchKey(name: string): string {
  return name.normalize('NFKC').replace(/\s+/g, '');
}
