import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { courseFolder, folderPictureNames, readCourseFolder, type FolderFile } from '../../src/lib/studio-export';
import type { StudioSnapshot } from '../../src/lib/studio-snapshot';

const snapshot: StudioSnapshot = {
  course: {
    slug: 'course-7',
    title: '家风家教十讲',
    theme: '廉洁文化',
    summary: '从老一辈革命家的家书家规讲起，谈谈离退休干部怎样带好家风。',
    hours: 1.5,
    coverImage: null,
    coverAlt: '',
    sources: [],
    instructor: '讲师甲',
  },
  lessons: [
    {
      id: 12,
      slug: 'lesson-12',
      title: '第一课　家书里的家风',
      summary: '读几封老一辈革命家的家书，看他们怎样要求子女。',
      minutes: 10,
      sources: [{ title: '《中国共产党简史》', issuer: '人民出版社、中共党史出版社', year: 2021 }],
      body: '## 一封家书\n\n家书里写着：“不要搞特殊。”\n\n<Quote source="《中国共产党章程》">\n我志愿加入中国共产党。\n</Quote>',
    },
    {
      id: 15,
      slug: 'lesson-15',
      title: '第二课　家规：“冒号”与引号',
      summary: '看看家规怎样一条一条写下来，又怎样一代一代守下去。',
      minutes: null,
      sources: [{ title: '《习近平关于注重家庭家教家风建设论述摘编》', issuer: '中央文献出版社', year: 2021 }],
      body: '家规要写下来。',
    },
  ],
};

const meta = { order: 10, updatedAt: new Date('2026-11-30T08:00:00Z'), cover: { src: '/images/courses/integrity.svg', alt: '一枝梅花开在白墙前' } };

describe('a studio course as an MDX folder', () => {
  it('is written as index.mdx and one numbered file per lesson, named by the lesson slug', () => {
    const files = courseFolder(snapshot, meta);
    expect(files.map((file) => file.path)).toEqual(['index.mdx', '01-lesson-12.mdx', '02-lesson-15.mdx']);
    expect(files[0]?.text).toContain('theme: 廉洁文化');
    expect(files[0]?.text).toContain('updatedAt: 2026-11-30');
    expect(files[1]?.text).toContain('minutes: 10');
    expect(files[2]?.text).not.toContain('minutes:');
  });

  it('reads back to the same course and lessons (titles with colons and quotes included)', () => {
    const outcome = readCourseFolder(courseFolder(snapshot, meta));
    expect(outcome.ok).toBe(true);
    if (!outcome.ok) return;
    expect(outcome.value.title).toBe(snapshot.course.title);
    expect(outcome.value.hours).toBe(1.5);
    expect(outcome.value.lessons.map((lesson) => lesson.slug)).toEqual(['lesson-12', 'lesson-15']);
    expect(outcome.value.lessons[1]?.title).toBe('第二课　家规：“冒号”与引号');
    expect(outcome.value.lessons[0]?.body).toBe(snapshot.lessons[0]?.body);
    expect(outcome.value.lessons[0]?.sources).toEqual(snapshot.lessons[0]?.sources);
  });

  it('accepts the files inside one top folder, as a zip of the folder holds them', () => {
    const files = courseFolder(snapshot, meta).map((file) => ({ ...file, path: `course-7/${file.path}` }));
    expect(readCourseFolder(files).ok).toBe(true);
  });

  it('reads every MDX course of content/courses the same way', () => {
    const root = join(process.cwd(), 'content/courses');
    for (const course of readdirSync(root)) {
      const files: FolderFile[] = readdirSync(join(root, course)).map((name) => ({ path: `${course}/${name}`, text: readFileSync(join(root, course, name), 'utf8') }));
      const outcome = readCourseFolder(files);
      expect(outcome.ok ? [] : outcome.problems, course).toEqual([]);
    }
  });

  it('refuses a folder without index.mdx or without lessons, and unknown files, in words', () => {
    const files = courseFolder(snapshot, meta);
    const noIndex = readCourseFolder(files.slice(1));
    expect(noIndex.ok).toBe(false);
    if (!noIndex.ok) expect(noIndex.problems.map((problem) => problem.message).join()).toContain('没有 index.mdx');
    const noLessons = readCourseFolder(files.slice(0, 1));
    expect(noLessons.ok ? [] : noLessons.problems.map((problem) => problem.message)).toContain('文件夹里一课也没有：每一课是一个“两位数字-名字.mdx”文件。');
    const stray = readCourseFolder([...files, { path: 'notes.mdx', text: '随手记' }]);
    expect(stray.ok ? [] : stray.problems.map((problem) => problem.file)).toEqual(['notes.mdx']);
  });

  it('points a wrong field at its line, and broken frontmatter at the file', () => {
    const files = courseFolder(snapshot, meta);
    const lesson = files[1]!;
    const noSources = { ...lesson, text: lesson.text.replace(/sources:\n(  .*\n|    .*\n)+/, 'sources: []\n') };
    const outcome = readCourseFolder([files[0]!, noSources]);
    expect(outcome.ok).toBe(false);
    if (outcome.ok) return;
    const problem = outcome.problems[0]!;
    expect(problem.file).toBe('01-lesson-12.mdx');
    expect(problem.message).toContain('至少写明一个出处');
    expect(noSources.text.split('\n')[problem.line - 1]).toMatch(/^sources:/);

    const broken = readCourseFolder([{ ...files[0]!, text: '---\ntitle: [未闭合\n---\n' }, lesson]);
    expect(broken.ok ? [] : broken.problems.map((p) => p.message)).toContain('开头的课程信息格式不对，请检查冒号、缩进和引号。');
  });
});

