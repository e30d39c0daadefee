import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import ExcelJS from 'exceljs';
import { MAX_IMPORT_ROWS, validateLearnerRows, type ImportContext } from '../../src/lib/learner-import';
import { parseCsv, parseXlsx } from '../../src/lib/spreadsheet';

const HEADER = ['姓名', '手机号', '党支部', '角色'];

function context(existing: string[] = []): ImportContext {
  return {
    existingPhones: new Set(existing),
    branches: new Map([
      ['第一党支部', 1],
      ['第二党支部', 2],
    ]),
  };
}

/** The problems of one spreadsheet row, joined for matching. */
function problemsOf(rows: string[][], row: number, ctx = context()): string {
  const preview = validateLearnerRows(rows, ctx);
  expect(preview.fileErrors).toEqual([]);
  const entry = preview.invalid.find((item) => item.row === row);
  expect(entry, `row ${row} should be invalid`).toBeDefined();
  return entry?.problems.join('\n') ?? '';
}

describe('learner import: headers', () => {
  it('accepts the four columns in any order, with 支部 for 党支部 and no 角色 column', () => {
    const preview = validateLearnerRows(
      [
        ['支部', '手机号', '姓名'],
        ['第二党支部', '138 1234 5678', '王秀英'],
      ],
      context(),
    );
    expect(preview).toEqual({
      fileErrors: [],
      notices: [],
      valid: [{ row: 2, name: '王秀英', phone: '13812345678', branchId: 2 }],
      invalid: [],
      newBranches: [],
    });
  });

  it('forgives spaces, stars and notes in column names, and ignores extra columns', () => {
    const preview = validateLearnerRows(
      [
        ['序号', ' 姓 名 ', '手机号码*', '党支部（必填）', '备注'],
        ['1', '李建国', '13912345678', '第一党支部', '退休前在财政局'],
      ],
      context(),
    );
    expect(preview.fileErrors).toEqual([]);
    expect(preview.valid).toEqual([{ row: 2, name: '李建国', phone: '13912345678', branchId: 1 }]);
  });

  it('gives one file error naming the missing columns, and checks no rows', () => {
    const preview = validateLearnerRows(
      [
        ['姓名', '身份证号'],
        ['王秀英', '110101195001011234'],
      ],
      context(),
    );
    expect(preview.valid).toEqual([]);
    expect(preview.invalid).toEqual([]);
    expect(preview.fileErrors).toHaveLength(1);
    expect(preview.fileErrors[0]).toMatch(/缺少这几列：手机号、党支部/);
    expect(preview.fileErrors[0]).toMatch(/请在第一行写上列名/);
  });

  it('refuses two columns that mean the same thing', () => {
    const preview = validateLearnerRows([['姓名', '手机号', '党支部', '支部'], ['王秀英', '13812345678', '第一党支部', '']], context());
    expect(preview.fileErrors).toEqual([expect.stringMatching(/两列都是“支部”.*删掉多余的一列/)]);
    expect(preview.valid).toEqual([]);
  });

  it('says so when the file is empty or has no learners', () => {
    expect(validateLearnerRows([], context()).fileErrors[0]).toMatch(/没有内容/);
    expect(validateLearnerRows([[''], ['  ', '']], context()).fileErrors[0]).toMatch(/没有内容/);
    expect(validateLearnerRows([HEADER, ['', '', '', '']], context()).fileErrors[0]).toMatch(/只有列名，没有学员/);
  });

  it(`refuses more than ${MAX_IMPORT_ROWS} learners in one file`, () => {
    const learner = (i: number) => [`学员${i}`, `138${String(i).padStart(8, '0')}`, '第一党支部', ''];
    const atLimit = [HEADER, ...Array.from({ length: MAX_IMPORT_ROWS }, (_, i) => learner(i))];
    const fine = validateLearnerRows(atLimit, context());
    expect(fine.fileErrors).toEqual([]);
    expect(fine.valid).toHaveLength(MAX_IMPORT_ROWS);

    const tooMany = validateLearnerRows([...atLimit, learner(MAX_IMPORT_ROWS)], context());
    expect(tooMany.fileErrors).toEqual([expect.stringMatching(/2001 位学员，一次最多导入 2000 位.*分批导入/)]);
    expect(tooMany.valid).toEqual([]);
    expect(tooMany.invalid).toEqual([]);
  });

  it('counts rows as the spreadsheet does, skipping blank rows and a blank top', () => {
    const preview = validateLearnerRows(
      [[], HEADER, ['王秀英', '13812345678', '第一党支部', ''], ['', ' ', '', ''], ['李建国', '123', '第一党支部', '']],
      context(),
    );
    expect(preview.valid.map((item) => item.row)).toEqual([3]);
    expect(preview.invalid.map((item) => item.row)).toEqual([5]);
  });
});

