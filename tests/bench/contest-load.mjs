// 知识竞赛 load for `npm run bench`: 500 contestants arrive over 20 seconds at the production server,
// sign in with their password, start the contest, save 20 answers one by one (0.5–1.5 s apart, as
// people tap) and hand in; at the peak all 500 are answering at once. Latency per step counts from
// the moment each request was due, so a slow answer also counts against the ones queued behind it.
// Afterwards the database must hold every answer the server accepted, exactly as sent, and every
// score must match a recomputation with the project's own scoring rules.
//
// Arrivals are spread over 20 s rather than a few: each sign-in verifies an argon2id hash (about
// 20 ms of a core), and 500 of them in 5 s would be a sign-in storm, not a contest. Sign-in is not
// throttled here: only failed sign-ins count against the per-IP and per-phone limits
// (src/lib/server/rate-limit.ts), and every contestant uses the right password.
import http from 'node:http';
import { randomInt } from 'node:crypto';
import { parse } from 'devalue';
import { tsImport } from 'tsx/esm/api';
import { startBenchServer } from './server.mjs';

const DB_FILE = 'tests/.tmp/bench/contest.db';
const CONTESTANTS = 500;
/** Contestants arrive evenly over this long (each opens their one connection on arrival). */
const ARRIVAL_MS = 20_000;
/** Reading the contest's rules between signing in and 开始答题. */
const READ_RULES_MS = [1000, 3000];
/** Between two answers, and between the last answer and 交卷. */
const THINK_MS = [1000, 2000];
/** Everyone must be done (submit answered) this long after the first arrival. */
const RUN_LIMIT_MS = 60_000;
const SAVE_P99_TARGET_MS = 250;
const REQUEST_TIMEOUT_MS = 15_000;
const PASSWORD = '霞光压测-knowledge-contest-2026';
/** The bank: how many questions of each type. */
const BANK = { single: 30, multiple: 15, truefalse: 15, fill: 10 };
const DRAW_RULES = [
  { type: 'single', count: 10 },
  { type: 'multiple', count: 4 },
  { type: 'truefalse', count: 4 },
  { type: 'fill', count: 2 },
];
const ANSWERS = DRAW_RULES.reduce((sum, rule) => sum + rule.count, 0);
const POINTS = { single: 2, multiple: 4, truefalse: 1, fill: 3, partial: 'half' };
const STEPS = ['signIn', 'start', 'save', 'submit'];
const STEP_LABELS = { signIn: 'sign-in', start: 'start', save: 'save an answer', submit: 'submit', bench: 'load generator' };
/** Refusals and failures printed in full (the first few). */
const SHOWN_FAILURES = 5;
/** People who take part, unmeasured and without pauses, before the contest (see warm-up below). */
const WARM_UP = 4;

const uniform = ([low, high]) => low + Math.random() * (high - low);
const sleepUntil = (moment) => {
  const wait = moment - performance.now();
  return wait > 0 ? new Promise((resolve) => setTimeout(resolve, wait)) : Promise.resolve();
};

