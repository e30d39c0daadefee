import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { MAX_XLSX_UNPACKED_BYTES, readSpreadsheet, toCsv, toXlsx, xlsxUnpackedSize } from '../../src/lib/spreadsheet';

const header = ['题干', '选项A'];

describe('spreadsheets written here read back unchanged', () => {
  it('CSV, including cells that look like formulas', async () => {
    const rows = [
      ['-1 的绝对值是多少？', '-1'],
      ['=SUM(A1)', '+5'],
      ['@某人', '普通文字'],
    ];
    const bytes = new TextEncoder().encode(toCsv(header, rows));
    expect(await readSpreadsheet('题库.csv', bytes)).toEqual([header, ...rows]);
  });

  it('CSV, for any text without surrounding spaces', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.tuple(fc.string({ minLength: 1 }), fc.string({ minLength: 1 })), { minLength: 1, maxLength: 5 }), async (rows) => {
        const clean = rows.map((row) => row.map((cell) => `x${cell.replace(/[\r\n]/g, ' ')}x`));
        const bytes = new TextEncoder().encode(toCsv(header, clean));
        expect(await readSpreadsheet('a.csv', bytes)).toEqual([header, ...clean]);
      }),
      { numRuns: 50 },
    );
  });

  it('XLSX', async () => {
    const rows = [['中共一大在哪一年召开？', '-1']];
    expect(await readSpreadsheet('题库.xlsx', await toXlsx('题库', header, rows))).toEqual([header, ...rows]);
  });
});

describe('xlsx files that unpack to far more than a spreadsheet', () => {
  it('measures a real workbook, and refuses one that says it unpacks to gigabytes before unpacking it', async () => {
    const bytes = await toXlsx('题库', ['题型', '题干'], [['单选', '中共一大在哪一年召开？']]);
    const size = xlsxUnpackedSize(bytes);
    expect(size).toBeGreaterThan(bytes.length);
    expect(size).toBeLessThan(MAX_XLSX_UNPACKED_BYTES);
    // Make the first central-directory entry claim 2 GB, as a zip bomb's would.
    const bomb = new Uint8Array(bytes);
    const view = new DataView(bomb.buffer);
    const entry = bomb.findIndex((_, at) => at + 4 <= bomb.length && view.getUint32(at, true) === 0x02014b50);
    view.setUint32(entry + 24, 0x7fffffff, true);
    expect(xlsxUnpackedSize(bomb)).toBeGreaterThan(MAX_XLSX_UNPACKED_BYTES);
    await expect(readSpreadsheet('题库.xlsx', bomb)).rejects.toThrow(/解开后太大/);
    expect(xlsxUnpackedSize(new TextEncoder().encode('不是压缩文件'))).toBeNull();
  });
});
