// @ts-check
import { defineConfig } from 'astro/config';
import node from '@astrojs/node';
import mdx from '@astrojs/mdx';
import react from '@astrojs/react';

// SITE_URL is the public origin used for canonical and Open Graph URLs.
const site = process.env.SITE_URL ?? 'http://localhost:4321';

export default defineConfig({
  site,
  output: 'server',
  adapter: node({ mode: 'standalone' }),
  integrations: [mdx(), react()],
  trailingSlash: 'ignore',
  // OUT_DIR lets the benchmark build a generated site without touching dist/.
  outDir: process.env.OUT_DIR ?? './dist',
  // Tests and the benchmark build other content without disturbing the main cache.
  cacheDir: process.env.ASTRO_CACHE_DIR ?? './node_modules/.astro',
  build: { inlineStylesheets: 'always' },
  prefetch: false,
  devToolbar: { enabled: false },
  // Spreadsheet imports may be up to 5 MB (src/schemas/admin.ts); the default limit is 1 MB.
  security: { checkOrigin: true, actionBodySizeLimit: 6 * 1024 * 1024 },
  vite: {
    build: {
      rolldownOptions: {
        // Astro's MDX output starts with a "use astro:head-inject" directive that Astro itself
        // handles; the bundler's warning about it is noise that would hide real warnings.
        onwarn(warning, warn) {
          if (warning.code === 'MODULE_LEVEL_DIRECTIVE' && warning.message.includes('astro:head-inject')) return;
          warn(warning);
        },
      },
    },
  },
  server: { host: process.env.HOST ?? '127.0.0.1', port: Number(process.env.PORT ?? 4321) },
});
