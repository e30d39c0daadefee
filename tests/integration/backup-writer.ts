// A server process writing progress while a backup is taken: it opens the database as a server
// worker does and records lesson openings (each a new lesson_progress row, through the group commit)
// eight at a time, for as long as it runs. Forked by backup-restore.test.ts (`--import tsx`). On
// `report` it answers with every write acknowledged so far; on `stop` it finishes what is in flight,
// closes and exits.
import { openDatabase } from '../../src/lib/server/db';
import { recordOpen } from '../../src/lib/server/progress';

const { db, client } = await openDatabase(process.env['WORKER_DATABASE_URL'] ?? '');
const userId = Number(process.env['WORKER_USER_ID']);
const acknowledged: string[] = [];
let stopping = false;
let seq = 0;

async function writeLoop(): Promise<void> {
  while (!stopping) {
    const lessonId = `p${process.pid}-${seq++}`;
    try {
      await recordOpen(db, userId, { lessonId, courseId: 'backup-test', minutes: 5 });
      acknowledged.push(lessonId);
    } catch {
      // Not acknowledged (the server would answer with an error page): not counted. A write that
      // fails at once (the database busy while the backup reads it) must not spin on microtasks:
      // wait a turn of the event loop, so `report` and `stop` are still heard.
      await new Promise((turn) => setImmediate(turn));
    }
  }
}

const loops = Array.from({ length: 8 }, writeLoop);
process.on('message', (message: { report?: true; stop?: true }) => {
  if (message.report) process.send?.({ acknowledged: [...acknowledged] });
  if (message.stop) {
    stopping = true;
    void Promise.all(loops).then(() => {
      // Exit only once the answer is written to the channel: exiting at once could end the process
      // before the test has the message.
      process.send?.({ acknowledged: [...acknowledged] }, () => {
        client.close();
        process.exit(0);
      });
    });
  }
});
process.send?.({ ready: true });