describe('learner import: row problems', () => {
  it('wants a name of at most 20 characters', () => {
    const rows = [HEADER, ['', '13812345678', '第一党支部', ''], ['张'.repeat(21), '13812345679', '第一党支部', ''], ['欧阳'.repeat(10), '13812345670', '第一党支部', '']];
    expect(problemsOf(rows, 2)).toMatch(/没有填姓名，请补上/);
    expect(problemsOf(rows, 3)).toMatch(/姓名太长了（21个字），最多20个字/);
    expect(validateLearnerRows(rows, context()).valid.map((item) => item.row)).toEqual([4]);
  });

  it('wants an 11-digit mobile number, and explains scientific notation', () => {
    const rows = [
      HEADER,
      ['甲', '', '第一党支部', ''],
      ['乙', '1381234567', '第一党支部', ''],
      ['丙', '12812345678', '第一党支部', ''],
      ['丁', '1.38123E+10', '第一党支部', ''],
    ];
    expect(problemsOf(rows, 2)).toMatch(/没有填手机号/);
    expect(problemsOf(rows, 3)).toMatch(/手机号应是11位数字.*“1381234567”/);
    expect(problemsOf(rows, 4)).toMatch(/手机号应是11位数字/);
    expect(problemsOf(rows, 5)).toMatch(/科学计数法.*“文本”格式/);
    const invalid = validateLearnerRows(rows, context()).invalid;
    expect(invalid.find((item) => item.row === 3)).toMatchObject({ name: '乙', phone: '1381234567' });
  });

  it('normalises phones as typed: spaces, dashes, +86, full-width digits', () => {
    const rows = [HEADER, ['甲', '+86 138-1234-5678', '第一党支部', ''], ['乙', '１３９１２３４５６７８', '第一党支部', '']];
    expect(validateLearnerRows(rows, context()).valid.map((item) => item.phone)).toEqual(['13812345678', '13912345678']);
  });

  it('flags every row of a phone used twice in the file, naming the other rows', () => {
    const rows = [
      HEADER,
      ['甲', '13812345678', '第一党支部', ''],
      ['乙', '13900000000', '第一党支部', ''],
      ['丙', '138 1234 5678', '第一党支部', ''],
      ['丁', '+8613812345678', '第二党支部', ''],
    ];
    expect(problemsOf(rows, 2)).toMatch(/和第4行、第5行重复了/);
    expect(problemsOf(rows, 4)).toMatch(/和第2行、第5行重复了/);
    expect(problemsOf(rows, 5)).toMatch(/和第2行、第4行重复了/);
    expect(validateLearnerRows(rows, context()).valid.map((item) => item.row)).toEqual([3]);
  });

  it('flags a phone that is already registered', () => {
    const rows = [HEADER, ['甲', '13812345678', '第一党支部', '']];
    expect(problemsOf(rows, 2, context(['13812345678']))).toMatch(/已经注册过了，不用再导入/);
  });

  it('offers a branch that does not exist yet for creation, once however it is spaced; a missing or unusable one is a problem', () => {
    const rows = [
      HEADER,
      ['甲', '13812345678', '第三党支部', ''],
      ['乙', '13812345679', '', ''],
      ['丙', '13812345670', ' 第一 党支部 ', ''],
      ['丁', '13812345671', '第三 党支部', ''],
      ['戊', '13812345672', '三', ''],
    ];
    expect(problemsOf(rows, 3)).toMatch(/没有填党支部/);
    const unusable = problemsOf(rows, 6);
    expect(unusable).toMatch(/找不到“三”这个党支部，这个名称也不能用来新建/);
    expect(unusable).toMatch(/现有的支部是：第一党支部、第二党支部/);
    const preview = validateLearnerRows(rows, context());
    expect(preview.valid).toEqual([
      { row: 2, name: '甲', phone: '13812345678', branchId: null, newBranch: '第三党支部' },
      { row: 4, name: '丙', phone: '13812345670', branchId: 1 },
      { row: 5, name: '丁', phone: '13812345671', branchId: null, newBranch: '第三党支部' },
    ]);
    expect(preview.newBranches).toEqual([{ name: '第三党支部', rows: 2 }]);
  });

  it('imports learners only: rows asking for a staff role become learners, and a notice names them', () => {
    const rows = [
      HEADER,
      ['甲', '13800000001', '第一党支部', '学员、讲师'],
      ['乙', '13800000002', '第一党支部', '管理员,组织者，学员 讲师'],
      ['丙', '13800000003', '第一党支部', ' 学员 '],
      ['丁', '13800000004', '第一党支部', ''],
      ['戊', '13800000005', '第一党支部', 'admin'],
    ];
    const preview = validateLearnerRows(rows, context());
    expect(preview.valid.map((item) => item.row)).toEqual([2, 3, 4, 5, 6]);
    expect(preview.valid.every((item) => !('roles' in item))).toBe(true);
    expect(preview.notices).toEqual([expect.stringMatching(/^第2行、第3行、第6行的“角色”一栏.*只建立学员账号.*“用户”页面/)]);
    expect(validateLearnerRows([HEADER, ['丁', '13800000004', '第一党支部', '学员']], context()).notices).toEqual([]);
  });

  it('lists several problems of one row together', () => {
    const rows = [HEADER, ['', '123', '九', '校长']];
    const invalid = validateLearnerRows(rows, context()).invalid;
    expect(invalid).toHaveLength(1);
    expect(invalid[0]?.problems).toHaveLength(3);
  });
});

