import { fork, type ChildProcess } from 'node:child_process';

/**
 * Several server processes on one SQLite file, as src/cluster.mjs runs them: each worker script
 * opens the file with the project's openDatabase and runs the jobs it is sent all at once, so their
 * write transactions race on SQLite's own lock (two clients in one process would deadlock instead:
 * serialized-client.ts). The test side (startWorkers, race, stopWorkers) and the worker side
 * (serveJobs) of that conversation.
 */

function startWorker(script: string, url: string): Promise<ChildProcess> {
  return new Promise((resolve, reject) => {
    const child = fork(script, [], {
      execArgv: ['--import', 'tsx'],
      env: { ...process.env, WORKER_DATABASE_URL: url },
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    child.once('message', (message: { ready?: boolean }) => (message.ready ? resolve(child) : reject(new Error(JSON.stringify(message)))));
    child.once('exit', (code) => reject(new Error(`worker exited with ${code}`)));
  });
}

export function startWorkers(script: string, url: string, count: number): Promise<ChildProcess[]> {
  return Promise.all(Array.from({ length: count }, () => startWorker(script, url)));
}

/** Sends each worker its share at once and waits for every answer: one list of results per worker. */
export async function race<J, R>(workers: readonly ChildProcess[], shares: J[][]): Promise<R[][]> {
  const answers = shares.map(
    (_, index) =>
      new Promise<R[]>((resolve, reject) => {
        (workers[index] as ChildProcess).once('message', (message: { results?: R[]; failure?: string }) =>
          message.results ? resolve(message.results) : reject(new Error(message.failure)),
        );
      }),
  );
  shares.forEach((jobs, index) => (workers[index] as ChildProcess).send({ jobs }));
  return Promise.all(answers);
}

export function stopWorkers(workers: readonly ChildProcess[]): void {
  for (const worker of workers) {
    worker.removeAllListeners('exit');
    if (worker.connected) worker.send({ exit: true });
  }
}

/**
 * The worker's side: runs each batch of jobs together (as the requests a server process serves at
 * once; its client queues them) and answers with their results; `close` on the exit message.
 */
export function serveJobs<J, R>(run: (job: J) => Promise<R>, close: () => void): void {
  process.on('message', (message: { jobs?: J[]; exit?: true }) => {
    if (message.exit) {
      close();
      process.exit(0);
    }
    void (async () => {
      try {
        process.send?.({ results: await Promise.all((message.jobs ?? []).map(run)) });
      } catch (error) {
        process.send?.({ failure: String((error as Error)?.stack ?? error) });
      }
    })();
  });
  process.send?.({ ready: true });
}
