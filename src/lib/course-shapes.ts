import type { Source } from '../schemas/source';

/**
 * The shapes of courses and lessons of both origins, as src/lib/server/course-source.ts gives them
 * to pages and components: an MDX course of content/ and a studio course's published version look
 * the same.
 */

export type CourseOrigin = 'mdx' | 'studio';

export interface SourceCourse {
  id: string;
  origin: CourseOrigin;
  title: string;
  /** A theme label (src/lib/themes.ts). */
  theme: string;
  summary: string;
  instructor: string;
  /** 学时. */
  hours: number;
  cover: { src: string; alt: string; share?: string | undefined };
  /** 出处 of the course as a whole (the MDX course's frontmatter, the studio course's 课程信息); may be empty. */
  sources: Source[];
  /** Last substantive revision (MDX frontmatter) or the publication of the version shown. */
  updatedAt: Date;
}

export interface SourceLesson {
  /** `<course id>/<lesson slug>`. */
  id: string;
  courseId: string;
  origin: CourseOrigin;
  title: string;
  summary: string;
  /** Minutes to study: the author's figure, or worked out from the length of the text. */
  minutes: number;
  sources: Source[];
  /**
   * When the content was last checked (an MDX lesson's checkedOn); a studio lesson has none: it counts
   * as checked when its version was published (the course's updatedAt; src/lib/content-checked.ts).
   */
  checkedOn: Date | undefined;
}

export interface CourseWithLessons {
  course: SourceCourse;
  /** In course order. */
  lessons: SourceLesson[];
}

/** A lesson with its neighbours, as the lesson page shows it. */
export interface LessonPlace extends CourseWithLessons {
  lesson: SourceLesson;
  /** 1-based. */
  position: number;
  prev: SourceLesson | undefined;
  next: SourceLesson | undefined;
}

/** Where a lesson sits in its course: the lesson, its neighbours and its position. */
export function placeOf(course: CourseWithLessons, lessonId: string): LessonPlace | undefined {
  const index = course.lessons.findIndex((lesson) => lesson.id === lessonId);
  const lesson = course.lessons[index];
  if (!lesson) return undefined;
  return { ...course, lesson, position: index + 1, prev: course.lessons[index - 1], next: course.lessons[index + 1] };
}

/** The catalog as 继续学习 and 我的学习 need it: ids and titles. */
export function catalogTitles(catalog: CourseWithLessons[]): Array<{ id: string; title: string; lessons: Array<{ id: string; title: string }> }> {
  return catalog.map(({ course, lessons }) => ({ id: course.id, title: course.title, lessons: lessons.map(({ id, title }) => ({ id, title })) }));
}