describe('learner import: CSV', () => {
  it('drops a BOM, reads CRLF and quoted commas, and skips empty lines', () => {
    const text = '\uFEFF姓名,手机号,党支部,角色\r\n王秀英,13812345678,第一党支部,"学员,讲师"\r\n\r\n"李""老""师",139 1234 5678,第二党支部,\r\n';
    const rows = parseCsv(text);
    expect(rows).toEqual([
      ['姓名', '手机号', '党支部', '角色'],
      ['王秀英', '13812345678', '第一党支部', '学员,讲师'],
      ['李"老"师', '139 1234 5678', '第二党支部', ''],
    ]);
    expect(validateLearnerRows(rows, context()).valid).toEqual([
      { row: 2, name: '王秀英', phone: '13812345678', branchId: 1 },
      { row: 3, name: '李"老"师', phone: '13912345678', branchId: 2 },
    ]);
  });

  it('keeps quoted line breaks inside one cell', () => {
    expect(parseCsv('姓名,备注\n王秀英,"第一行\n第二行"\n')).toEqual([
      ['姓名', '备注'],
      ['王秀英', '第一行\n第二行'],
    ]);
  });
});

describe('learner import: XLSX', () => {
  async function workbookBytes(fill: (sheet: ExcelJS.Worksheet) => void): Promise<Uint8Array> {
    const workbook = new ExcelJS.Workbook();
    fill(workbook.addWorksheet('学员名单'));
    workbook.addWorksheet('说明').addRow(['这张表不该被读到']);
    return new Uint8Array(await workbook.xlsx.writeBuffer());
  }

  it('reads the first worksheet: numeric phones in full, rich text joined, formulas by result, rows as in Excel', async () => {
    const bytes = await workbookBytes((sheet) => {
      sheet.addRow(['姓名', '手机号', '党支部', '角色']);
      sheet.addRow(['王秀英', 13812345678, '第一党支部', '学员、讲师']);
      sheet.addRow([]);
      sheet.addRow([{ richText: [{ text: '李' }, { text: '建国', font: { bold: true } }] }, ' 139 1234 5678 ', '第二党支部']);
      sheet.addRow(['张三', { formula: '13700000000+1', result: 13700000001 }, { formula: '"第一"&"党支部"', result: '第一党支部' }]);
    });
    const rows = await parseXlsx(bytes);
    expect(rows).toEqual([
      ['姓名', '手机号', '党支部', '角色'],
      ['王秀英', '13812345678', '第一党支部', '学员、讲师'],
      [],
      ['李建国', '139 1234 5678', '第二党支部'],
      ['张三', '13700000001', '第一党支部'],
    ]);
    expect(validateLearnerRows(rows, context())).toEqual({
      fileErrors: [],
      notices: [expect.stringContaining('第2行')],
      valid: [
        { row: 2, name: '王秀英', phone: '13812345678', branchId: 1 },
        { row: 4, name: '李建国', phone: '13912345678', branchId: 2 },
        { row: 5, name: '张三', phone: '13700000001', branchId: 1 },
      ],
      invalid: [],
      newBranches: [],
    });
  });

  it('reports problems with the row number people see in Excel', async () => {
    const bytes = await workbookBytes((sheet) => {
      sheet.getCell('A3').value = '姓名';
      sheet.getCell('B3').value = '手机号';
      sheet.getCell('C3').value = '支部';
      sheet.getCell('A6').value = '王秀英';
      sheet.getCell('B6').value = 1381234567;
      sheet.getCell('C6').value = '第一党支部';
    });
    const preview = validateLearnerRows(await parseXlsx(bytes), context());
    expect(preview.invalid).toEqual([{ row: 6, name: '王秀英', phone: '1381234567', problems: [expect.stringMatching(/手机号应是11位数字/)] }]);
  });

  it('says in Chinese what to do with a file that is not .xlsx', async () => {
    await expect(parseXlsx(new TextEncoder().encode('姓名,手机号\n'))).rejects.toThrow(/不是 Excel 表格.*另存为.*\.xlsx 或 \.csv/);
  });
});

