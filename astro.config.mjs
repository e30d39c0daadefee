// @ts-check
import { defineConfig } from 'astro/config';
import node from '@astrojs/node';
import mdx from '@astrojs/mdx';
import react from '@astrojs/react';
import { loadConfig } from './src/lib/server/config.ts';
import { MAX_ACTION_BODY } from './src/lib/body-limits.ts';
import { contentSourceProblems, formatSourceProblems } from './src/lib/server/content-sources.ts';

// Runs outside the bundle, before it exists: it reads the same validated settings as the server.
// Only build-time ones matter here (SITE_URL for `site`, HOST and PORT for
// `astro dev`/`preview`); the server reads its own when it starts (src/lib/server/config.ts).
const config = loadConfig(process.env);

/**
 * Every 《document》 a lesson names must be among its sources (src/lib/server/content-sources.ts): `astro build`
 * and `astro sync` stop with the file and line of each; `astro dev` warns and goes on.
 * @returns {import('astro').AstroIntegration}
 */
function lessonSourcesCheck() {
  return {
    name: 'lesson-sources-check',
    hooks: {
      'astro:config:setup': ({ command, logger }) => {
        const problems = contentSourceProblems(config.contentDir);
        if (problems.length === 0) return;
        const report = `课文提到的文献不在本课出处里（${problems.length} 处）：\n${formatSourceProblems(problems)}`;
        if (command === 'dev') logger.warn(report);
        else throw new Error(report);
      },
    },
  };
}

export default defineConfig({
  site: config.siteUrl.href,
  output: 'server',
  // Middleware mode: src/cluster.mjs is the server; it sends the build's files itself
  // (src/lib/server/static-files.ts) and hands Astro only what is not a file. staticHeaders:
  // prerendered pages get their Content-Security-Policy as a header (recorded in
  // dist/_headers.json and sent by src/cluster.mjs), not as a <meta> that cannot carry
  // frame-ancestors.
  adapter: node({ mode: 'middleware', staticHeaders: true }),
  integrations: [mdx(), react(), lessonSourcesCheck()],
  trailingSlash: 'ignore',
  // OUT_DIR lets the benchmark build a generated site without touching dist/.
  outDir: process.env.OUT_DIR ?? './dist',
  // Tests and the benchmark build other content without disturbing the main cache.
  cacheDir: process.env.ASTRO_CACHE_DIR ?? './node_modules/.astro',
  // Stylesheets as files (hashed names, cached for a year), not inlined: a page then carries no
  // copy of the site's CSS, and every page's Content-Security-Policy no hash of every inlined
  // style of the site (Astro lists them all: 7.6 kB of header on every answer, issue 14 item 6).
  build: { inlineStylesheets: 'never' },
  prefetch: false,
  devToolbar: { enabled: false },
  security: {
    checkOrigin: true,
    // Astro has one limit for every action: the largest any action needs (a 10 MB picture). Each
    // action's own limit, 1 MB unless it uploads a file, is in src/lib/body-limits.ts and the
    // middleware refuses a larger body before Astro reads it.
    actionBodySizeLimit: MAX_ACTION_BODY,
    // Astro hashes its own inline scripts per page (stylesheets are files under 'self'); Base.astro
    // adds the hash of its inline head script. Every other response gets the fallback policy and
    // the other security headers from src/lib/server/security-headers.ts.
    csp: {
      directives: [
        "default-src 'self'",
        "img-src 'self' data:",
        "connect-src 'self'",
        "font-src 'self'",
        "object-src 'none'",
        "base-uri 'none'",
        "frame-ancestors 'none'",
        "form-action 'self'",
      ],
      // Pagefind's search index is WebAssembly.
      scriptDirective: { resources: ["'self'", "'wasm-unsafe-eval'"] },
      styleDirective: { resources: ["'self'"] },
    },
  },
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
  server: { host: config.host, port: config.port },
});
