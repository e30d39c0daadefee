// The audit of state held in process memory (issue 14, item 5): the server runs as several
// processes, on one machine or several (README, 扩展到多台服务器), and any of them may die at any
// moment. So nothing a person relies on may live only in one process's memory: sessions, throttles,
// drafts, sign-ups, contest answers and progress are rows in the database, and every module-level
// variable of the server's code is listed here with why losing it, or a second process not
// sharing it, loses nothing. A new one fails this test until it is listed (and thought about).
//
// Found: module-level `let`/`var`; module-level collections that the file fills (`new Map()` …
// with `.set(`/`.add(`); group-commit queues and other stateful factories; holders on globalThis.
// Browser code (src/islands, src/components) runs in each reader's own page and is not scanned.
// Not module-level, so not found here, but of the same kinds (read when this list was made): the
// written studio pages kept by withStudioPages (studio-pages.ts; a cache keyed by the file's inode,
// time and size), the pages' security policies (security-headers.ts; read from the build), the
// primary's retry counts for studio pages (studio-pages-cluster.ts), and each group commit's
// pending jobs (group-commit.ts; the queue entries above).
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

type Why =
  | 'settings: read from the environment, the same in every process'
  | 'connection: opened on first use, reopened by a new process'
  | 'cache: checked against the database or the file it mirrors on every use'
  | 'build: the content and code of this build, the same in every process'
  | 'queue: a write is answered only after its transaction commits, so a lost queue loses nothing acknowledged'
  | 'limiter: bounds this process own CPU work; a new process starts with none running'
  | 'plumbing: this process own logger, request context or shutdown steps';

const AUDITED: Record<string, Why> = {
  'src/cluster.mjs#config': 'settings: read from the environment, the same in every process',
  'src/lib/server/config.ts#cached': 'settings: read from the environment, the same in every process',
  'src/lib/server/client-address.ts#matcher': 'settings: read from the environment, the same in every process',
  // XG_SECRET_KEY, or secret.key beside a database file; a shared database refuses to start without XG_SECRET_KEY.
  'src/lib/server/secret-box.ts#cached': 'settings: read from the environment, the same in every process',
  'src/lib/server/db.ts#opening': 'connection: opened on first use, reopened by a new process',
  'src/lib/server/statement-cache.ts#installed': 'connection: opened on first use, reopened by a new process',
  'src/lib/server/statement-cache.ts#caches': 'connection: opened on first use, reopened by a new process',
  'src/lib/server/session.ts#sessionLookups': 'connection: opened on first use, reopened by a new process',
  // Parsed published studio versions: each lookup first asks the database which version is published.
  'src/lib/server/studio-catalog.ts#caches': 'cache: checked against the database or the file it mirrors on every use',
  // live.json of the search index, read again when the file's inode or time changes.
  'src/lib/server/search-index.ts#pointerSeen': 'cache: checked against the database or the file it mirrors on every use',
  'src/lib/server/course-source.ts#mdxCourses': 'build: the content and code of this build, the same in every process',
  'src/lib/server/guarded-action.ts#declared': 'build: the content and code of this build, the same in every process',
  'src/lib/server/progress.ts#enqueue': 'queue: a write is answered only after its transaction commits, so a lost queue loses nothing acknowledged',
  'src/lib/server/contest-attempts.ts#writeAnswer': 'queue: a write is answered only after its transaction commits, so a lost queue loses nothing acknowledged',
  'src/lib/server/activity-signups.ts#signUpTogether': 'queue: a write is answered only after its transaction commits, so a lost queue loses nothing acknowledged',
  'src/lib/server/group-commit.ts#queued': 'queue: a write is answered only after its transaction commits, so a lost queue loses nothing acknowledged',
  // The rebuild running in this process; its result is files under data/search/ and live.json.
  'src/lib/server/search-index.ts#state': 'limiter: bounds this process own CPU work; a new process starts with none running',
  'src/lib/server/password.ts#running': 'limiter: bounds this process own CPU work; a new process starts with none running',
  'src/lib/server/password.ts#dummyHash': 'limiter: bounds this process own CPU work; a new process starts with none running',
  'src/lib/server/server-process.ts#draining': 'plumbing: this process own logger, request context or shutdown steps',
  'src/lib/server/log.ts#holder': 'plumbing: this process own logger, request context or shutdown steps',
  'src/lib/server/request-context.ts#holder': 'plumbing: this process own logger, request context or shutdown steps',
  'src/lib/server/shutdown.ts#holder': 'plumbing: this process own logger, request context or shutdown steps',
};

/** Factories whose result keeps state between calls. */
const STATEFUL_FACTORIES = new Set(['groupCommit', 'writeTracker']);
const COLLECTIONS = /^(Map|Set|WeakMap|WeakSet)$/;

function files(folder: string, skip: RegExp): string[] {
  return readdirSync(folder).flatMap((name) => {
    const path = join(folder, name);
    if (skip.test(path)) return [];
    if (statSync(path).isDirectory()) return files(path, skip);
    return /\.(ts|mjs)$/.test(name) && !/\.d\.m?ts$/.test(name) ? [path] : [];
  });
}

/** `file#name` of every module-level variable that can hold state. */
function moduleState(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
  const found: string[] = [];
  for (const statement of source.statements) {
    if (!ts.isVariableStatement(statement)) continue;
    const constant = (statement.declarationList.flags & ts.NodeFlags.Const) !== 0;
    for (const declaration of statement.declarationList.declarations) {
      const name = declaration.name.getText(source);
      const init = declaration.initializer;
      const filled =
        init !== undefined &&
        ts.isNewExpression(init) &&
        COLLECTIONS.test(init.expression.getText(source)) &&
        (/^Weak/.test(init.expression.getText(source)) || new RegExp(`\\b${name}\\.(set|add|delete|clear)\\(`).test(text));
      const factory = init !== undefined && ts.isCallExpression(init) && STATEFUL_FACTORIES.has(init.expression.getText(source));
      const global = init !== undefined && init.getText(source).includes('globalThis');
      if (!constant || filled || factory || global) found.push(`${file}#${name}`);
    }
  }
  return found;
}

const scanned = [...files('src', /^src\/(islands|components)\b/), ...files('db', /^db\/migrations\b/)].sort();
const state = scanned.flatMap(moduleState);

describe('state held in process memory', () => {
  it('is every piece listed with why losing it loses nothing', () => {
    expect(scanned.length, 'the scan found the server code').toBeGreaterThan(100);
    expect(state.filter((key) => !(key in AUDITED))).toEqual([]);
  });

  it('lists nothing that is gone (the list stays the truth)', () => {
    expect(Object.keys(AUDITED).filter((key) => !state.includes(key))).toEqual([]);
  });

  it('uses no Astro session storage: the node adapter would keep it in files on one machine', () => {
    const everything = readdirSync('src', { recursive: true, encoding: 'utf8' }).filter((path) => /\.(astro|ts|mjs)$/.test(path));
    const using = everything.filter((path) => /\b(Astro|context|ctx)\.session\b/.test(readFileSync(join('src', path), 'utf8')));
    expect(using).toEqual([]);
  });
});
