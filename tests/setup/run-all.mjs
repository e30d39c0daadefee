// `npm test`: type check, unit tests, a production build, then the integration tests (some serve
// that build: the crash test, the studio pages) and the browser and accessibility tests against it.
// Stops at the first failing step with a non-zero exit code.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { ensureBrowser } from './ensure-browser.mjs';

/** `npm run test:unit` / `test:integration`, plus a JSON report for the closing line. */
function vitestArgs(kind) {
  return ['run', '--config', 'tests/vitest.config.ts', `tests/${kind}`, '--reporter=default', '--reporter=json', `--outputFile.json=tests/.tmp/vitest-${kind}.json`];
}

const steps = [
  ['type check (astro check)', 'astro', ['check']],
  ['unit tests (vitest)', 'vitest', vitestArgs('unit')],
  ['production build with search index', 'npm', ['run', 'build']],
  ['integration tests (vitest, throwaway SQLite files)', 'vitest', vitestArgs('integration')],
  ['browser and accessibility tests (playwright)', 'playwright', ['test', '--config', 'tests/playwright.config.ts']],
];

const major = Number(process.versions.node.split('.')[0]);
if (major < 22) {
  console.error(`npm test needs Node 22.12 or newer (this is ${process.version}); run it through npm so the project's Node 24 is used.`);
  process.exit(1);
}

/** A free port on 127.0.0.1 for the browser tests' server, so a busy 4329 never fails a run. */
function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = /** @type {import('node:net').AddressInfo} */ (server.address());
      server.close(() => resolve(port));
    });
  });
}

ensureBrowser();
rmSync('tests/.tmp', { recursive: true, force: true });
process.env.E2E_PORT ??= String(await freePort());

const started = Date.now();
for (const [name, command, args] of steps) {
  console.log(`\n▶ ${name}`);
  const stepStart = Date.now();
  const result = spawnSync(command, args, { stdio: 'inherit', env: { ...process.env, FORCE_COLOR: '0' } });
  const seconds = ((Date.now() - stepStart) / 1000).toFixed(1);
  if (result.status !== 0) {
    console.error(`\n✗ ${name} failed after ${seconds}s (exit code ${result.status ?? result.signal}).`);
    process.exit(result.status || 1);
  }
  console.log(`✓ ${name} (${seconds}s)`);
}
/** Test counts from both runners' JSON reports, for one closing line CI can read. */
function counts() {
  let passed = 0;
  let failed = 0;
  let skipped = 0;
  for (const kind of ['unit', 'integration']) {
    const file = `tests/.tmp/vitest-${kind}.json`;
    if (!existsSync(file)) continue;
    const report = JSON.parse(readFileSync(file, 'utf8'));
    passed += report.numPassedTests;
    failed += report.numFailedTests;
    skipped += report.numPendingTests + report.numTodoTests;
  }
  if (existsSync('tests/.tmp/playwright.json')) {
    const { stats } = JSON.parse(readFileSync('tests/.tmp/playwright.json', 'utf8'));
    passed += stats.expected + stats.flaky;
    failed += stats.unexpected;
    skipped += stats.skipped;
  }
  return { passed, failed, skipped };
}

const { passed, failed, skipped } = counts();
console.log(`\nAll test steps passed in ${((Date.now() - started) / 1000).toFixed(0)}s.`);
console.log(`${passed} passed, ${failed} failed, ${skipped} skipped`);
