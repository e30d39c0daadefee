import Papa from 'papaparse';
import type ExcelJS from 'exceljs';
import { UserFacingError } from './result';

/** ExcelJS is large: loaded on the first spreadsheet, not with every server process's actions. */
const loadExcel = async (): Promise<typeof ExcelJS> => (await import('exceljs')).default;

/**
 * Spreadsheets in and out: the learner import, the question-bank import and export, and the
 * studio's learner lists all read and write files here. Pure: bytes in, bytes out.
 */

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** Excel on Chinese Windows often saves CSV as GBK: fall back to GB18030 when it is not UTF-8. */
export function decodeCsv(bytes: Uint8Array): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return new TextDecoder('gb18030').decode(bytes);
  }
}

/** CSV text (already decoded) → rows of cells. A UTF-8 BOM is dropped and empty lines are skipped. */
export function parseCsv(text: string): string[][] {
  const result = Papa.parse<string[]>(text.replace(/^\uFEFF/, ''), { skipEmptyLines: true });
  return result.data;
}

/**
 * Every worksheet of an .xlsx file, in tab order → its name and rows of trimmed strings. Row i of a
 * sheet is spreadsheet row i + 1 (empty rows stay as empty arrays), so problems can name the row
 * people see in Excel. Every cell of a merged area reads as the area's top-left cell. Uploaded files
 * reach it only through lib/server/upload-guard.ts, which caps their unpacking.
 */
export async function parseXlsxSheets(data: Uint8Array): Promise<Array<{ name: string; rows: string[][] }>> {
  const workbook = new (await loadExcel()).Workbook();
  try {
    // A fresh copy gives exceljs a plain ArrayBuffer whatever `data` views.
    await workbook.xlsx.load(new Uint8Array(data).buffer);
  } catch (error) {
    throw new UserFacingError('这个文件打不开，不是 Excel 表格（.xlsx）。请在 Excel 或 WPS 里“另存为” .xlsx 或 .csv 格式，再重新上传。', { cause: error });
  }
  return workbook.worksheets.map((sheet) => {
    const rows: string[][] = [];
    for (let r = 1; r <= sheet.rowCount; r++) {
      const row = sheet.getRow(r);
      const cells: string[] = [];
      // A merged cell's value is its master's (ExcelJS), so a 题型 merged down a column fills each row.
      for (let c = 1; c <= row.cellCount; c++) cells.push(cellText(row.getCell(c).value).trim());
      rows.push(cells);
    }
    return { name: sheet.name, rows };
  });
}

/** The first worksheet of an .xlsx file → rows (see parseXlsxSheets). */
export async function parseXlsx(data: Uint8Array): Promise<string[][]> {
  return (await parseXlsxSheets(data))[0]?.rows ?? [];
}

function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  // String() writes whole numbers below 1e21 in full: a phone stored as a number stays 13812345678.
  if (typeof value === 'number') return String(value);
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? '' : value.toISOString().slice(0, 10);
  if ('richText' in value) return value.richText.map((part) => part.text).join('');
  if ('error' in value) return value.error;
  if ('hyperlink' in value) return cellText(value.text);
  if ('formula' in value || 'sharedFormula' in value) return cellText(value.result);
  return '';
}


/** An uploaded .csv or .xlsx file → rows of cells; a file it cannot read throws a UserFacingError. */
export async function readSpreadsheet(fileName: string, bytes: Uint8Array): Promise<string[][]> {
  return (await readWorkbook(fileName, bytes))[0]?.rows ?? [];
}

/** An uploaded .csv (one sheet, named '') or .xlsx file (every sheet) → sheets of rows. */
export async function readWorkbook(fileName: string, bytes: Uint8Array): Promise<Array<{ name: string; rows: string[][] }>> {
  if (!/\.csv$/i.test(fileName)) return parseXlsxSheets(bytes);
  // Undo toCsv's formula guard, so an exported CSV imports back unchanged (an option "-1" stays "-1").
  return [{ name: '', rows: parseCsv(decodeCsv(bytes)).map((row) => row.map((cell) => (/^'[=+\-@\t\r]/.test(cell) ? cell.slice(1) : cell))) }];
}

/** One table's CSV lines; `=…`, `+…`, `-…`, `@…` cells are escaped so they never run as formulas. */
function csvTable(header: readonly string[], rows: ReadonlyArray<ReadonlyArray<string | number>>): string {
  return Papa.unparse({ fields: [...header], data: rows.map((row) => [...row]) }, { escapeFormulae: true, newline: '\r\n' });
}

/** CSV that Excel opens as UTF-8 (BOM); `=…` cells are escaped so they never run as formulas. */
export function toCsv(header: readonly string[], rows: ReadonlyArray<ReadonlyArray<string | number>>): string {
  return `\uFEFF${csvTable(header, rows)}\r\n`;
}

/**
 * Several tables in one CSV file, an empty line between them (the personal data export), each
 * written and escaped exactly as toCsv writes one.
 */
export function toCsvSections(sections: ReadonlyArray<Pick<SheetData, 'header' | 'rows'>>): string {
  return `\uFEFF${sections.map(({ header, rows }) => csvTable(header, rows)).join('\r\n\r\n')}\r\n`;
}

/** One worksheet of a workbook: its tab name, header row and rows of plain values. */
export interface SheetData {
  name: string;
  header: readonly string[];
  rows: ReadonlyArray<ReadonlyArray<string | number>>;
  /** Column width by header; 20 characters when not given. */
  width?: ((header: string) => number) | undefined;
}

/**
 * A workbook of several worksheets, each with a bold, frozen header row. Cells are written as plain
 * strings and numbers, which ExcelJS stores as values: a cell reading "=SUM(A1)" never runs as a formula.
 */
export async function toXlsxBook(sheets: readonly SheetData[]): Promise<Uint8Array<ArrayBuffer>> {
  const workbook = new (await loadExcel()).Workbook();
  for (const { name, header, rows, width = () => 20 } of sheets) {
    const sheet = workbook.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 1 }] });
    sheet.columns = header.map((title) => ({ header: title, width: width(title) }));
    sheet.getRow(1).font = { bold: true };
    sheet.addRows(rows.map((row) => [...row]));
  }
  return new Uint8Array(await workbook.xlsx.writeBuffer());
}

/** One worksheet with a bold, frozen header row. */
export async function toXlsx(
  sheetName: string,
  header: readonly string[],
  rows: ReadonlyArray<ReadonlyArray<string | number>>,
  width: (header: string) => number = () => 20,
): Promise<Uint8Array<ArrayBuffer>> {
  return toXlsxBook([{ name: sheetName, header, rows, width }]);
}

/** RFC 6266 with an ASCII fallback; RFC 5987 needs `'()*` escaped too, which encodeURIComponent leaves. */
export function contentDisposition(fileName: string, fallback: string): string {
  const encoded = encodeURIComponent(fileName).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename="${fallback}"; filename*=UTF-8''${encoded}`;
}
