import type { Config } from '../src/lib/server/config';

export interface BackupDone {
  file: string;
  bytes: number;
  pictures: number;
  seconds: number;
  deleted: string[];
}
/** Takes one backup of `config`'s database; rejects with a Chinese message on failure. */
export declare function takeBackup(config?: Config): Promise<BackupDone>;
/** The server's own daily backup (BACKUP_DAILY_AT); returns a function that stops it. */
export declare function scheduleDailyBackups(config?: Config, log?: Pick<Console, 'log' | 'error'>): () => void;
/** Syncs a folder, so a rename or deletion in it survives a power cut. */
export declare function syncFolder(folder: string): void;
