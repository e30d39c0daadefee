import type { Client } from '@libsql/client';

export type DemoDatabaseState = { state: 'empty' | 'demo'; real: 0 } | { state: 'real'; real: number };
/** 'empty' (seed), 'demo' (only demo accounts), or 'real' with the number of other accounts. */
export declare function demoDatabaseState(client: Client): Promise<DemoDatabaseState>;
/** Why demo mode may not use `url`, naming the file and how to use another one. */
export declare function demoRefusal(url: string, real: number): string;
