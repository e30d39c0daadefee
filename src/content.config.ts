import { defineCollection } from 'astro:content';
import { glob, type Loader } from 'astro/loaders';
import { readFileSync } from 'node:fs';
import { existsSync } from 'node:fs';
import { courseSchema } from './schemas/course';
import { lessonSchema } from './schemas/lesson';
import { filmSchema } from './schemas/film';
import { helpGuideSchema } from './schemas/help-guide';
import { practiceScenarioSchema, screenFamilySchema } from './schemas/phone-screen';
import { fraudScamSchema } from './schemas/fraud-scam';
import { lessonFileExists } from './lib/server/lesson-files';
import { contentPictureExists } from './lib/server/course-media';
import { lessonSlug } from './lib/lesson-path';
import { getConfig } from './lib/server/config';
import { lessonComponentProblems } from './lib/lesson-component-check';

// CONTENT_DIR lets the benchmark and the broken-content tests point the build at other content.
const contentDir = getConfig().contentDir;

const courses = defineCollection({
  loader: glob({
    base: `${contentDir}/courses`,
    pattern: '*/index.mdx',
    generateId: ({ entry }) => entry.split('/')[0] ?? entry,
  }),
  schema: courseSchema
    // A picture of the site lives under public/; an exported studio course's own cover in its media/.
    .refine((data) => (data.cover.src.startsWith('/media/') ? contentPictureExists(contentDir, data.cover.src) : existsSync(`public${data.cover.src}`)), {
      message: '封面图片文件不存在（应放在 public/ 下，或课程文件夹的 media/ 里）',
      path: ['cover', 'src'],
    })
    .refine((data) => !data.cover.share || existsSync(`public${data.cover.share}`), {
      message: '分享图文件不存在（应放在 public/ 下）',
      path: ['cover', 'share'],
    }),
});

/** The glob loader, then the lesson components of every file checked: a problem stops sync and build with the file and line. */
function withComponentCheck(loader: Loader): Loader {
  return {
    ...loader,
    load: async (context) => {
      await loader.load(context);
      const problems = [...context.store.values()].flatMap((entry) =>
        entry.filePath ? lessonComponentProblems(readFileSync(entry.filePath, 'utf8'), entry.filePath) : [],
      );
      if (problems.length > 0) throw new Error(`课文里的组件写法不对：\n${problems.join('\n')}`);
    },
  };
}

const lessons = defineCollection({
  loader: withComponentCheck(glob({
    base: `${contentDir}/courses`,
    pattern: '*/[0-9][0-9]-*.mdx',
    generateId: ({ entry }) => {
      const [course = '', file = ''] = entry.split('/');
      return `${course}/${lessonSlug(file)}`;
    },
  })),
  schema: lessonSchema,
});

// A film names the lessons it goes with; a name that matches no lesson file stops the build.
const films = defineCollection({
  loader: glob({ base: `${contentDir}/films`, pattern: '*.mdx' }),
  schema: filmSchema.superRefine((data, context) => {
    data.lessons.forEach((lesson, index) => {
      if (!lessonFileExists(contentDir, lesson)) {
        context.addIssue({ code: 'custom', message: `没有这一课：${lesson}（应是 content/courses 里已有的课）`, path: ['lessons', index] });
      }
    });
  }),
});

// 智慧助老: guides, the phone screens their pictures and practice are drawn from, and the practice
// scenarios kept beside their guides (content/help/<guide>.practice.yaml). A guide or scenario that
// names a screen or a target that does not exist stops the build where it is rendered.
const helpGuides = defineCollection({
  loader: glob({ base: `${contentDir}/help`, pattern: '*.mdx' }),
  schema: helpGuideSchema,
});

const helpScreens = defineCollection({
  loader: glob({ base: `${contentDir}/help/screens`, pattern: '*.yaml' }),
  schema: screenFamilySchema,
});

const helpPractice = defineCollection({
  loader: glob({ base: `${contentDir}/help`, pattern: '*.practice.yaml', generateId: ({ entry }) => entry.replace(/\.practice\.yaml$/, '') }),
  schema: practiceScenarioSchema,
});

// The anti-fraud corner (/help/fraud/): one file per scam.
const fraudScams = defineCollection({
  loader: glob({ base: `${contentDir}/help/fraud`, pattern: '*.yaml' }),
  schema: fraudScamSchema,
});

export const collections = { courses, lessons, films, helpGuides, helpScreens, helpPractice, fraudScams };
