import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SEARCH_REFRESH_MESSAGE } from '../../src/lib/server/search-index';
import { freshDb, type TestDb } from './fixture';
import { insertPublishedStudioCourse } from './published-studio-course';

let t: TestDb;
let server: ChildProcess | undefined;
let port = 0;

const live = (): { name: string; published: string } | null => {
  try {
    return JSON.parse(readFileSync(join(t.dir, 'search', 'live.json'), 'utf8')) as { name: string; published: string };
  } catch {
    return null;
  }
};

beforeAll(async () => {
  t = await freshDb('search-cluster');
  await insertPublishedStudioCourse(t.db, { title: '开机前发布', theme: '红色教育', summary: '', lessons: [{ title: '第一课', text: '开机前就发布了。' }] });
  // The production entry with two workers, serving a stand-in for the built site.
  server = spawn(process.execPath, ['src/cluster.mjs'], {
    env: { PATH: process.env['PATH'] ?? '', HOST: '127.0.0.1', PORT: '0', WORKERS: '2', DATABASE_URL: t.url, XG_SECRET_KEY: 'cluster-test-secret-key-0123456789abcdef', XG_SERVER_ENTRY: 'tests/fixtures/search-refresh/server/entry.mjs' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  port = await new Promise<number>((resolve, reject) => {
    server?.stdout?.on('data', (chunk: Buffer) => {
      const match = /listening on http:\/\/127\.0\.0\.1:(\d+)/.exec(chunk.toString());
      if (match) resolve(Number(match[1]));
    });
    server?.once('exit', (code) => reject(new Error(`server exited with ${code}`)));
  });
});

afterAll(() => {
  if (server?.pid) server.kill('SIGTERM');
  t?.close();
});

describe('the live search index in the cluster', () => {
  it('is built by the primary at start, with the courses already published', async () => {
    await expect.poll(() => live()?.published, { timeout: 60_000 }).toMatch(/^\d+:\d+$/);
  });

  it('is rebuilt by the primary when a worker asks after a publication', async () => {
    expect(SEARCH_REFRESH_MESSAGE).toBe('xg:search-refresh');
    await expect.poll(() => live(), { timeout: 60_000 }).not.toBeNull();
    const before = live();
    await insertPublishedStudioCourse(t.db, { title: '开机后发布', theme: '红色教育', summary: '', lessons: [{ title: '第一课', text: '开机后才发布。' }] });
    // Each worker may answer; whichever does asks the primary.
    expect(await (await fetch(`http://127.0.0.1:${port}/`)).text()).toBe('asked');
    await expect.poll(() => live()?.name, { timeout: 60_000 }).not.toBe(before?.name);
    expect(live()?.published.split(',')).toHaveLength(2);
  });
});
