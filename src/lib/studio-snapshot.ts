import type { Source } from '../schemas/source';

/**
 * A studio course as it was published: what studio_course_versions.snapshot holds (JSON). The
 * course source (src/lib/server/course-source.ts) reads learners' view of a studio course from the
 * published version's snapshot and compiled lessons only, never from the draft tables.
 */
export interface StudioSnapshot {
  course: {
    /** studio_courses.slug: the course id in URLs and progress. */
    slug: string;
    title: string;
    /** A theme label (src/lib/themes.ts). */
    theme: string;
    summary: string;
    /** 学时. */
    hours: number;
    /** The uploaded cover's address (`/media/<hash>-<widest>.webp`, as storeUploadedImage gives it), or null for the theme's picture. */
    coverImage: string | null;
    coverAlt: string;
    sources: Source[];
    /** Who teaches it, as the catalog shows: the owner's display name when it was published. */
    instructor: string;
  };
  /** In course order. */
  lessons: Array<{
    /** studio_lessons.id */
    id: number;
    /** `lesson-<id>`: the lesson id is `<course slug>/<lesson slug>`. */
    slug: string;
    title: string;
    summary: string;
    /** Minutes to study as the author set them, or null to work them out from the text. */
    minutes: number | null;
    sources: Source[];
    /** The strict MDX subset as written (for comparing versions, restoring and exporting). */
    body: string;
  }>;
}

/** studio_course_versions.compiled: lesson slug → the lesson compiled at publication. */
export type CompiledLessons = Record<string, import('./studio-tree').CompiledLesson>;
