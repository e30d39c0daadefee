import type { Role } from '../../db/schema/accounts';
import { isValidPhone, normalizePhone } from './phone';

/**
 * Admins' bulk import of learners from a spreadsheet: parse XLSX or CSV into a matrix of strings,
 * then check every row before anything is written. Pure: no I/O, no database.
 */

export const MAX_IMPORT_ROWS = 2000;
export const MAX_NAME_LENGTH = 20;

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
  branchId: number;
  roles: Role[];
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
  valid: ValidLearnerRow[];
  invalid: InvalidLearnerRow[];
}

/** Chinese role names as people type them; order follows ROLES. */
const ROLE_LABELS: Record<Role, string> = {
  learner: '学员',
  instructor: '讲师',
  organiser: '组织者',
  admin: '管理员',
  liaison: '支部联络员',
};
const ROLE_ORDER = Object.keys(ROLE_LABELS) as Role[];
const ROLE_BY_NAME = new Map<string, Role>(
  ROLE_ORDER.flatMap((role) => [
    [ROLE_LABELS[role], role],
    [role, role],
  ]),
);
const ROLE_LIST = ROLE_ORDER.map((role) => ROLE_LABELS[role]).join('、');

type Column = 'name' | 'phone' | 'branch' | 'roles';

const HEADER_NAMES: Record<string, Column> = {
  姓名: 'name',
  手机号: 'phone',
  手机号码: 'phone',
  党支部: 'branch',
  支部: 'branch',
  角色: 'roles',
};
const REQUIRED_COLUMNS: ReadonlyArray<readonly [Column, string]> = [
  ['name', '姓名'],
  ['phone', '手机号'],
  ['branch', '党支部'],
];

/**
 * Check the rows of an import file. The first non-blank row is the header; blank rows are ignored.
 * Every other row lands in exactly one of `valid` or `invalid`, unless the file itself is wrong.
 */
export function validateLearnerRows(rows: string[][], context: ImportContext): ImportPreview {
  const fileError = (message: string): ImportPreview => ({ fileErrors: [message], valid: [], invalid: [] });

  const headerIndex = rows.findIndex((cells) => !isBlankRow(cells));
  const header = headerIndex === -1 ? undefined : rows[headerIndex];
  if (header === undefined) {
    return fileError('文件里没有内容。请在第一行写上列名：姓名、手机号、党支部、角色（角色可以不填），从第二行起每行填一位学员。');
  }

  const columns = new Map<Column, number>();
  for (const [index, cell] of header.entries()) {
    const column = HEADER_NAMES[headerKey(cell)];
    if (column === undefined) continue;
    if (columns.has(column)) {
      return fileError(`表格第一行有两列都是“${cell.trim()}”。请删掉多余的一列，再重新上传。`);
    }
    columns.set(column, index);
  }
  const missing = REQUIRED_COLUMNS.filter(([column]) => !columns.has(column)).map(([, label]) => label);
  if (missing.length > 0) {
    return fileError(
      `表格第一行缺少这几列：${missing.join('、')}。请在第一行写上列名：姓名、手机号、党支部、角色（角色可以不填），再重新上传。`,
    );
  }

  const dataRows: Array<{ row: number; cells: string[] }> = [];
  for (let index = headerIndex + 1; index < rows.length; index++) {
    const cells = rows[index];
    if (cells !== undefined && !isBlankRow(cells)) dataRows.push({ row: index + 1, cells });
  }
  if (dataRows.length === 0) {
    return fileError('表格里只有列名，没有学员。请从第二行起每行填一位学员，再重新上传。');
  }
  if (dataRows.length > MAX_IMPORT_ROWS) {
    return fileError(
      `表格里有 ${dataRows.length} 位学员，一次最多导入 ${MAX_IMPORT_ROWS} 位。请把表格分成几个文件，分批导入。`,
    );
  }

  const branchIds = new Map<string, number>();
  for (const [branchName, id] of context.branches) branchIds.set(branchKey(branchName), id);
  const branchHint =
    context.branches.size > 0 && context.branches.size <= 8 ? `现有的支部是：${[...context.branches.keys()].join('、')}。` : '';

  const cell = (cells: string[], column: Column): string => {
    const index = columns.get(column);
    return index === undefined ? '' : (cells[index] ?? '').trim();
  };

  const checked = dataRows.map(({ row, cells }) => {
    const problems: string[] = [];

    const name = cell(cells, 'name').replace(/\s+/g, ' ');
    const nameLength = [...name].length;
    if (nameLength === 0) problems.push('没有填姓名，请补上。');
    else if (nameLength > MAX_NAME_LENGTH) {
      problems.push(`姓名太长了（${nameLength}个字），最多${MAX_NAME_LENGTH}个字，请改短。`);
    }

    const typedPhone = cell(cells, 'phone');
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

    let branchId: number | undefined;
    const branchName = cell(cells, 'branch');
    if (branchName === '') problems.push(`没有填党支部，请填上支部名称。${branchHint}`);
    else {
      branchId = branchIds.get(branchKey(branchName));
      if (branchId === undefined) {
        problems.push(`找不到“${branchName}”这个党支部。请先新建这个支部，或检查名称是否写错。${branchHint}`);
      }
    }

    const roles = new Set<Role>();
    const typedRoles = cell(cells, 'roles');
    for (const part of typedRoles.split(/[、,，\s]+/)) {
      if (part === '') continue;
      const role = ROLE_BY_NAME.get(part.toLowerCase());
      if (role === undefined) problems.push(`不认识“${part}”这个角色。角色只能填：${ROLE_LIST}，几个角色之间用顿号隔开。`);
      else roles.add(role);
    }
    if (roles.size === 0) roles.add('learner');

    return {
      row,
      name,
      phone: phoneOk ? phone : typedPhone,
      phoneOk,
      branchId,
      roles: ROLE_ORDER.filter((role) => roles.has(role)),
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

  const preview: ImportPreview = { fileErrors: [], valid: [], invalid: [] };
  for (const entry of checked) {
    const others = entry.phoneOk ? (rowsByPhone.get(entry.phone) ?? []).filter((row) => row !== entry.row) : [];
    if (others.length > 0) {
      const where = others.map((row) => `第${row}行`).join('、');
      entry.problems.push(`这个手机号和${where}重复了。一个手机号只能对应一位学员，请核对后改正。`);
    }
    if (entry.problems.length === 0 && entry.branchId !== undefined) {
      preview.valid.push({ row: entry.row, name: entry.name, phone: entry.phone, branchId: entry.branchId, roles: entry.roles });
    } else {
      preview.invalid.push({ row: entry.row, name: entry.name, phone: entry.phone, problems: entry.problems });
    }
  }
  return preview;
}

function isBlankRow(cells: string[]): boolean {
  return cells.every((cell) => cell.trim() === '');
}

/** 姓名 / 姓 名 / 姓名* / 手机号（必填） all mean the same column. */
function headerKey(cell: string): string {
  return cell
    .normalize('NFKC')
    .replace(/\s+/g, '')
    .replace(/\*/g, '')
    .replace(/\([^)]*\)$/, '');
}

/** Branch names match regardless of spaces and full-width forms. */
function branchKey(name: string): string {
  return name.normalize('NFKC').replace(/\s+/g, '');
}
