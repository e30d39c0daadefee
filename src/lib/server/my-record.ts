import { asc, eq } from 'drizzle-orm';
import {
  certificates,
  contestAttempts,
  contestAwards,
  contests,
  lessonProgress,
  practiceAnswers,
  questionVersions,
  sessions,
  studyDays,
  users,
} from '../../../db/schema';
import type { Db } from './db';
import type { User } from './users';
import { formatJoinDate } from '../political-birthday';
import { formatDate, formatFullDateTime } from '../beijing-time';
import { formatStudyTime } from '../progress-rules';
import { responseForPeople, type QuestionResponse } from '../question-rules';
import { toCsvSections, type SheetData } from '../spreadsheet';
import { ROLE_LABELS } from '../role-labels';
import { attendedActivities } from './check-in';


type Section = Pick<SheetData, 'header' | 'rows'>;

const points = (hundredths: number | null): string | number => (hundredths === null ? '' : hundredths / 100);

function parseOptions(json: string): string[] {
  try {
    const value: unknown = JSON.parse(json);
    return Array.isArray(value) ? value.map(String) : [];
  } catch {
    return [];
  }
}

function answerText(options: string, response: string): string {
  try {
    return responseForPeople(parseOptions(options), JSON.parse(response) as QuestionResponse);
  } catch {
    return '';
  }
}

/**
 * Everything the site keeps about a person (PIPL: access and portability) as one CSV that Excel
 * opens correctly: the account, learning, attended activities, certificates, contest attempts and awards, practice
 * answers and signed-in devices. Written by toCsvSections, so a name or a typed answer such as
 * "=1+1" is never run as a formula. `lessonTitle` turns lesson ids into titles.
 */
export async function myStudyRecordCsv(db: Db, user: User, lessonTitle: (id: string) => string): Promise<string> {
  const [progress, days, certs, account, attempts, awards, practice, devices, attended] = await Promise.all([
    db.select().from(lessonProgress).where(eq(lessonProgress.userId, user.id)).orderBy(asc(lessonProgress.openedAt)),
    db.select().from(studyDays).where(eq(studyDays.userId, user.id)).orderBy(asc(studyDays.day)),
    db.select().from(certificates).where(eq(certificates.userId, user.id)).orderBy(asc(certificates.issuedAt)),
    db.select({ createdAt: users.createdAt, privacyAcceptedAt: users.privacyAcceptedAt }).from(users).where(eq(users.id, user.id)),
    db
      .select({ attempt: contestAttempts, title: contests.title })
      .from(contestAttempts)
      .innerJoin(contests, eq(contests.id, contestAttempts.contestId))
      .where(eq(contestAttempts.userId, user.id))
      .orderBy(asc(contestAttempts.startedAt)),
    db.select().from(contestAwards).where(eq(contestAwards.userId, user.id)).orderBy(asc(contestAwards.issuedAt)),
    db
      .select({ answeredAt: practiceAnswers.answeredAt, correct: practiceAnswers.correct, response: practiceAnswers.response, stem: questionVersions.stem, options: questionVersions.options })
      .from(practiceAnswers)
      .innerJoin(questionVersions, eq(questionVersions.id, practiceAnswers.versionId))
      .where(eq(practiceAnswers.userId, user.id))
      .orderBy(asc(practiceAnswers.answeredAt)),
    db.select({ device: sessions.device, createdAt: sessions.createdAt, lastActiveAt: sessions.lastActiveAt }).from(sessions).where(eq(sessions.userId, user.id)),
    attendedActivities(db, user.id),
  ]);
  const sections: Section[] = [
    {
      header: ['项目', '内容'],
      rows: [
        ['姓名', user.displayName],
        ['手机号', user.phone],
        ['党支部', user.branchName ?? ''],
        ['角色', user.roles.map((role) => ROLE_LABELS[role]).join('、')],
        ['注册日期', account[0] ? formatDate(account[0].createdAt) : ''],
        ['同意个人信息保护说明', account[0]?.privacyAcceptedAt ? formatFullDateTime(account[0].privacyAcceptedAt) : '尚未确认'],
        ['两步验证', user.twoFactorEnabled ? '已开启' : '未开启'],
        ['入党日期', user.partyJoinedOn ? formatJoinDate(user.partyJoinedOn) : '未填写'],
      ],
    },
    {
      header: ['课文', '第一次打开', '学完日期', '阅读时间'],
      rows: progress.map((row) => [lessonTitle(row.lessonId), formatDate(row.openedAt), row.completedAt ? formatDate(row.completedAt) : '未学完', formatStudyTime(row.seconds)]),
    },
    { header: ['日期', '当天学习时间'], rows: days.map((row) => [row.day, formatStudyTime(row.seconds)]) },
    { header: ['结业证书', '课程', '学时', '日期'], rows: certs.map((row) => [row.code, row.courseTitle, row.hours / 10, formatDate(row.issuedAt)]) },
    {
      header: ['竞赛', '第几次答题', '开始时间', '交卷时间', '得分', '答对题数'],
      rows: attempts.map(({ attempt, title }) => [
        title,
        attempt.number,
        formatFullDateTime(attempt.startedAt),
        attempt.submittedAt ? formatFullDateTime(attempt.submittedAt) : '未交卷',
        points(attempt.score),
        attempt.correct ?? '',
      ]),
    },
    {
      header: ['参加的活动', '名称', '日期', '学时'],
      rows: attended.map((activity) => [activity.kindLabel, activity.title, formatDate(activity.startsAt), activity.hours]),
    },
    {
      header: ['获奖证书', '竞赛', '奖项', '名次', '得分', '日期'],
      rows: awards.map((award) => [award.code, award.contestTitle, award.award, award.rank, points(award.scoreHundredths), formatDate(award.issuedAt)]),
    },
    {
      header: ['练习时间', '题目', '我的答案', '对错'],
      rows: practice.map((row) => [formatFullDateTime(row.answeredAt), row.stem, answerText(row.options, row.response), row.correct ? '答对' : '答错']),
    },
    {
      header: ['登录设备', '登录时间', '最近使用'],
      rows: devices.map((row) => [row.device || '未知设备', formatFullDateTime(row.createdAt), formatFullDateTime(row.lastActiveAt)]),
    },
  ];
  return toCsvSections(sections);
}