const HASH_A = 'a'.repeat(64);
const HASH_B = 'b'.repeat(64);
const COVER = `/media/${HASH_A}-1600.webp`;
const PICTURE = `/media/${HASH_B}-960.webp`;
const SOURCES = [{ title: '《习近平关于注重家庭家教家风建设论述摘编》', issuer: '中央文献出版社', year: 2021 }];
const illustrated: StudioSnapshot = {
  course: { ...snapshot.course, coverImage: COVER, coverAlt: '一家三代围坐读家书', sources: SOURCES },
  lessons: [{ ...snapshot.lessons[0]!, body: `${snapshot.lessons[0]!.body}\n\n<Figure src="${PICTURE}" alt="泛黄的家书摊在桌上" />` }, snapshot.lessons[1]!],
};
const illustratedMeta = { ...meta, cover: { src: COVER, alt: '一家三代围坐读家书' } };
/** The folder as a zip of it holds it: the text files and every picture file the export adds. */
const withPictures = (files: FolderFile[], names = folderPictureNames(illustrated, COVER)): FolderFile[] => [
  ...files,
  ...names.map((name) => ({ path: `media/${name}`, text: '', bytes: new Uint8Array([1, 2, 3]) })),
];

describe('a course folder with its pictures and sources', () => {
  it('names every stored width of the uploaded cover and the lessons’ pictures, and writes the course’s sources', () => {
    expect(folderPictureNames(illustrated, COVER)).toEqual([`${HASH_A}-1600.webp`, `${HASH_A}-480.webp`, `${HASH_A}-960.webp`, `${HASH_B}-480.webp`, `${HASH_B}-960.webp`]);
    expect(folderPictureNames(snapshot, meta.cover.src)).toEqual([]);
    const index = courseFolder(illustrated, illustratedMeta)[0]!.text;
    expect(index).toContain(`src: ${COVER}`);
    expect(index).toMatch(/sources:\n {2}- title: 《习近平关于注重家庭家教家风建设论述摘编》\n {4}issuer: 中央文献出版社\n {4}year: 2021/);
  });

  it('reads back the sources and the pictures the course shows, each with its file', () => {
    const outcome = readCourseFolder(withPictures(courseFolder(illustrated, illustratedMeta)));
    if (!outcome.ok) throw new Error(JSON.stringify(outcome.problems));
    expect(outcome.value.sources).toEqual(SOURCES);
    expect(outcome.value.cover.src).toBe(COVER);
    expect(outcome.value.pictures.map((picture) => [picture.src, picture.file.path])).toEqual([
      [COVER, `media/${HASH_A}-1600.webp`],
      [PICTURE, `media/${HASH_B}-960.webp`],
    ]);
  });

  it('refuses a picture the folder does not carry, at its file and line, and a stray file in media/', () => {
    const files = courseFolder(illustrated, illustratedMeta);
    const missing = readCourseFolder(withPictures(files, [`${HASH_A}-1600.webp`]));
    expect(missing.ok).toBe(false);
    if (missing.ok) return;
    const [problem] = missing.problems;
    expect(problem?.file).toBe('01-lesson-12.mdx');
    expect(files[1]!.text.split('\n')[problem!.line - 1]).toContain(PICTURE);
    expect(problem?.message).toContain('不在课程文件夹的 media/ 里');
    const stray = readCourseFolder([...withPictures(files), { path: 'media/photo.jpg', text: '', bytes: new Uint8Array([1]) }]);
    expect(stray.ok ? [] : stray.problems.map((p) => p.file)).toEqual(['media/photo.jpg']);
  });

  it('says what a studio course cannot keep: the instructor, the lessons’ addresses, the course text and the share picture', () => {
    const files = courseFolder(snapshot, meta);
    const plain = readCourseFolder(files);
    if (!plain.ok) throw new Error('not read');
    expect(plain.value.notes).toHaveLength(2);
    expect(plain.value.notes[0]).toContain('讲师甲');
    const index = files[0]!.text.replace('  alt: 一枝梅花开在白墙前\n', '  alt: 一枝梅花开在白墙前\n  share: /images/courses/integrity-share.jpg\n');
    const rich = readCourseFolder([{ ...files[0]!, text: `${index}\n这门课讲家风。\n` }, ...files.slice(1)]);
    if (!rich.ok) throw new Error(JSON.stringify(rich.problems));
    expect(rich.value.notes.join('\n')).toMatch(/课程介绍[\s\S]*分享图 \/images\/courses\/integrity-share\.jpg/);
  });
});
