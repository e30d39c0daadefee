import { afterAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { drawCandidates, getContest, listContests } from '../../src/lib/server/contests';
import { validateDrawRules } from '../../src/lib/contest-draw';
import { openDatabase } from '../../src/lib/server/db';
import { appSettings } from '../../db/schema';
import { exportQuestions, listBanks } from '../../src/lib/server/question-bank';
import { questionsToTemplate, validateQuestionRows } from '../../src/lib/question-import';

const dir = mkdtempSync(join(tmpdir(), 'xg-db-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('database', () => {
  it('creates, migrates and configures a new file, and opening again changes nothing', async () => {
    const url = `file:${join(dir, 'nested', 'site.db')}`;
    const first = await openDatabase(url, { demo: true });
    const journal = await first.client.execute('PRAGMA journal_mode');
    const foreignKeys = await first.client.execute('PRAGMA foreign_keys');
    const busy = await first.client.execute('PRAGMA busy_timeout');
    expect(journal.rows[0]?.[0]).toBe('wal');
    expect(foreignKeys.rows[0]?.[0]).toBe(1);
    expect(Number(busy.rows[0]?.[0])).toBeGreaterThanOrEqual(1000);
    const seeded = await first.db.select().from(appSettings);
    first.client.close();

    const second = await openDatabase(url, { demo: true });
    expect(await second.db.select().from(appSettings)).toEqual(seeded);
    // The demo practice and contest banks: every question is one the import itself would accept,
    // and the demo contest can draw its paper from its bank.
    const banks = await listBanks(second.db);
    expect(banks).toHaveLength(2);
    for (const bank of banks) {
      const demoQuestions = await exportQuestions(second.db, bank.id);
      expect(demoQuestions.length).toBeGreaterThanOrEqual(5);
      const reread = validateQuestionRows(questionsToTemplate(demoQuestions), new Set());
      expect(reread.invalid).toEqual([]);
    }
    const [demoContest] = await listContests(second.db);
    const contest = await getContest(second.db, demoContest?.id ?? 0);
    expect(contest && validateDrawRules(contest.drawRules, await drawCandidates(second.db, contest.bankId))).toEqual([]);
    const migrations = await second.client.execute('select count(*) from __drizzle_migrations');
    expect(Number(migrations.rows[0]?.[0])).toBeGreaterThan(0);
    second.client.close();
  });

  it('enforces foreign keys and waits for locks on every pooled connection, also after a transaction', async () => {
    const opened = await openDatabase(`file:${join(dir, 'fk.db')}`);
    await opened.db.transaction(async (tx) => {
      await tx.insert(appSettings).values({ key: 'k', value: 'v', updatedAt: 1 });
    });
    // Hold one connection in a transaction so the next statement must use another.
    const held = await opened.client.transaction('write');
    const other = opened.client.execute('insert into user_roles (user_id, role) values (999, \'learner\')');
    await held.rollback();
    await expect(other).rejects.toThrow(/FOREIGN KEY/);
    opened.client.close();
  });

  it('never seeds outside demo mode', async () => {
    const opened = await openDatabase(`file:${join(dir, 'prod.db')}`);
    expect(await opened.db.select().from(appSettings)).toEqual([]);
    opened.client.close();
  });
});
