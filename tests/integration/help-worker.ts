// One server process, as a worker of src/cluster.mjs is: it opens the same SQLite file with the
// project's openDatabase and claims help requests when the test says go. Forked by
// help-requests.test.ts (`--import tsx`), so that the claims race on SQLite's lock across processes.
import { openDatabase } from '../../src/lib/server/db';
import { claimRequest } from '../../src/lib/server/help-requests';
import { serveJobs } from './server-processes';

export interface ClaimJob {
  requestId: number;
  volunteerId: number;
}

export interface ClaimResult {
  job: ClaimJob;
  ok: boolean;
  error?: string;
}

const { db, client } = await openDatabase(process.env['WORKER_DATABASE_URL'] ?? '');
// Opened and warmed (the first statement prepares the connection) before the test says go.
await client.execute('select count(*) from help_requests');
serveJobs<ClaimJob, ClaimResult>(async (job) => {
  const result = await claimRequest(db, { id: job.requestId, volunteerId: job.volunteerId, volunteerName: `志愿者${job.volunteerId}` });
  return result.ok ? { job, ok: true } : { job, ok: false, error: result.error.message };
}, () => client.close());
