// Question-bank import from Word for `npm run bench` (`--only docx`): an organiser uploads a
// 1,000-question .docx in the common layout (headings, numbered questions, options two to a line,
// 答案 and 解析 lines) to the production server; the preview must come back within 5 s with every
// question valid, as for the spreadsheet; then the confirmation imports all 1,000.
import { makeDocx } from '../fixtures/docx.ts';
import { seedAccounts, startBenchServer } from './server.mjs';
import { timedImport } from './question-import.mjs';

const QUESTIONS = 1000;
const TYPES = [
  { heading: '一、单选题', options: ['甲', '乙', '丙', '丁'], answer: () => 'B' },
  { heading: '二、多选题', options: ['一', '二', '三', '四', '五'], answer: () => 'ACD' },
  { heading: '三、判断题', options: [], answer: (index) => (index % 2 ? '对' : '错') },
  { heading: '四、填空题', options: [], answer: () => '人民|人民群众' },
];

/** 250 questions of each type under its heading, numbered through the document. */
function paragraphs() {
  const lines = ['2024年知识竞赛题库（压测）'];
  let number = 0;
  for (const type of TYPES) {
    lines.push(type.heading);
    for (let i = 0; i < QUESTIONS / TYPES.length; i++) {
      number += 1;
      lines.push(`${number}. 压测题目第${number}题：党的根本宗旨是什么？（ ）`);
      const options = type.options.map((text, at) => `${'ABCDE'[at]}. ${text}${number}`);
      for (let at = 0; at < options.length; at += 2) lines.push(options.slice(at, at + 2).join('    '));
      lines.push(`答案：${type.answer(number)}`, `解析：第${number}题的解析。`);
    }
  }
  return lines;
}

/** Returns rows in the shape of run.mjs's table. */
export async function questionDocxImport({ outDir, port }) {
  const { base, client, stop, serverErrors } = await startBenchServer({ outDir, port, dbFile: 'tests/.tmp/bench/questions-docx.db' });
  const row = (measure, value, target, ok) => ({ measure, value, target, result: ok === undefined ? '' : ok ? 'ok' : 'MISSED' });
  try {
    const [organiser] = await seedAccounts(client, { count: 1, role: 'organiser', namePrefix: '组织者' });
    const bank = await client.execute({
      sql: "INSERT INTO question_banks (name, description, created_by, created_at) VALUES ('Word压测题库', '', ?, ?) RETURNING id",
      args: [organiser.userId, Date.now()],
    });
    const bankId = Number(bank.rows[0]?.id);
    const headers = { cookie: organiser.cookie, origin: base };
    const bytes = await makeDocx(paragraphs());

    const { previewSeconds, valid, confirmSeconds, stored, confirmed } = await timedImport({
      base,
      client,
      headers,
      bankId,
      action: 'questionText.previewDocument',
      fields: { document: new File([bytes], '压测题库.docx') },
      expected: QUESTIONS,
      serverErrors,
    });
    return [
      row(`question import: preview of a ${QUESTIONS.toLocaleString('en')}-question .docx (${(bytes.length / 1024).toFixed(0)} KB)`, `${previewSeconds.toFixed(2)} s, ${valid} questions valid`, '< 5 s', previewSeconds < 5),
      row(`question import: confirm ${QUESTIONS.toLocaleString('en')} questions from .docx`, `${confirmSeconds.toFixed(2)} s, ${stored} stored`, `all ${QUESTIONS}`, confirmed && stored === QUESTIONS),
    ];
  } finally {
    await stop();
  }
}
