/**
 * The rules of 知识竞赛 (knowledge contests), in four parts: drawing a paper (contest-draw), the
 * time window and countdown (contest-time), scoring, ranking and standings (contest-results), and
 * the words that state these rules to contestants (contest-wording).
 */
export * from './contest-draw';
export * from './contest-time';
export * from './contest-results';
export * from './contest-wording';
