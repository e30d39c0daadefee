// One server process, as a worker of src/cluster.mjs is: it opens the same SQLite file with the
// project's openDatabase and runs the sign-up engine when the test says go. Forked by
// activity-concurrency.test.ts (`--import tsx`), several at once, so that their write
// transactions race on SQLite's lock as the clustered server's do.
import { openDatabase } from '../../src/lib/server/db';
import { cancelSignup, settleDue, signUp, undoCancel } from '../../src/lib/server/activity-signups';
import { serveJobs } from './server-processes';

export type Job =
  | { op: 'signUp'; activityId: number; userId: number; companion: boolean; now?: number }
  | { op: 'cancel'; activityId: number; userId: number; now?: number }
  | { op: 'undo'; activityId: number; userId: number; now?: number }
  | { op: 'settleDue'; now?: number };

export interface JobResult {
  job: Job;
  ok: boolean;
  status?: string;
  error?: string;
  /** This process's pid: which worker ran it. */
  pid: number;
}

async function run(db: Awaited<ReturnType<typeof openDatabase>>['db'], job: Job): Promise<JobResult> {
  const base = { job, pid: process.pid };
  switch (job.op) {
    case 'signUp': {
      const result = await signUp(db, { activityId: job.activityId, userId: job.userId, companion: job.companion, ...(job.now === undefined ? {} : { now: job.now }) });
      return result.ok ? { ...base, ok: true, status: result.value.status } : { ...base, ok: false, error: result.error.message };
    }
    case 'cancel': {
      const result = await cancelSignup(db, { activityId: job.activityId, userId: job.userId, ...(job.now === undefined ? {} : { now: job.now }) });
      return result.ok ? { ...base, ok: true } : { ...base, ok: false, error: result.error.message };
    }
    case 'undo': {
      const result = await undoCancel(db, { activityId: job.activityId, userId: job.userId, ...(job.now === undefined ? {} : { now: job.now }) });
      return result.ok ? { ...base, ok: true, status: result.value.status } : { ...base, ok: false, error: result.error.message };
    }
    case 'settleDue':
      await settleDue(db, job.now);
      return { ...base, ok: true };
  }
}

const { db, client } = await openDatabase(process.env['WORKER_DATABASE_URL'] ?? '');
// Opened and warmed (the first statement prepares the connection) before the test says go.
await client.execute('select count(*) from activity_signups');
serveJobs<Job, JobResult>((job) => run(db, job), () => client.close());
