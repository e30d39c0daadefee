/**
 * 入党誓词 as the Party Constitution gives it (第一章 党员, 第六条), split into the phrases a 领誓人
 * reads and the members repeat. The phrases joined are exactly the Constitution's words.
 */
export const PARTY_OATH_PHRASES: readonly string[] = [
  '我志愿加入中国共产党，',
  '拥护党的纲领，',
  '遵守党的章程，',
  '履行党员义务，',
  '执行党的决定，',
  '严守党的纪律，',
  '保守党的秘密，',
  '对党忠诚，',
  '积极工作，',
  '为共产主义奋斗终身，',
  '随时准备为党和人民牺牲一切，',
  '永不叛党。',
];

/** Where the words come from, as the page cites it. */
export const PARTY_OATH_SOURCE = {
  title: '《中国共产党章程》第一章第六条',
  edition: '中国共产党第二十次全国代表大会部分修改，2022年10月22日通过',
  publisher: '人民出版社，2022年',
  /** The article's own words before the oath. */
  lead: '预备党员必须面向党旗进行入党宣誓。誓词如下：',
} as const;
