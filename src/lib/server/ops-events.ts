// Recent errors and slow requests for 管理 › 运行情况, kept in one file beside the database
// (data/ops/events.jsonl; the log on stdout holds everything, this file only what the page
// lists). Every server process appends whole lines (O_APPEND: lines from processes never mix);
// past MAX_BYTES the file is renamed to events.old.jsonl and a new one begun, so it stays small.
// Node built-ins only: src/cluster.mjs's request wrapper writes it (Node runs this file by
// stripping its types), the admin page reads it.
import { appendFile, readFile, rename, stat } from 'node:fs/promises';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { dataFolder } from './data-dir.ts';

export interface OpsEvent {
  /** UTC epoch milliseconds. */
  at: number;
  kind: 'error' | 'slow';
  reqId: string;
  method: string;
  route: string;
  status: number;
  ms: number;
  /** For an error: its text, made safe (log.ts safeErrorText). */
  error?: string;
}

/** data/ops/ beside the database file (tests: beside theirs). */
export function opsEventsFolder(databaseUrl: string): string {
  return dataFolder(databaseUrl, 'ops');
}

const MAX_BYTES = 1_000_000;
const FILE = 'events.jsonl';
const OLD = 'events.old.jsonl';

/** Appends one event; never throws (a full disk must not turn an answer into an error). */
export async function recordOpsEvent(folder: string, event: OpsEvent): Promise<void> {
  try {
    mkdirSync(folder, { recursive: true });
    const file = join(folder, FILE);
    const size = await stat(file).then((found) => found.size, () => 0);
    if (size > MAX_BYTES) await rename(file, join(folder, OLD)).catch(() => undefined);
    await appendFile(file, `${JSON.stringify(event)}\n`);
  } catch {
    // Nowhere to write: the log line on stdout still has it.
  }
}

function parse(text: string): OpsEvent[] {
  const events: OpsEvent[] = [];
  for (const line of text.split('\n')) {
    if (!line) continue;
    try {
      const event = JSON.parse(line) as OpsEvent;
      if (typeof event.at === 'number' && (event.kind === 'error' || event.kind === 'slow')) events.push(event);
    } catch {
      // A line cut short by a full disk or a crash: skipped.
    }
  }
  return events;
}

/** The newest `limit` events of each kind, newest first. */
export async function readOpsEvents(folder: string, limit: number): Promise<{ errors: OpsEvent[]; slow: OpsEvent[] }> {
  const read = (name: string) => readFile(join(folder, name), 'utf8').catch(() => '');
  const events = [...parse(await read(OLD)), ...parse(await read(FILE))].sort((a, b) => b.at - a.at);
  return { errors: events.filter((event) => event.kind === 'error').slice(0, limit), slow: events.filter((event) => event.kind === 'slow').slice(0, limit) };
}
