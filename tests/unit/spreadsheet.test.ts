import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { readSpreadsheet, toCsv, toXlsx } from '../../src/lib/spreadsheet';

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
