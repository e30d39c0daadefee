import { eq } from 'drizzle-orm';
import { certificates, lessonProgress, studyDays, users } from '../../../db/schema';
import type { Db } from './db';
import type { User } from './users';
import { formatDate } from '../beijing-time';
import { formatStudyTime } from '../progress-rules';

/** CSV quoting: a field with a comma, quote or line break is quoted, quotes doubled. */
function csvLine(fields: Array<string | number>): string {
  return fields.map((field) => (/[",\r\n]/.test(String(field)) ? `"${String(field).replace(/"/g, '""')}"` : String(field))).join(',');
}

/**
 * Everything the site keeps about a person's learning, as a CSV that Excel opens correctly
 * (UTF-8 with a byte-order mark). `lessonTitle` turns lesson ids into titles.
 */
export async function myStudyRecordCsv(db: Db, user: User, lessonTitle: (id: string) => string): Promise<string> {
  const [progress, days, certs, account] = await Promise.all([
    db.select().from(lessonProgress).where(eq(lessonProgress.userId, user.id)),
    db.select().from(studyDays).where(eq(studyDays.userId, user.id)),
    db.select().from(certificates).where(eq(certificates.userId, user.id)),
    db.select({ createdAt: users.createdAt }).from(users).where(eq(users.id, user.id)),
  ]);
  const lines = [
    csvLine(['项目', '内容']),
    csvLine(['姓名', user.displayName]),
    csvLine(['手机号', user.phone]),
    csvLine(['党支部', user.branchName ?? '']),
    csvLine(['注册日期', account[0] ? formatDate(account[0].createdAt) : '']),
    '',
    csvLine(['课文', '第一次打开', '学完日期', '阅读时间']),
    ...progress
      .sort((a, b) => a.openedAt - b.openedAt)
      .map((row) => csvLine([lessonTitle(row.lessonId), formatDate(row.openedAt), row.completedAt ? formatDate(row.completedAt) : '未学完', formatStudyTime(row.seconds)])),
    '',
    csvLine(['日期', '当天学习时间']),
    ...days.sort((a, b) => a.day.localeCompare(b.day)).map((row) => csvLine([row.day, formatStudyTime(row.seconds)])),
    '',
    csvLine(['结业证书', '课程', '学时', '日期']),
    ...certs.map((row) => csvLine([row.code, row.courseTitle, row.hours / 10, formatDate(row.issuedAt)])),
  ];
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}
