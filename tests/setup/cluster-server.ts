import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/**
 * The production entry (src/cluster.mjs) started by a test with exactly `env` (plus PATH), its
 * stdout and stderr kept: for tests that read the server's log or send it signals.
 */
export interface ClusterServer {
  child: ChildProcess;
  /** `http://127.0.0.1:<port>`, from the "listening on" line. */
  base: string;
  /** Everything the processes have written so far. */
  output: () => string;
  /** The JSON log lines (every line but the plain "listening on" one); throws on one that is not JSON. */
  logLines: () => Array<Record<string, unknown>>;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

export async function startClusterServer(env: Record<string, string>): Promise<ClusterServer> {
  const child = spawn(process.execPath, ['src/cluster.mjs'], {
    cwd: fileURLToPath(new URL('../..', import.meta.url)),
    env: { PATH: process.env['PATH'] ?? '', HOST: '127.0.0.1', PORT: '0', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  process.once('exit', () => child.kill('SIGKILL'));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((done) => child.once('exit', (code, signal) => done({ code, signal })));
  const base = await new Promise<string>((resolve, reject) => {
    const timer = setInterval(() => {
      const url = /listening on (http:\/\/[\d.:]+)/.exec(output)?.[1];
      if (url) {
        clearInterval(timer);
        resolve(url);
      }
    }, 50);
    void exited.then(({ code }) => {
      clearInterval(timer);
      reject(new Error(`server exited (${code}): ${output}`));
    });
  });
  const logLines = () =>
    output
      .split('\n')
      .filter((line) => line && !line.includes('listening on'))
      .map((line) => {
        try {
          return JSON.parse(line) as Record<string, unknown>;
        } catch {
          throw new Error(`not a JSON log line: ${line}`);
        }
      });
  return { child, base, output: () => output, logLines, exited };
}
