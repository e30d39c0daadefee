import { getViteConfig } from 'astro/config';
import { defineConfig } from 'vitest/config';

// Through Astro's Vite config so .astro components compile for container-API tests.
export default getViteConfig(
  defineConfig({
    test: {
      root: '.',
      include: ['tests/unit/**/*.test.ts', 'tests/integration/**/*.test.ts'],
      testTimeout: 120_000,
      hookTimeout: 120_000,
      pool: 'forks',
      // The server's secret key (two-step sign-in keys, recovery codes); never a file in the repo.
      env: { XG_SECRET_KEY: 'vitest-secret-key-0123456789abcdef0123456789' },
    },
  }),
  { logLevel: 'error' },
);
