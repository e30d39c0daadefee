/**
 * The rules of 知识竞赛 (knowledge contests), in three parts: drawing a paper (contest-draw), the
 * time window and countdown (contest-time), and scoring, ranking and standings (contest-results).
 */
export * from './contest-draw';
export * from './contest-time';
export * from './contest-results';