describe('learner import: properties', () => {
  const ctx = context(['13900000009', '13900000003']);
  const anyText = fc.oneof(fc.string({ maxLength: 25 }), fc.string({ unit: 'grapheme', maxLength: 25 }), fc.constantFrom('', ' '));
  /** Mostly plausible values for each column, sometimes anything at all. */
  const cellFor: Record<string, fc.Arbitrary<string>> = {
    姓名: fc.oneof(fc.constantFrom('王秀英', '李建国', ' 欧阳 明 ', '欧阳'.repeat(11)), anyText),
    手机号: fc.oneof(
      fc.integer({ min: 0, max: 9 }).map((i) => `1390000000${i}`),
      fc.integer({ min: 0, max: 9 }).map((i) => `+86 139 0000 000${i}`),
      fc.constantFrom('1.39E+10', '12345'),
      anyText,
    ),
    党支部: fc.oneof(fc.constantFrom('第一党支部', '第二 党支部', '第三党支部'), anyText),
    角色: fc.oneof(fc.constantFrom('', '学员', '讲师、管理员', '组织者,学员', '班长'), anyText),
    备注: anyText,
  };
  const header = fc
    .tuple(
      fc.shuffledSubarray(['姓名', '手机号', '党支部', '角色', '备注'], { minLength: 5, maxLength: 5 }),
      fc.boolean(),
      fc.boolean(),
    )
    .map(([names, withRoles, shortBranch]) =>
      names.filter((name) => withRoles || name !== '角色').map((name) => (shortBranch && name === '党支部' ? '支部' : name)),
    );
  const sheet = header.chain((head) =>
    fc.tuple(
      fc.constant(head),
      fc.array(
        fc.oneof(
          { arbitrary: fc.tuple(...head.map((name) => cellFor[name === '支部' ? '党支部' : name] ?? anyText)), weight: 4 },
          { arbitrary: fc.array(anyText, { maxLength: 7 }), weight: 1 },
        ),
        { maxLength: 40 },
      ),
      fc.array(fc.array(fc.constant('')), { maxLength: 2 }),
    ),
  );

  it('never throws, whatever the cells', () => {
    fc.assert(
      fc.property(fc.array(fc.array(fc.string(), { maxLength: 6 }), { maxLength: 12 }), (rows) => {
        const preview = validateLearnerRows(rows, ctx);
        expect(preview.fileErrors.length > 0 || preview.valid.length + preview.invalid.length > 0).toBe(true);
      }),
    );
    fc.assert(
      fc.property(sheet, ([head, body]) => {
        validateLearnerRows([head, ...body], ctx);
      }),
    );
  });

  it('puts every non-blank data row in exactly one of valid or invalid', () => {
    fc.assert(
      fc.property(sheet, ([head, body, top]) => {
        const rows = [...top, head, ...body];
        const preview = validateLearnerRows(rows, ctx);
        const expected = body.flatMap((cells, i) => (cells.some((cell) => cell.trim() !== '') ? [top.length + i + 2] : []));
        if (expected.length === 0) {
          expect(preview.fileErrors).toHaveLength(1);
          return;
        }
        expect(preview.fileErrors).toEqual([]);
        const seen = [...preview.valid, ...preview.invalid].map((item) => item.row).sort((a, b) => a - b);
        expect(seen).toEqual(expected);
        for (const item of preview.invalid) expect(item.problems.length).toBeGreaterThan(0);
      }),
    );
  });

  it('keeps only rows with an 11-digit phone, unique in the file and not yet registered', () => {
    let validSeen = 0;
    fc.assert(
      fc.property(sheet, ([head, body]) => {
        const preview = validateLearnerRows([head, ...body], ctx);
        const phones = preview.valid.map((item) => item.phone);
        validSeen += phones.length;
        for (const item of preview.valid) {
          expect(item.phone).toMatch(/^1\d{10}$/);
          expect(ctx.existingPhones.has(item.phone)).toBe(false);
          expect(item.name.length).toBeGreaterThan(0);
          if (item.branchId === null) expect(preview.newBranches.map((branch) => branch.name)).toContain(item.newBranch);
          else expect([1, 2]).toContain(item.branchId);
        }
        expect(new Set(phones).size).toBe(phones.length);
      }),
    );
    // The generator must reach valid rows, or this property says nothing.
    expect(validSeen).toBeGreaterThan(0);
  });
});
