import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { deflateRawSync } from 'node:zlib';
import { readSpreadsheet, toCsv, toXlsx } from '../../src/lib/spreadsheet';
import { checkZip, MAX_UNPACKED_BYTES, readUploadedSpreadsheet, UploadRefused } from '../../src/lib/server/upload-guard';

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

/**
 * A one-entry zip whose deflated data unpacks to `actual` bytes of zeros while its headers (local
 * and central directory alike) declare `declared` bytes: what a zip bomb that lies looks like.
 */
function craftedZip(actual: number, declared: number): Uint8Array {
  const name = Buffer.from('xl/worksheets/sheet1.xml');
  const data = deflateRawSync(Buffer.alloc(actual), { level: 9 });
  const local = Buffer.alloc(30);
  local.writeUInt32LE(0x04034b50, 0);
  local.writeUInt16LE(20, 4);
  local.writeUInt16LE(8, 8); // deflate
  local.writeUInt32LE(0, 14); // CRC: not checked before the sizes are
  local.writeUInt32LE(data.length, 18);
  local.writeUInt32LE(declared, 22);
  local.writeUInt16LE(name.length, 26);
  const central = Buffer.alloc(46);
  central.writeUInt32LE(0x02014b50, 0);
  central.writeUInt16LE(20, 4);
  central.writeUInt16LE(20, 6);
  central.writeUInt16LE(8, 10);
  central.writeUInt32LE(data.length, 20);
  central.writeUInt32LE(declared, 24);
  central.writeUInt16LE(name.length, 28);
  central.writeUInt32LE(0, 42); // local header at 0
  const directoryAt = local.length + name.length + data.length;
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(1, 8);
  end.writeUInt16LE(1, 10);
  end.writeUInt32LE(central.length + name.length, 12);
  end.writeUInt32LE(directoryAt, 16);
  return new Uint8Array(Buffer.concat([local, name, data, central, name, end]));
}

describe('the upload guard', () => {
  it('lets a real workbook and a CSV through', async () => {
    const bytes = await toXlsx('题库', ['题型', '题干'], [['单选', '中共一大在哪一年召开？']]);
    await expect(checkZip(bytes)).resolves.toBeUndefined();
    expect(await readUploadedSpreadsheet({ name: '题库.xlsx', bytes })).toEqual([['题型', '题干'], ['单选', '中共一大在哪一年召开？']]);
    expect(await readUploadedSpreadsheet({ name: '名单.csv', bytes: new TextEncoder().encode('姓名\r\n王秀兰\r\n') })).toEqual([['姓名'], ['王秀兰']]);
  });

  it('stops unpacking at the cap, counting the bytes actually inflated, when a file lies about its sizes', async () => {
    // Declares 1 KB; inflates to 70 MB.
    const liar = craftedZip(70 * 1024 * 1024, 1024);
    expect(liar.length).toBeLessThan(200_000);
    await expect(checkZip(liar)).rejects.toBeInstanceOf(UploadRefused);
    await expect(readUploadedSpreadsheet({ name: '名单.xlsx', bytes: liar })).rejects.toThrow(/打不开|解开后太大/);
    // Says honestly that it unpacks to more than the cap: stopped at the cap, refused as too big.
    const honest = craftedZip(MAX_UNPACKED_BYTES + 1024 * 1024, MAX_UNPACKED_BYTES + 1024 * 1024);
    await expect(readUploadedSpreadsheet({ name: '名单.xlsx', bytes: honest })).rejects.toThrow(/解开后太大/);
    // A small cap shows the count is of inflated bytes: 2 MB real data over a 1 MB cap.
    await expect(checkZip(craftedZip(2 * 1024 * 1024, 2 * 1024 * 1024), 1024 * 1024)).rejects.toThrow(/解开后太大/);
    await expect(checkZip(craftedZip(512 * 1024, 512 * 1024), 1024 * 1024)).resolves.toBeUndefined();
  });

  it('refuses a workbook whose zip directory cannot be read, and a file that is no zip at all', async () => {
    const bytes = await toXlsx('题库', ['题型'], [['单选']]);
    const broken = new Uint8Array(bytes);
    const view = new DataView(broken.buffer);
    for (let at = broken.length - 22; at >= 0; at--) {
      if (view.getUint32(at, true) === 0x06054b50) {
        view.setUint32(at + 16, broken.length + 1000, true); // the directory "starts" past the end
        break;
      }
    }
    await expect(readUploadedSpreadsheet({ name: '题库.xlsx', bytes: broken })).rejects.toThrow(/不是 Excel 表格.*另存为/);
    await expect(readUploadedSpreadsheet({ name: '题库.xlsx', bytes: new TextEncoder().encode('不是压缩文件') })).rejects.toThrow(/不是 Excel 表格/);
  });
});
