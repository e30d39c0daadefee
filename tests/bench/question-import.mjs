// Question-bank import for `npm run bench`: an organiser uploads a 1,000-row XLSX (all four types)
// to the production server; the preview must come back within 5 s, listing every row as valid;
// then the confirmation imports all 1,000.
import ExcelJS from 'exceljs';
import { seedAccounts, startBenchServer } from './server.mjs';

const ROWS = 1000;
const HEADER = ['题型', '题干', '选项A', '选项B', '选项C', '选项D', '选项E', '选项F', '选项G', '选项H', '答案', '解析', '分类', '标签', '难度', '来源'];

function questionRow(index) {
  const options = ['', '', '', '', '', '', '', ''];
  const common = { 解析: `第${index}题的解析。`, 分类: `分类${index % 7}`, 标签: `标签${index % 5}`, 难度: ['易', '中', '难'][index % 3], 来源: '压测' };
  const byType = [
    { 题型: '单选', 答案: 'B', options: ['甲', '乙', '丙', '丁'] },
    { 题型: '多选', 答案: 'ACD', options: ['一', '二', '三', '四', '五'] },
    { 题型: '判断', 答案: index % 2 ? '对' : '错', options: [] },
    { 题型: '填空', 答案: '人民|人民群众', options: [] },
  ][index % 4];
  byType.options.forEach((text, i) => (options[i] = `${text}${index}`));
  const cells = { ...common, 题型: byType.题型, 题干: `压测题目第${index}题：党的根本宗旨是什么？`, 答案: byType.答案 };
  return HEADER.map((name, column) => (column >= 2 && column <= 9 ? options[column - 2] : (cells[name] ?? '')));
}

async function xlsx() {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('题库');
  sheet.addRow(HEADER);
  for (let index = 1; index <= ROWS; index++) sheet.addRow(questionRow(index));
  return new Uint8Array(await workbook.xlsx.writeBuffer());
}

/** Returns rows in the shape of run.mjs's table. */
export async function questionImport({ outDir, port }) {
  const { base, client, stop, serverErrors } = await startBenchServer({ outDir, port, dbFile: 'tests/.tmp/bench/questions.db', nodeArgs: [] });
  const row = (measure, value, target, ok) => ({ measure, value, target, result: ok === undefined ? '' : ok ? 'ok' : 'MISSED' });
  try {
    const [organiser] = await seedAccounts(client, { count: 1, role: 'organiser', namePrefix: '组织者' });
    const bank = await client.execute({
      sql: "INSERT INTO question_banks (name, description, created_by, created_at) VALUES ('压测题库', '', ?, ?) RETURNING id",
      args: [organiser.userId, Date.now()],
    });
    const bankId = Number(bank.rows[0]?.id);
    const headers = { cookie: organiser.cookie, origin: base };
    const bytes = await xlsx();

    const { previewSeconds, valid, confirmSeconds, stored, confirmed } = await timedImport({
      base,
      client,
      headers,
      bankId,
      action: 'questionBank.previewImport',
      fields: { file: new File([bytes], '压测题库.xlsx') },
      expected: ROWS,
      serverErrors,
    });
    return [
      row(`question import: preview of a ${ROWS.toLocaleString('en')}-row XLSX (${(bytes.length / 1024).toFixed(0)} KB)`, `${previewSeconds.toFixed(2)} s, ${valid} rows valid`, '< 5 s', previewSeconds < 5),
      row(`question import: confirm ${ROWS.toLocaleString('en')} questions`, `${confirmSeconds.toFixed(2)} s, ${stored} stored`, `all ${ROWS}`, confirmed && stored === ROWS),
    ];
  } finally {
    await stop();
  }
}

/**
 * Posts a bank's file (or text) to a preview action and times it, checks that every one of
 * `expected` questions was held as valid, then times the confirmation and counts what was stored.
 * Shared by the spreadsheet and the Word import benches.
 */
export async function timedImport({ base, client, headers, bankId, action, fields, expected, serverErrors }) {
  const form = new FormData();
  form.set('bankId', String(bankId));
  for (const [name, value] of Object.entries(fields)) form.set(name, value);
  let started = performance.now();
  const preview = await fetch(`${base}/_actions/${action}`, { method: 'POST', body: form, headers });
  await preview.arrayBuffer();
  const previewSeconds = (performance.now() - started) / 1000;
  const held = await client.execute("SELECT id, json_array_length(rows) AS valid FROM import_batches WHERE kind = 'questions' ORDER BY id DESC LIMIT 1");
  const batch = held.rows[0];
  const valid = Number(batch?.valid ?? 0);
  if (preview.status !== 200 || valid !== expected) {
    throw new Error(`preview answered ${preview.status} with ${valid} valid questions of ${expected}\n${serverErrors()}`);
  }

  const confirm = new FormData();
  confirm.set('bankId', String(bankId));
  confirm.set('batchId', String(batch.id));
  started = performance.now();
  const confirmed = await fetch(`${base}/_actions/questionBank.confirmImport`, { method: 'POST', body: confirm, headers });
  await confirmed.arrayBuffer();
  const confirmSeconds = (performance.now() - started) / 1000;
  const stored = Number((await client.execute({ sql: 'SELECT count(*) AS n FROM questions WHERE bank_id = ?', args: [bankId] })).rows[0]?.n ?? 0);
  return { previewSeconds, valid, confirmSeconds, stored, confirmed: confirmed.status === 200 };
}
