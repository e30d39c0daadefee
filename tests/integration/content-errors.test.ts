import { afterAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** A broken content file must stop the build with a message naming the file and the field. */
// Inside the project: a build's prerender step resolves packages from node_modules above outDir.
mkdirSync('tests/.tmp', { recursive: true });
const work = mkdtempSync(join('tests/.tmp', 'content-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

function brokenCopy(name: string, file: string, edit: (source: string) => string): string {
  const dir = join(work, name);
  cpSync('tests/fixtures/content', dir, { recursive: true });
  const path = file.startsWith('films/') ? join(dir, file) : join(dir, 'courses', 'sample', file);
  writeFileSync(path, edit(readFileSync(path, 'utf8')));
  return dir;
}

function astro(command: 'sync' | 'build', contentDir: string): { status: number | null; output: string } {
  const result = spawnSync(process.execPath, ['node_modules/astro/bin/astro.mjs', command], {
    env: {
      ...process.env,
      CONTENT_DIR: contentDir,
      ASTRO_CACHE_DIR: join(contentDir, '.cache'),
      OUT_DIR: join(contentDir, 'dist'),
      NO_COLOR: '1',
    },
    encoding: 'utf8',
  });
  return { status: result.status, output: `${result.stdout}\n${result.stderr}` };
}

describe('broken content fails the build', () => {
  it('names the file and the field for a wrong theme', () => {
    const dir = brokenCopy('case-1', 'index.mdx', (s) => s.replace('theme: 党性教育', 'theme: 其他主题'));
    const { status, output } = astro('sync', dir);
    expect(status).not.toBe(0);
    expect(output).toContain('courses/sample/index.mdx');
    expect(output).toMatch(/^\s*theme: \S/m);
  });

  it('names the field when a lesson has no sources', () => {
    const dir = brokenCopy('case-2', '02-second.mdx', (s) => s.replace(/sources:[\s\S]*?year: 2021\n/, ''));
    const { status, output } = astro('sync', dir);
    expect(status).not.toBe(0);
    expect(output).toContain('02-second.mdx');
    expect(output).toMatch(/does not match[\s\S]*sources/);
  });

  it('names the field when the cover image file is missing', () => {
    const dir = brokenCopy('case-3', 'index.mdx', (s) => s.replace('party-spirit.svg', 'missing.svg'));
    const { status, output } = astro('sync', dir);
    expect(status).not.toBe(0);
    expect(output).toContain('index.mdx');
    expect(output).toMatch(/cover\.src: 封面图片文件不存在/);
  });

  it('names the film and the lesson when a film links a lesson that does not exist', () => {
    const dir = brokenCopy('case-5', 'films/sample-film.mdx', (s) => s.replace('- sample/first', '- sample/no-such-lesson'));
    const { status, output } = astro('sync', dir);
    expect(status).not.toBe(0);
    expect(output).toContain('sample-film.mdx');
    expect(output).toContain('没有这一课：sample/no-such-lesson');
  });

  // Issue 15 (sources helper): a lesson naming a 《document》 its sources leave out stops the build.
  it('names the file and line of a 《document》 missing from the lesson’s sources', () => {
    const dir = brokenCopy('case-6', '02-second.mdx', (s) => `${s}\n依据《关于某某工作的通知》办理。\n`);
    const { status, output } = astro('sync', dir);
    expect(status).not.toBe(0);
    expect(output).toMatch(/courses\/sample\/02-second\.mdx:\d+/);
    expect(output).toContain('《关于某某工作的通知》');
  });

  it('points at the line of an MDX syntax error', () => {
    const dir = brokenCopy('case-4', '02-second.mdx', (s) => `${s}\n<KeyPoints>\n\n- 未闭合\n`);
    const { status, output } = astro('build', dir);
    expect(status).not.toBe(0);
    expect(output).toMatch(/02-second\.mdx:\d+/);
    expect(output).toContain('KeyPoints');
  });
});

describe('drafts', () => {
  it('never appear in a production build', () => {
    const dir = join(work, 'drafts');
    cpSync('tests/fixtures/content', dir, { recursive: true });
    const { status, output } = astro('build', dir);
    expect(status, output).toBe(0);
    expect(existsSync(join(dir, 'dist/client/courses/sample/first/index.html'))).toBe(true);
    expect(existsSync(join(dir, 'dist/client/courses/sample/draft/index.html'))).toBe(false);
    const course = readFileSync(join(dir, 'dist/client/courses/sample/index.html'), 'utf8');
    expect(course).toContain('第二课　示例');
    expect(course).not.toContain('第三课　草稿');
    // A film and the lesson it names link each other.
    expect(readFileSync(join(dir, 'dist/client/films/sample-film/index.html'), 'utf8')).toContain('href="/courses/sample/first/"');
    expect(readFileSync(join(dir, 'dist/client/courses/sample/first/index.html'), 'utf8')).toContain('href="/films/sample-film/"');
  });
});
