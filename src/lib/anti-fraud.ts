import type { Source } from '../schemas/source';

/**
 * The anti-fraud corner (防诈骗, /help/fraud/): the official numbers and names it teaches, and the
 * four things to do whatever the scam. Guides, the corner and the practice questions say them from
 * here, so a number is written once. Pure: no I/O.
 */
export const FRAUD_CORNER_PATH = '/help/fraud/';

/** The tag of the anti-fraud practice questions: <LessonQuiz tag="防诈骗"> on the corner draws them. */
export const FRAUD_QUIZ_TAG = '防诈骗';

/**
 * Where the numbers and names below come from. The handbook (released 2025-06-18; 法治日报,
 * 2025-06-19) describes the 96110预警劝阻专线, the 国家反诈中心 app and the 12381 warning texts.
 */
export const ANTI_FRAUD_SOURCES = {
  law: { title: '《中华人民共和国反电信网络诈骗法》', issuer: '全国人民代表大会常务委员会', year: 2022 },
  app: { title: '“国家反诈中心”手机应用', issuer: '公安部刑事侦查局', year: 2021 },
  handbook: { title: '《2025版防范电信网络诈骗宣传手册》', issuer: '公安部刑事侦查局、国家反诈中心', year: 2025 },
} as const satisfies Record<string, Source>;

/**
 * 96110 is the nationwide warning and advice line of the police (全国反诈预警劝阻专线): it calls
 * people who may be being defrauded, and anyone may call it to ask or to report. 110 is for
 * reporting a crime, for example once money has been sent.
 */
export const ANTI_FRAUD_HOTLINE = { number: '96110', name: '全国反诈预警劝阻专线' } as const;
export const POLICE_NUMBER = '110';
/** The police's anti-fraud app, developed by 公安部刑事侦查局 (2021): reports, warnings, checks. */
export const ANTI_FRAUD_APP = '国家反诈中心';

export interface AntiFraudStep {
  /** What to do, as short as a sign: 挂断电话. */
  title: string;
  /** One or two plain sentences. */
  detail: string;
}

/** What to do whatever the scam, in order (the corner's 记住四件事). */
export const ANTI_FRAUD_STEPS: readonly AntiFraudStep[] = [
  { title: '挂断电话', detail: '不管对方说什么，先挂断电话、不回消息。不转钱，不说银行卡密码和短信验证码。' },
  { title: '给家人打电话', detail: '用手机里原来存的号码，给子女或老伴打电话，把事情告诉他们，一起商量。' },
  {
    title: `拨打 ${ANTI_FRAUD_HOTLINE.number}`,
    detail: `${ANTI_FRAUD_HOTLINE.number} 是${ANTI_FRAUD_HOTLINE.name}。拿不准是不是诈骗，打这个号码问一问；接到 ${ANTI_FRAUD_HOTLINE.number} 打来的电话一定要接，那是民警在提醒您。`,
  },
  { title: `在“${ANTI_FRAUD_APP}”里举报`, detail: `“${ANTI_FRAUD_APP}”是公安部刑事侦查局推出的手机应用，可以举报诈骗电话、短信和网址，也会提醒可疑来电。` },
];

/** When money has already gone: said after the four steps, and in every scam's 这样做. */
export const ALREADY_PAID = `已经转了钱：马上拨打 ${POLICE_NUMBER} 报警，记下对方的电话和账号，保留聊天记录和转账记录。`;