function percentile(sorted, p) {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

/** The bank's questions in the stored shape (QuestionContent in src/lib/question-rules.ts). */
function bankQuestions() {
  const questions = [];
  for (let i = 1; i <= BANK.single; i++) {
    const count = 4 + (i % 2);
    const options = Array.from({ length: count }, (_, k) => `第${i}题的第${k + 1}个说法`);
    questions.push({ type: 'single', stem: `压测单选第${i}题：下列哪一项是正确的？`, options, answer: { type: 'single', option: i % count } });
  }
  for (let i = 1; i <= BANK.multiple; i++) {
    const count = 4 + (i % 3);
    const options = Array.from({ length: count }, (_, k) => `多选第${i}题的第${k + 1}项`);
    const correct = [...new Set([i % count, (i + 2) % count, ...(i % 2 ? [(i + 3) % count] : [])])].sort((a, b) => a - b);
    questions.push({ type: 'multiple', stem: `压测多选第${i}题：下列哪些说法是正确的？`, options, answer: { type: 'multiple', options: correct } });
  }
  for (let i = 1; i <= BANK.truefalse; i++) {
    questions.push({ type: 'truefalse', stem: `压测判断第${i}题：这个说法对不对？`, options: [], answer: { type: 'truefalse', value: i % 2 === 0 } });
  }
  for (let i = 1; i <= BANK.fill; i++) {
    questions.push({ type: 'fill', stem: `压测填空第${i}题：全心全意为（　　）服务。`, options: [], answer: { type: 'fill', accepted: ['人民', '人民群众'] } });
  }
  return questions;
}

/** A stored response (original option indexes) in one comparable form. */
function canonical(response) {
  if (response === null || response === undefined) return 'none';
  switch (response.type) {
    case 'single':
      return `single:${response.option}`;
    case 'multiple':
      return `multiple:${[...response.options].sort((a, b) => a - b).join(',')}`;
    case 'truefalse':
      return `truefalse:${response.value}`;
    case 'fill':
      return `fill:${response.text}`;
    default:
      return `unknown:${JSON.stringify(response)}`;
  }
}

function randomSubset(items, minSize) {
  const shuffled = [...items].sort(() => Math.random() - 0.5);
  return shuffled.slice(0, minSize + randomInt(shuffled.length - minSize + 1));
}

/**
 * A valid answer to one question as a contestant would give it, some right, some half right
 * (多选), some wrong: the form fields (shown option positions) and the stored response expected.
 */
function chooseAnswer(item) {
  const { type, order, key } = item;
  const shownCount = order.length > 0 ? order.length : item.optionCount;
  const toOriginal = (shown) => (order.length > 0 ? order[shown] : shown);
  const toShown = (original) => (order.length > 0 ? order.indexOf(original) : original);
  const fields = new URLSearchParams({ attemptId: '', position: String(item.position), type, go: 'stay' });
  const roll = Math.random();
  switch (type) {
    case 'single': {
      const shown = roll < 0.6 ? toShown(key.option) : randomInt(shownCount);
      fields.set('option', String(shown));
      return { fields, expected: { type, option: toOriginal(shown) } };
    }
    case 'multiple': {
      const all = Array.from({ length: shownCount }, (_, index) => index);
      const right = key.options.map(toShown);
      const shown = roll < 0.4 ? right : roll < 0.7 ? randomSubset(right, 1).slice(0, right.length - 1) : randomSubset(all, 1);
      for (const index of shown) fields.append('options', String(index));
      return { fields, expected: { type, options: shown.map(toOriginal).sort((a, b) => a - b) } };
    }
    case 'truefalse': {
      const value = roll < 0.7 ? key.value : !key.value;
      fields.set('value', String(value));
      return { fields, expected: { type, value } };
    }
    case 'fill': {
      const text = roll < 0.5 ? key.accepted[randomInt(key.accepted.length)] : '不记得了';
      fields.set('text', text);
      return { fields, expected: { type, text } };
    }
    default:
      throw new Error(`unknown question type ${type}`);
  }
}

/** Seeds the bank, the contest and the contestants (one password hash for all). Returns the contest id and phones. */
async function seed(client, { hashPassword, stemKey, contestants }) {
  const now = Date.now();
  const bank = await client.execute({
    sql: "INSERT INTO question_banks (name, description, practice, created_by, created_at) VALUES ('压测竞赛题库', '', 0, NULL, ?) RETURNING id",
    args: [now],
  });
  const bankId = Number(bank.rows[0]?.id);
  const statements = bankQuestions().flatMap((question) => {
    const key = stemKey(question.stem);
    return [
      { sql: 'INSERT INTO questions (bank_id, stem_key, created_at, updated_at) VALUES (?, ?, ?, ?)', args: [bankId, key, now, now] },
      {
        sql: `INSERT INTO question_versions (question_id, version, type, stem, options, answer, explanation, category, tags, difficulty, source, created_by, created_at)
              SELECT id, 1, ?, ?, ?, ?, '压测解析。', '压测', '[]', 2, '压测', NULL, ? FROM questions WHERE bank_id = ? AND stem_key = ? AND retired_at IS NULL`,
        args: [question.type, question.stem, JSON.stringify(question.options), JSON.stringify(question.answer), now, bankId, key],
      },
    ];
  });
  statements.push({
    sql: 'UPDATE questions SET current_version_id = (SELECT id FROM question_versions WHERE question_id = questions.id AND version = 1) WHERE bank_id = ?',
    args: [bankId],
  });
  statements.push({
    sql: `INSERT INTO contests (title, description, bank_id, opens_at, closes_at, time_limit_minutes, attempts_allowed, draw_rules, shuffle_options, points, eligibility, answers_visible, awards, created_by, created_at)
          VALUES ('压测知识竞赛', '', ?, ?, ?, 30, 1, ?, 1, ?, 'all', 'after_submit', '[]', NULL, ?)`,
    args: [bankId, now - 60_000, now + 2 * 60 * 60_000, JSON.stringify(DRAW_RULES), JSON.stringify(POINTS), now],
  });
  await client.batch(statements, 'write');
  const contestId = Number((await client.execute({ sql: 'SELECT id FROM contests WHERE bank_id = ?', args: [bankId] })).rows[0]?.id);

  // One hash with the project's own parameters, stored for every account: hashing 500 times would
  // only slow the set-up, and each sign-in still verifies against a real argon2id hash.
  const passwordHash = await hashPassword(PASSWORD);
  const phones = Array.from({ length: contestants }, (_, index) => `137${String(10_000_000 + index).padStart(8, '0')}`);
  const warmUpPhones = Array.from({ length: WARM_UP }, (_, index) => `137${String(99_990_000 + index).padStart(8, '0')}`);
  await client.batch(
    [...phones, ...warmUpPhones].flatMap((phone, index) => [
      {
        sql: 'INSERT INTO users (phone, display_name, branch_id, password_hash, volunteer, created_at) VALUES (?, ?, NULL, ?, 0, ?)',
        args: [phone, `竞赛压测${index + 1}`, passwordHash, now],
      },
      { sql: "INSERT INTO user_roles (user_id, role) SELECT id, 'learner' FROM users WHERE phone = ?", args: [phone] },
    ]),
    'write',
  );
  return { contestId, phones, warmUpPhones };
}

/**
 * Runs the contest against `<outDir>/server/entry.mjs` (through src/cluster.mjs) on 127.0.0.1:`port`
 * and returns rows in the shape of run.mjs's table: { measure, value, target, result }.
 */
export async function contestLoad({ outDir, port, nodeArgs = [], contestants = CONTESTANTS, arrivalMs = ARRIVAL_MS }) {
  // The project's own TypeScript: the password parameters, the stem key, and the scoring rules.
  const project = (path) => tsImport(path, import.meta.url);
  const [{ hashPassword }, { stemKey }, { scoreAttempt }] = await Promise.all([
    project('../../src/lib/server/password.ts'),
    project('../../src/lib/question-rules.ts'),
    project('../../src/lib/contest-results.ts'),
  ]);

  const { base, client, stop, serverErrors } = await startBenchServer({ outDir, port, dbFile: DB_FILE, nodeArgs });
  const agents = [];
  try {
    const { contestId, phones, warmUpPhones } = await seed(client, { hashPassword, stemKey, contestants });

    /** What one run of contestants gives: latencies per step, failures by kind, accepted saves. */
    const newTally = () => ({ latencies: Object.fromEntries(STEPS.map((step) => [step, []])), failures: new Map(), shown: [], requests: 0, saveTimes: [] });
    const fail = (tally, step, kind, detail) => {
      const label = `${STEP_LABELS[step]}: ${kind}`;
      tally.failures.set(label, (tally.failures.get(label) ?? 0) + 1);
      if (tally.shown.length < SHOWN_FAILURES) tally.shown.push(`${label}${detail ? ` — ${detail}` : ''}`);
    };

    /** One action call on the person's own kept-alive connection; never throws. */
    const post = (person, action, fields, since) =>
      new Promise((resolve) => {
        const body = fields.toString();
        const headers = {
          'content-type': 'application/x-www-form-urlencoded',
          'content-length': Buffer.byteLength(body),
          origin: base,
          accept: 'application/json',
          'user-agent': 'Mozilla/5.0 (Linux; Android 12; contest-bench) Mobile',
        };
        if (person.cookie) headers.cookie = person.cookie;
        let settled = false;
        const done = (result) => {
          if (settled) return;
          settled = true;
          resolve({ ms: performance.now() - since, ...result });
        };
        const request = http.request(
          { host: '127.0.0.1', port, path: `/_actions/${action}`, method: 'POST', agent: person.agent, timeout: REQUEST_TIMEOUT_MS, headers },
          (response) => {
            const chunks = [];
            response.on('data', (chunk) => chunks.push(chunk));
            response.on('end', () => {
              const text = Buffer.concat(chunks).toString('utf8');
              if (response.statusCode !== 200) return done({ ok: false, failure: `HTTP ${response.statusCode}`, detail: text.slice(0, 300) });
              try {
                done({ ok: true, data: parse(text), setCookie: response.headers['set-cookie'] ?? [] });
              } catch {
                done({ ok: false, failure: 'unreadable answer', detail: text.slice(0, 300) });
              }
            });
            response.on('error', (error) => done({ ok: false, failure: String(error.code ?? error.name) }));
          },
        );
        // Tells a connection that was never accepted from a request the server never answered.
        request.on('timeout', () => {
          const code = request.socket && !request.socket.connecting ? 'timeout (no answer)' : 'timeout (not connected)';
          request.destroy(Object.assign(new Error(code), { code }));
        });
        request.on('error', (error) => done({ ok: false, failure: String(error.code ?? error.name) }));
        request.end(body);
      });

    /** The paper as the bench needs it: each position's type, option order and answer key (the bench owns the database). */
    const paper = async (attemptId) => {
      const rows = await client.execute({
        sql: `SELECT aq.position, aq.option_order, qv.type, qv.options, qv.answer
              FROM attempt_questions aq JOIN question_versions qv ON qv.id = aq.version_id
              WHERE aq.attempt_id = ? ORDER BY aq.position`,
        args: [attemptId],
      });
      return rows.rows.map((row) => ({
        position: Number(row.position),
        type: String(row.type),
        order: JSON.parse(String(row.option_order)),
        optionCount: JSON.parse(String(row.options)).length,
        key: JSON.parse(String(row.answer)),
      }));
    };

    const newPerson = (phone) => {
      const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
      agents.push(agent);
      return { phone, agent, cookie: '', attemptId: 0, accepted: new Map(), submitted: false, finishedAt: 0 };
    };

    /** One contestant from arriving (`arrival`) to 交卷; counts into `tally` and never throws. */
    const takePart = async (contestant, arrival, tally, pace = { readRules: READ_RULES_MS, think: THINK_MS }) => {
      const call = async (step, action, fields, due) => {
        await sleepUntil(due);
        const result = await post(contestant, action, fields, due);
        tally.requests += 1;
        tally.latencies[step].push(result.ms);
        if (!result.ok) fail(tally, step, result.failure, `${fields.toString()}: ${result.detail ?? ''}`);
        return result;
      };
      try {
        // Sign in as the login form posts it; the session cookie comes back in Set-Cookie.
        let result = await call('signIn', 'auth.login', new URLSearchParams({ phone: contestant.phone, password: PASSWORD }), arrival);
        if (!result.ok) return;
        if (result.data?.ok !== true) return fail(tally, 'signIn', 'refused', JSON.stringify(result.data?.error ?? result.data));
        const session = result.setCookie.map((cookie) => cookie.split(';')[0]).find((pair) => /^(__Host-)?xg_session=./.test(pair));
        if (!session) return fail(tally, 'signIn', 'no session cookie', result.setCookie.join(' | '));
        contestant.cookie = session;

        result = await call('start', 'contest.start', new URLSearchParams({ contestId: String(contestId) }), performance.now() + uniform(pace.readRules));
        if (!result.ok) return;
        contestant.attemptId = Number(result.data?.value?.attemptId);
        if (!Number.isInteger(contestant.attemptId) || contestant.attemptId <= 0) return fail(tally, 'start', 'no attempt id', JSON.stringify(result.data));

        const items = await paper(contestant.attemptId);
        if (items.length !== ANSWERS) fail(tally, 'start', `a paper of ${items.length} questions, not ${ANSWERS}`);
        // Answers on a fixed schedule from here: a slow save delays the ones behind it, and that counts.
        let due = performance.now();
        for (const item of items) {
          due += uniform(pace.think);
          const { fields, expected } = chooseAnswer(item);
          fields.set('attemptId', String(contestant.attemptId));
          result = await call('save', 'contest.answer', fields, due);
          if (!result.ok) continue;
          if (result.data?.value?.saved !== true) {
            fail(tally, 'save', 'not saved', JSON.stringify(result.data));
            continue;
          }
          contestant.accepted.set(item.position, canonical(expected));
          tally.saveTimes.push(performance.now());
        }

        due += uniform(pace.think);
        result = await call('submit', 'contest.submit', new URLSearchParams({ attemptId: String(contestant.attemptId) }), due);
        if (!result.ok) return;
        if (result.data?.value?.submitted !== true) return fail(tally, 'submit', 'not submitted', JSON.stringify(result.data));
        contestant.submitted = true;
        contestant.finishedAt = performance.now();
      } catch (error) {
        fail(tally, 'bench', 'exception', String(error?.stack ?? error).split('\n').slice(0, 3).join(' '));
      }
    };

    // Warm-up (not measured): a few people take part at once, without pauses, each on their own
    // connection, so that every server process has loaded the actions and opened its database
    // before the contest starts, as on a server that has been up all morning. Their answers and
    // scores are checked below with everyone else's.
    const warmUp = newTally();
    const warmUpPeople = warmUpPhones.map(newPerson);
    await Promise.all(warmUpPeople.map((contestant) => takePart(contestant, performance.now(), warmUp, { readRules: [0, 0], think: [0, 0] })));
    if (warmUp.failures.size > 0) throw new Error(`warm-up failed: ${warmUp.shown.join('; ')}\n${serverErrors()}`);

    // The contest: everyone arrives on schedule, evenly spread over `arrivalMs`.
    const tally = newTally();
    const people = phones.map(newPerson);
    const begin = performance.now() + 100;
    await Promise.all(people.map((contestant, index) => takePart(contestant, begin + (index / contestants) * arrivalMs, tally)));
    const elapsedMs = performance.now() - begin;
    const finished = people.filter((contestant) => contestant.submitted);
    const lastFinishMs = finished.length > 0 ? Math.max(...finished.map((contestant) => contestant.finishedAt)) - begin : elapsedMs;
    for (const agent of agents) agent.destroy();
    const { latencies, failures, shown: shownFailures, requests, saveTimes } = tally;

    if (shownFailures.length > 0) {
      console.error(`contest load: first ${shownFailures.length} failures:\n  ${shownFailures.join('\n  ')}`);
      if (serverErrors()) console.error(`contest load: server stderr (start):\n${serverErrors()}`);
    }

    // Every accepted answer must be stored exactly as sent (mapped to the stored option order).
    const stored = new Map();
    const storedRows = await client.execute({
      sql: 'SELECT aq.attempt_id, aq.position, aq.response FROM attempt_questions aq JOIN contest_attempts ca ON ca.id = aq.attempt_id WHERE ca.contest_id = ?',
      args: [contestId],
    });
    for (const row of storedRows.rows) {
      stored.set(`${Number(row.attempt_id)} ${Number(row.position)}`, row.response === null ? 'none' : canonical(JSON.parse(String(row.response))));
    }
    let acceptedAnswers = 0;
    let missing = 0;
    let different = 0;
    const differences = [];
    const everyone = [...warmUpPeople, ...people];
    for (const person of everyone) {
      for (const [position, expected] of person.accepted) {
        acceptedAnswers += 1;
        const actual = stored.get(`${person.attemptId} ${position}`);
        if (actual === undefined || actual === 'none') missing += 1;
        else if (actual !== expected) {
          different += 1;
          if (differences.length < SHOWN_FAILURES) differences.push(`attempt ${person.attemptId} 第${position}题: sent ${expected}, stored ${actual}`);
        }
      }
    }
    if (differences.length > 0) console.error(`contest load: accepted answers stored differently:\n  ${differences.join('\n  ')}`);

    // Every submitted attempt's score must match a recomputation from the stored answers.
    const attempts = (
      await client.execute({ sql: 'SELECT id, submitted_at, submitted_by, score_hundredths, correct FROM contest_attempts WHERE contest_id = ?', args: [contestId] })
    ).rows;
    const itemRows = (
      await client.execute({
        sql: `SELECT aq.attempt_id, aq.position, aq.response, aq.points_hundredths, qv.type, qv.options, qv.answer
              FROM attempt_questions aq JOIN question_versions qv ON qv.id = aq.version_id JOIN contest_attempts ca ON ca.id = aq.attempt_id
              WHERE ca.contest_id = ? ORDER BY aq.attempt_id, aq.position`,
        args: [contestId],
      })
    ).rows;
    const itemsByAttempt = new Map();
    for (const row of itemRows) {
      const id = Number(row.attempt_id);
      if (!itemsByAttempt.has(id)) itemsByAttempt.set(id, []);
      itemsByAttempt.get(id).push(row);
    }
    let scored = 0;
    let wrongScores = 0;
    const scoreProblems = [];
    const submittedIds = new Set(everyone.filter((person) => person.submitted).map((person) => person.attemptId));
    for (const attempt of attempts) {
      const id = Number(attempt.id);
      const rows = itemsByAttempt.get(id) ?? [];
      const recomputed = scoreAttempt(
        rows.map((row) => ({
          content: { type: String(row.type), options: JSON.parse(String(row.options)), answer: JSON.parse(String(row.answer)) },
          response: row.response === null ? null : JSON.parse(String(row.response)),
        })),
        POINTS,
      );
      const problem = [];
      if (submittedIds.has(id) && (attempt.submitted_at === null || attempt.submitted_by !== 'person')) problem.push(`accepted submit but submitted_by ${attempt.submitted_by}`);
      if (attempt.submitted_at !== null) {
        scored += 1;
        if (Number(attempt.score_hundredths) !== Math.round(recomputed.score * 100)) problem.push(`score ${attempt.score_hundredths} ≠ ${Math.round(recomputed.score * 100)} (hundredths)`);
        if (Number(attempt.correct) !== recomputed.correct) problem.push(`correct ${attempt.correct} ≠ ${recomputed.correct}`);
        const perItem = rows.map((row) => Number(row.points_hundredths));
        if (perItem.some((points, index) => points !== Math.round((recomputed.perItem[index] ?? 0) * 100))) problem.push('points per question differ');
      }
      if (problem.length > 0) {
        wrongScores += 1;
        if (scoreProblems.length < SHOWN_FAILURES) scoreProblems.push(`attempt ${id}: ${problem.join('; ')}`);
      }
    }
    if (scoreProblems.length > 0) console.error(`contest load: scores not matching:\n  ${scoreProblems.join('\n  ')}`);

    // Figures.
    const errors = [...failures.values()].reduce((sum, n) => sum + n, 0);
    const seconds = elapsedMs / 1000;
    saveTimes.sort((a, b) => a - b);
    const saveSpan = saveTimes.length > 1 ? (saveTimes[saveTimes.length - 1] - saveTimes[0]) / 1000 : NaN;
    let peakSaves = 0;
    for (let first = 0, last = 0; last < saveTimes.length; last++) {
      while (saveTimes[last] - saveTimes[first] >= 1000) first++;
      peakSaves = Math.max(peakSaves, last - first + 1);
    }
    for (const step of STEPS) latencies[step].sort((a, b) => a - b);
    const latencyText = (step) =>
      latencies[step].length === 0 ? 'none' : `${[50, 95, 99].map((p) => percentile(latencies[step], p).toFixed(0)).join(' / ')} ms (${latencies[step].length})`;
    const saveP99 = percentile(latencies.save, 99);
    const failureText = [...failures].map(([kind, n]) => `${kind} ×${n}`).join(', ');
    const row = (measure, value, target = '', ok = undefined) => ({ measure, value, target, result: ok === undefined ? '' : ok ? 'ok' : 'MISSED' });
    const what = `contest (${contestants} contestants, ${ANSWERS} answers each)`;
    return [
      row(
        `${what}: all signed in, answered and submitted`,
        `${finished.length} of ${contestants} in ${(lastFinishMs / 1000).toFixed(1)} s (arriving over ${arrivalMs / 1000} s)`,
        `all within ${RUN_LIMIT_MS / 1000} s`,
        finished.length === contestants && lastFinishMs <= RUN_LIMIT_MS,
      ),
      row(
        `${what}: throughput`,
        `${(requests / seconds).toFixed(0)} requests/s (${requests} in ${seconds.toFixed(1)} s); accepted saves ${(saveTimes.length / saveSpan).toFixed(0)}/s on average, ${peakSaves} in the busiest second`,
      ),
      ...STEPS.map((step) =>
        step === 'save'
          ? row(`${what}: save an answer (each ${THINK_MS[0] / 1000}–${THINK_MS[1] / 1000} s after the last), p50 / p95 / p99`, latencyText(step), `p99 < ${SAVE_P99_TARGET_MS} ms`, saveP99 < SAVE_P99_TARGET_MS)
          : row(`${what}: ${STEP_LABELS[step]}, p50 / p95 / p99`, latencyText(step)),
      ),
      row(`${what}: errors`, `${errors} of ${requests}${failureText ? ` (${failureText})` : ''}`, '0', errors === 0),
      row(
        `${what}: accepted answers missing or different in the database`,
        `${missing + different} of ${acceptedAnswers}${missing + different > 0 ? ` (${missing} missing, ${different} different)` : ''}`,
        '0',
        acceptedAnswers > 0 && missing + different === 0,
      ),
      row(`${what}: scores not matching a recomputation`, `${wrongScores} of ${scored} submitted attempts (${WARM_UP} of them warm-up)`, '0', scored > 0 && wrongScores === 0),
    ];
  } finally {
    for (const agent of agents) agent.destroy();
    await stop();
  }
}
