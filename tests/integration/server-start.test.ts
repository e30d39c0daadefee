import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';

/** Starts the production entry with `env` and waits for it to stop (it should, at once). */
function start(env: Record<string, string>): { status: number | null; stderr: string } {
  const result = spawnSync(process.execPath, ['src/cluster.mjs'], {
    // Nothing inherited: only what each case sets, plus PATH.
    env: { PATH: process.env['PATH'] ?? '', HOST: '127.0.0.1', PORT: '0', WORKERS: '2', ...env },
    encoding: 'utf8',
    timeout: 30_000,
  });
  return { status: result.status, stderr: result.stderr };
}

describe('the production server refuses to start with a bad setting', () => {
  it('without an https SITE_URL, naming SITE_URL, before forking any worker', () => {
    const result = start({ NODE_ENV: 'production', SITE_URL: 'http://xiaguang.example.cn' });
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('霞光学堂没有启动');
    expect(result.stderr).toMatch(/设置 SITE_URL 无效：生产环境.*https:\/\//);
    expect(result.stderr).not.toContain('worker');
  });

  it('without any SITE_URL (the default suits a developer machine, never production)', () => {
    const result = start({ NODE_ENV: 'production' });
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/设置 SITE_URL 无效：生产环境.*必须设置/);
  });

  it('with a trusted proxy that is not an address, naming TRUSTED_PROXY', () => {
    const result = start({ NODE_ENV: 'production', SITE_URL: 'https://xiaguang.example.cn', TRUSTED_PROXY: 'nginx' });
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('设置 TRUSTED_PROXY 无效');
  });
});
