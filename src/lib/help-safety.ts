import { ANTI_FRAUD_HOTLINE } from './anti-fraud';

/**
 * The anti-fraud reminders a help guide that touches money or personal data ends with
 * (<SafetyReminder topic="…">; CONTENT.md: safety first). Each says what to guard and what to do
 * when in doubt. 96110 is the national anti-fraud warning and consultation line (国家反诈中心).
 */
export const SAFETY_TOPICS = ['money', 'password', 'personal-data'] as const;
export type SafetyTopic = (typeof SAFETY_TOPICS)[number];

const ANTI_FRAUD_LINE = ANTI_FRAUD_HOTLINE.number;

export const SAFETY_REMINDERS: Record<SafetyTopic, { title: string; points: readonly string[] }> = {
  money: {
    title: '用手机付钱，记住这几条',
    points: [
      '支付密码只有您自己知道，不告诉任何人，包括自称客服、警察、银行工作人员的人。',
      '凡是电话、短信里让您转账、汇款到“安全账户”的，都是诈骗。',
      '不扫陌生人发来的二维码，不点短信里的陌生链接。',
      `拿不准的时候，先挂断电话，打给子女商量，或者拨打反诈专线 ${ANTI_FRAUD_LINE}。`,
    ],
  },
  password: {
    title: '保管好密码',
    points: [
      '密码和验证码只自己用，不告诉任何人，也不写在手机背面。',
      '有人打电话要您的密码或验证码，请直接挂断。',
      `拿不准的时候，打给子女商量，或者拨打反诈专线 ${ANTI_FRAUD_LINE}。`,
    ],
  },
  'personal-data': {
    title: '保护好个人信息',
    points: [
      '身份证号、银行卡号、验证码，只在自己打开的正规应用里填写。',
      '不把身份证、银行卡拍照发给陌生人。',
      `有人以办事为名索要这些信息，先挂断，打给子女商量，或者拨打反诈专线 ${ANTI_FRAUD_LINE}。`,
    ],
  },
};
