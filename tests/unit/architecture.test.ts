import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { parseCircular, parseDependencyTree, prettyCircular } from 'dpdm';

/** Every file under `dir` whose name ends with one of `endings`. */
function files(dir: string, endings: string[]): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((name) => endings.some((ending) => name.endsWith(ending)))
    .map((name) => join(dir, name));
}

/** Import statements (static and dynamic) of a file: the module named and whether it is types only. */
function imports(file: string): Array<{ from: string; typeOnly: boolean }> {
  const text = readFileSync(file, 'utf8');
  const found: Array<{ from: string; typeOnly: boolean }> = [];
  for (const match of text.matchAll(/^\s*(import|export)\s+(type\s+)?[^'";]*?from\s+['"]([^'"]+)['"]/gm)) {
    found.push({ from: match[3] ?? '', typeOnly: Boolean(match[2]) });
  }
  for (const match of text.matchAll(/^\s*import\s+['"]([^'"]+)['"]/gm)) found.push({ from: match[1] ?? '', typeOnly: false });
  for (const match of text.matchAll(/import\(\s*['"]([^'"]+)['"]\s*\)/g)) found.push({ from: match[1] ?? '', typeOnly: false });
  return found;
}

describe('architecture (ARCHITECTURE.md)', () => {
  it('has no import cycles in src/ and db/, type imports included', async () => {
    const tree = await parseDependencyTree(['src/**/*.ts', 'src/**/*.tsx', 'src/**/*.mjs', 'db/**/*.ts', 'db/**/*.mjs'], {
      context: process.cwd(),
      transform: false,
    });
    expect(Object.keys(tree).length).toBeGreaterThan(50);
    const cycles = parseCircular(tree);
    expect(cycles, prettyCircular(cycles)).toEqual([]);
  });

  it('keeps src/lib/ (outside lib/server) pure: no content collections, environment, Node I/O or server modules', () => {
    const offences: string[] = [];
    for (const file of files('src/lib', ['.ts']).filter((name) => !name.startsWith(join('src/lib/server')))) {
      if (/process\.env/.test(readFileSync(file, 'utf8'))) offences.push(`${file}: process.env`);
      for (const { from, typeOnly } of imports(file)) {
        // Not even the types of content collections or actions: pure logic knows nothing of Astro.
        if (from.startsWith('astro:')) offences.push(`${file}: ${from}`);
        // Types of what the server hands over are fine; its code is not.
        if (!typeOnly && (/^(node:|fs$|path$)/.test(from) || /\/server\//.test(from) || from.startsWith('./server'))) offences.push(`${file}: ${from}`);
      }
    }
    expect(offences).toEqual([]);
  });

  it('keeps components and islands off the server modules', () => {
    // A server island (a component the pages render with server:defer) is a request of its own,
    // like a page: it reads what it shows.
    const serverIslands = new Set(
      files('src/pages', ['.astro']).flatMap((file) => [...readFileSync(file, 'utf8').matchAll(/<(\w+)\s[^>]*?\bserver:defer\b/g)].map((match) => `${match[1]}.astro`)),
    );
    const components = files('src/components', ['.astro', '.ts', '.tsx']).filter((file) => !serverIslands.has(basename(file)));
    const offences = [...components, ...files('src/layouts', ['.ts', '.tsx'])].flatMap((file) =>
      imports(file)
        .filter(({ from }) => /lib\/server\//.test(from) || /^node:/.test(from))
        .map(({ from }) => `${file}: ${from}`),
    );
    // Layouts get what the server knows through Astro.locals (Base.astro hashes its inline script with node:crypto).
    const layouts = files('src/layouts', ['.astro']).flatMap((file) =>
      imports(file)
        .filter(({ from }) => /lib\/server\//.test(from))
        .map(({ from }) => `${file}: ${from}`),
    );
    offences.push(...layouts);
    expect(offences).toEqual([]);
  });

  it('calls actions from the browser through astro:actions, never by their URL', () => {
    const offences = files('src', ['.astro', '.ts', '.tsx', '.mjs']).filter((file) => /['"`]\/_actions\//.test(readFileSync(file, 'utf8')));
    expect(offences).toEqual([]);
  });

  it('has one module for Beijing time (src/lib/beijing-time.ts)', () => {
    const offences = files('src', ['.astro', '.ts', '.tsx', '.mjs'])
      .filter((file) => file !== join('src/lib/beijing-time.ts'))
      .filter((file) => /Asia\/Shanghai|8 \* 60 \* 60 \* 1000|8 \* 3600|28_?800_?000/.test(readFileSync(file, 'utf8')));
    expect(offences).toEqual([]);
  });

  it('lets command-line tools import the server library, never the other way round', () => {
    const offences = files('src', ['.astro', '.ts', '.tsx', '.mjs']).flatMap((file) =>
      imports(file)
        // The schema and the migrations' journal (data: /api/health compares it with the database) are not tools.
        .filter(({ from }) => /(^|\/)db\/(?!schema|migrations\/meta\/_journal\.json$)/.test(from))
        .map(({ from }) => `${file}: ${from}`),
    );
    // The production entry runs the start-up steps before loading the server: it is a tool, not the library.
    expect(offences.filter((offence) => !offence.startsWith(join('src/cluster.mjs')))).toEqual([]);
  });
});
