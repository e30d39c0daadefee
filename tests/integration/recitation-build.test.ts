import { afterAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { appendFileSync, cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * <Recitation> (诵读) in a real build of the fixture content: a lesson whose Recitation has no author
 * or no source stops the build with the file and the line named; a right one is set line by line,
 * stanzas kept, with the 跟读 controls aimed at its lines.
 */
mkdirSync('tests/.tmp', { recursive: true });
const work = mkdtempSync(join('tests/.tmp', 'recitation-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

const LESSON = 'courses/sample/02-second.mdx';

/**
 * The fixture content with a Recitation (written with `props`) added at the end of the second
 * lesson, its edition among the lesson's sources (the sources check asks for every 《work》 named).
 */
function withRecitation(name: string, props: string): { dir: string; line: number } {
  const dir = join(work, name);
  cpSync('tests/fixtures/content', dir, { recursive: true });
  const path = join(dir, LESSON);
  const edition = '  - title: 《毛泽东诗词选》\n    issuer: 中共中央文献研究室编，人民文学出版社\n    year: 1986\n';
  writeFileSync(path, readFileSync(path, 'utf8').replace('sources:\n', `sources:\n${edition}`));
  const line = readFileSync(path, 'utf8').split('\n').length + 1;
  appendFileSync(path, `\n<Recitation ${props}>\n红军不怕远征难，\n万水千山只等闲。\n\n更喜岷山千里雪，\n三军过后尽开颜。\n</Recitation>\n`);
  return { dir, line };
}

function build(contentDir: string): { status: number | null; output: string } {
  const result = spawnSync(process.execPath, ['node_modules/astro/bin/astro.mjs', 'build'], {
    env: { ...process.env, CONTENT_DIR: contentDir, ASTRO_CACHE_DIR: join(contentDir, '.cache'), OUT_DIR: join(contentDir, 'dist'), NO_COLOR: '1' },
    encoding: 'utf8',
  });
  return { status: result.status, output: `${result.stdout}\n${result.stderr}` };
}

describe('<Recitation> in the build', () => {
  it('stops the build naming the file and the line when the author is missing', () => {
    const { dir, line } = withRecitation('no-author', 'title="七律·长征" date="1935年10月" source="《毛泽东诗词选》，人民文学出版社，1986年"');
    const { status, output } = build(dir);
    expect(status).not.toBe(0);
    expect(output).toContain(`${LESSON} 第 ${line} 行：<Recitation>（诵读）的写法不对：author：请写作者`);
  });

  it('stops the build naming the file and the line when the source is missing', () => {
    const { dir, line } = withRecitation('no-source', 'title="七律·长征" author="毛泽东" date="1935年10月"');
    const { status, output } = build(dir);
    expect(status).not.toBe(0);
    expect(output).toContain(`${LESSON} 第 ${line} 行：<Recitation>（诵读）的写法不对：source：请写出处`);
  });

  it('sets a right one line by line, stanzas kept, with its author, date, source and 跟读 controls', () => {
    const { dir } = withRecitation('right', 'title="七律·长征" author="毛泽东" date="1935年10月" source="《毛泽东诗词选》，人民文学出版社，1986年"');
    const { status, output } = build(dir);
    expect(status, output).toBe(0);
    const html = readFileSync(join(dir, 'dist/client/courses/sample/second/index.html'), 'utf8');
    const stanzas = [...html.matchAll(/<p class="stanza"[^>]*>([\s\S]*?)<\/p>/g)].map(([, inner]) => [...(inner ?? '').matchAll(/<span class="line" data-line[^>]*>([^<]*)<\/span>/g)].map(([, line]) => line));
    expect(stanzas).toEqual([
      ['红军不怕远征难，', '万水千山只等闲。'],
      ['更喜岷山千里雪，', '三军过后尽开颜。'],
    ]);
    expect(html).toMatch(/<h2 id="(recitation-[0-9a-z]+)-title"[^>]*>七律·长征<\/h2>/);
    const id = /<div class="recitation-text" id="(recitation-[0-9a-z]+)"/.exec(html)?.[1];
    expect(id).toBeDefined();
    expect(html).toContain(`data-target="${id}"`);
    expect(html).toContain('毛泽东');
    expect(html).toContain('1935年10月');
    expect(html).toContain('出处：《毛泽东诗词选》，人民文学出版社，1986年');
  });
});
