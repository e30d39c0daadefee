/** Every table, one file per domain. drizzle-kit reads this barrel to generate migrations. */
export * from './settings';
export * from './accounts';
export * from './progress';
export * from './questions';
export * from './contests';
export * from './activities';
export * from './messages';
export * from './help';
export * from './studio';
