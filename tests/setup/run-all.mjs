// `npm test`: type check, unit and integration tests, a production build, then the browser and
// accessibility tests against it. Stops at the first failing step with a non-zero exit code.
import { spawnSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { ensureBrowser } from './ensure-browser.mjs';

const steps = [
  ['type check (astro check)', 'astro', ['check']],
  ['unit and integration tests (vitest)', 'vitest', ['run', '--config', 'tests/vitest.config.ts']],
  ['production build with search index', 'npm', ['run', 'build']],
  ['browser and accessibility tests (playwright)', 'playwright', ['test', '--config', 'tests/playwright.config.ts']],
];

const major = Number(process.versions.node.split('.')[0]);
if (major < 22) {
  console.error(`npm test needs Node 22.12 or newer (this is ${process.version}); run it through npm so the project's Node 24 is used.`);
  process.exit(1);
}

ensureBrowser();
rmSync('tests/.tmp', { recursive: true, force: true });

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
console.log(`\nAll tests passed in ${((Date.now() - started) / 1000).toFixed(0)}s.`);
