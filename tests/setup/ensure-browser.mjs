// Makes sure Debian's Chromium and the Noto CJK fonts are present for the browser tests.
// As root it installs them with apt-get; otherwise it stops and names the packages.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

function fontsPresent() {
  const result = spawnSync('fc-list', [':lang=zh-cn', 'family'], { encoding: 'utf8' });
  return result.status === 0 && /Noto Sans CJK|Noto Serif CJK/i.test(result.stdout);
}

export function ensureBrowser() {
  const missing = [];
  if (!existsSync(CHROMIUM)) missing.push('chromium');
  if (!fontsPresent()) missing.push('fonts-noto-cjk');
  if (missing.length === 0) return;

  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  if (!isRoot) {
    console.error(
      `The browser tests need Debian packages that are not installed: ${missing.join(' ')}.\n` +
        `Install them with:  sudo apt-get install -y ${missing.join(' ')}\nthen run npm test again.`,
    );
    process.exit(1);
  }
  console.log(`Installing ${missing.join(' ')} with apt-get (needed by the browser tests)…`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  execFileSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env });
  execFileSync('apt-get', ['install', '-y', '-qq', '--no-install-recommends', ...missing, 'fontconfig'], {
    stdio: 'inherit',
    env,
  });
}
