// Writes a synthetic curriculum of real-sized lessons (bodies taken from the real courses) for the
// build benchmark: `courses` courses of `lessonsPerCourse` lessons each.
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const THEMES = ['党性教育', '红色教育', '廉洁文化'];

export function generateContent(target, { courses = 20, lessonsPerCourse = 50 } = {}) {
  rmSync(target, { recursive: true, force: true });
  const bodies = [];
  for (const course of readdirSync('content/courses')) {
    for (const file of readdirSync(join('content/courses', course)).filter((name) => /^\d\d-/.test(name))) {
      const text = readFileSync(join('content/courses', course, file), 'utf8');
      // The body with the sources it names: the build's sources check (src/lib/server/content-sources.ts) holds for it too.
      bodies.push({ body: text.replace(/^---[\s\S]*?---\n/, ''), sources: /^sources:\n(?: {2}.*\n)+/m.exec(text)?.[0] ?? '' });
    }
  }
  mkdirSync(target, { recursive: true });
  if (existsSync('content/literary-works.yaml')) copyFileSync('content/literary-works.yaml', join(target, 'literary-works.yaml'));
  for (let c = 1; c <= courses; c += 1) {
    const dir = join(target, 'courses', `course-${c}`);
    mkdirSync(dir, { recursive: true });
    writeFileSync(
      join(dir, 'index.mdx'),
      `---\ntitle: 生成课程第${c}门\ntheme: ${THEMES[c % THEMES.length]}\nsummary: 用于构建基准测试的生成课程，内容取自真实课文。\ninstructor: 基准测试\ncover:\n  src: /images/courses/party-spirit.svg\n  alt: 红色背景上的朝阳和一本打开的书\nhours: 10\norder: ${c}\nupdatedAt: 2026-11-26\n---\n\n生成课程简介。\n`,
    );
    for (let l = 1; l <= lessonsPerCourse; l += 1) {
      const { body, sources } = bodies[(c * lessonsPerCourse + l) % bodies.length];
      writeFileSync(
        join(dir, `${String(l).padStart(2, '0')}-lesson-${l}.mdx`),
        `---\ntitle: 第${l}课　生成课文\norder: ${l}\nsummary: 第${c}门课第${l}课，用于构建基准测试。\ncheckedOn: 2026-11-30\n${sources}---\n\n第${c}门课第${l}课。\n\n${body}`,
      );
    }
  }
  return courses * lessonsPerCourse;
}
