import type { APIRoute } from 'astro';
import { routeUser } from '../../lib/server/access';
import { json } from '../../lib/server/http';
import { QUESTION_TEMPLATE_HEADER, questionToTemplateRow } from '../../lib/question-import';
import type { QuestionContent } from '../../lib/question-rules';
import { contentDisposition, toCsv, toXlsx, XLSX_TYPE } from '../../lib/spreadsheet';

export const prerender = false;

const common: Pick<QuestionContent, 'explanation' | 'category' | 'tags' | 'difficulty' | 'source'> = { explanation: '', category: '党史', tags: [], difficulty: 1, source: '' };
/** One example of each type, written through the same code as an export. */
const EXAMPLES: QuestionContent[] = [
  {
    ...common,
    type: 'single',
    stem: '中国共产党第一次全国代表大会在哪一年召开？',
    options: ['1919年', '1921年', '1927年', '1949年'],
    answer: { type: 'single', option: 1 },
    explanation: '中共一大于1921年7月在上海召开，最后一天的会议转移到浙江嘉兴南湖的游船上举行。',
    source: '《中国共产党简史》',
  },
  {
    ...common,
    type: 'multiple',
    stem: '“两个务必”指的是哪两项？',
    options: ['务必使同志们继续地保持谦虚、谨慎、不骄、不躁的作风', '务必使同志们继续地保持艰苦奋斗的作风', '务必坚持实事求是', '务必密切联系群众'],
    answer: { type: 'multiple', options: [0, 1] },
    explanation: '毛泽东在党的七届二中全会上提出“两个务必”。',
    source: '《毛泽东选集》第四卷',
  },
  { ...common, type: 'truefalse', stem: '遵义会议是党的历史上一个生死攸关的转折点。', options: [], answer: { type: 'truefalse', value: true } },
  {
    ...common,
    type: 'fill',
    stem: '中国共产党的根本宗旨是全心全意为____服务。',
    options: [],
    answer: { type: 'fill', accepted: ['人民', '人民群众'] },
    category: '党章',
    source: '《中国共产党章程》',
  },
];

/** The question import template, with an example of each type, as .xlsx or .csv. */
export const GET: APIRoute = async (context) => {
  const refused = await routeUser(context);
  if (refused instanceof Response) return refused;
  const { url } = context;
  const format = url.searchParams.get('format');
  if (format !== 'csv' && format !== 'xlsx') return json({ message: '文件格式不对，请选 csv 或 xlsx。' }, 400);
  const rows = EXAMPLES.map(questionToTemplateRow);
  const headers = { 'content-disposition': contentDisposition(`题目导入模板.${format}`, `question-template.${format}`), 'cache-control': 'no-store' };
  if (format === 'xlsx') {
    return new Response(await toXlsx('题目', QUESTION_TEMPLATE_HEADER, rows, (header) => (header === '题干' || header === '解析' ? 40 : 14)), {
      headers: { ...headers, 'content-type': XLSX_TYPE },
    });
  }
  return new Response(toCsv(QUESTION_TEMPLATE_HEADER, rows), { headers: { ...headers, 'content-type': 'text/csv; charset=utf-8' } });
};
