// The courses' practice banks, kept as files in the question-bank template (content/banks/*.csv,
// the same columns an organiser downloads, fills in Excel and imports), so a course's questions are
// written, reviewed and versioned beside its lessons. The demo imports each one through the
// template importer into a practice bank of its own; a file with a single bad row stops the seed
// with the importer's own Chinese problems.
import { readFile } from 'node:fs/promises';
import { questionBanks } from '../schema';
import type { Tx } from '../../src/lib/server/db';
import { insertQuestions } from '../../src/lib/server/question-bank';
import { readWorkbook } from '../../src/lib/spreadsheet';
import { validateQuestionRows } from '../../src/lib/question-import';
import type { QuestionContent } from '../../src/lib/question-rules';

export interface CourseBank {
  /** The file under content/banks/, named after its course's folder. */
  file: string;
  name: string;
  description: string;
}

/** One line per course bank (each course's author adds theirs). */
export const COURSE_BANKS: readonly CourseBank[] = [
  { file: 'party-discipline.csv', name: '党纪学习教育练习题', description: '党纪学习教育课程配套练习：2024年党纪学习教育和纪律处分条例的六项纪律，每题注明出自哪一课、依据哪一条。' },
  { file: 'party-history.csv', name: '百年党史练习题', description: '依据第三个历史决议和《中国共产党简史》，覆盖四个历史时期和十条历史经验，每课一组。' },
  { file: 'classics-recitation.csv', name: '经典诵读练习题', description: '经典诵读课程八篇原文的练习题：作者、写作时间、字词和背景。' },
  { file: 'party-spirit.csv', name: '党性教育练习题', description: '党性教育课程六课的配套练习：党章与入党誓词、初心使命、权利义务、组织生活、政治生日、老党员发挥作用，每题注明出自哪一课、依据哪份文件。' },
  { file: 'red-spirit.csv', name: '红色教育练习题', description: '红色教育课程六课的配套练习：红船、井冈山、长征、延安、西柏坡和抗美援朝精神，每题注明出自哪一课、依据哪份史料。' },
  { file: 'integrity.csv', name: '廉洁文化练习题', description: '廉洁文化课程六课的配套练习：中央八项规定、廉洁自律准则、纪律处分条例、家风、清官故事和离退休干部廉洁自律，每题注明出自哪一课、依据哪份文件。' },
];

const BANKS_DIR = new URL('../../content/banks/', import.meta.url);

/** A course bank's questions, read and checked exactly as an organiser's upload is; throws on any problem. */
export async function readCourseBank(file: string): Promise<QuestionContent[]> {
  const bytes = new Uint8Array(await readFile(new URL(file, BANKS_DIR)));
  const rows = (await readWorkbook(file, bytes))[0]?.rows ?? [];
  const preview = validateQuestionRows(rows, new Set());
  const problems = [...preview.fileErrors, ...preview.invalid.map((row) => `第${row.row}行：${row.problems.join('；')}`)];
  if (problems.length > 0) throw new Error(`题库文件 content/banks/${file} 有问题：\n${problems.join('\n')}`);
  return preview.valid.map((row) => row.question);
}

/** Every course bank as a practice bank of its own (the demo seed, inside its transaction). */
export async function seedCourseBanks(tx: Tx, organiser: number, now: number): Promise<void> {
  for (const bank of COURSE_BANKS) {
    const questions = await readCourseBank(bank.file);
    const [row] = await tx
      .insert(questionBanks)
      .values({ name: bank.name, description: bank.description, practice: true, createdBy: organiser, createdAt: now })
      .returning({ id: questionBanks.id });
    if (row) await insertQuestions(tx, row.id, questions, organiser, now);
  }
}
