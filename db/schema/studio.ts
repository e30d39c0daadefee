import { index, integer, primaryKey, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { users } from './accounts';

/**
 * The instructor studio (讲师工作台 › 我的课程): courses written in the browser. Learners see a studio
 * course only through its published version (studio_course_versions), never the draft being edited,
 * so an author can keep working after publishing. Times are UTC epoch milliseconds.
 *
 * Ids learners' progress hangs on never change: a course's `slug` is fixed when it is created and a
 * lesson's `slug` too (`lesson-<id>`), so `<course slug>/<lesson slug>` is the lesson id the progress
 * tables keep, as for the MDX courses (`<course folder>/<lesson file>`), and retitling or reordering
 * a lesson keeps its progress.
 */

/** draft (being written), submitted (waiting for a reviewer), returned (with comments, back to the author). */
export const STUDIO_STATES = ['draft', 'submitted', 'returned'] as const;
export type StudioState = (typeof STUDIO_STATES)[number];

export const studioCourses = sqliteTable(
  'studio_courses',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    /** The URL segment /courses/<slug>/: lower-case letters, digits and hyphens; never changes. */
    slug: text('slug').notNull(),
    ownerId: integer('owner_id').references(() => users.id, { onDelete: 'set null' }),
    title: text('title').notNull(),
    /** One of the site's themes (src/lib/themes.ts), by label. */
    theme: text('theme').notNull(),
    summary: text('summary').notNull().default(''),
    /** 学时, as text so 1.5 stays exact; checked by the course schema. */
    hours: text('hours').notNull().default('1'),
    /** Uploaded cover: its address `/media/<hash>-<widest>.webp` (storeUploadedImage's src), or null for the theme's picture. */
    coverImage: text('cover_image'),
    coverAlt: text('cover_alt').notNull().default(''),
    /** JSON array of sources ({ title, issuer, year }), src/schemas/source.ts. */
    sources: text('sources').notNull().default('[]'),
    /** Where the draft stands in review. */
    state: text('state', { enum: STUDIO_STATES }).notNull().default('draft'),
    /** Raised by every change to the draft of the course or of any of its lessons. */
    revision: integer('revision').notNull().default(1),
    /** The version learners see, or null while unpublished. */
    publishedVersionId: integer('published_version_id'),
    createdAt: integer('created_at').notNull(),
    updatedAt: integer('updated_at').notNull(),
    updatedBy: integer('updated_by').references(() => users.id, { onDelete: 'set null' }),
  },
  (table) => [uniqueIndex('studio_courses_slug').on(table.slug), index('studio_courses_owner').on(table.ownerId)],
);

/** Co-authors an owner adds: they may edit the course as the owner does, but not transfer it. */
export const studioCourseAuthors = sqliteTable(
  'studio_course_authors',
  {
    courseId: integer('course_id')
      .notNull()
      .references(() => studioCourses.id, { onDelete: 'cascade' }),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    addedAt: integer('added_at').notNull(),
  },
  (table) => [primaryKey({ columns: [table.courseId, table.userId] }), index('studio_course_authors_user').on(table.userId)],
);

/** A lesson's draft. Removing a lesson from the draft sets removed_at; published versions keep their copy. */
export const studioLessons = sqliteTable(
  'studio_lessons',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    courseId: integer('course_id')
      .notNull()
      .references(() => studioCourses.id, { onDelete: 'cascade' }),
    /** `lesson-<id>`: fixed at creation, the second half of the lesson id progress keeps. */
    slug: text('slug').notNull(),
    /** Position in the course, 1 first. */
    position: integer('position').notNull(),
    title: text('title').notNull(),
    summary: text('summary').notNull().default(''),
    /** The lesson text: the strict MDX subset (src/lib/studio-mdx.ts), as the author wrote it. */
    body: text('body').notNull().default(''),
    /** JSON array of sources ({ title, issuer, year }): required before the course can be submitted. */
    sources: text('sources').notNull().default('[]'),
    /** Minutes to study, or null to work it out from the length of the text. */
    minutes: integer('minutes'),
    /** Raised by every saved change: a save naming an older revision is a stale tab and is refused. */
    revision: integer('revision').notNull().default(1),
    removedAt: integer('removed_at'),
    updatedAt: integer('updated_at').notNull(),
    updatedBy: integer('updated_by').references(() => users.id, { onDelete: 'set null' }),
  },
  (table) => [uniqueIndex('studio_lessons_slug').on(table.courseId, table.slug), index('studio_lessons_course').on(table.courseId, table.position)],
);

/**
 * Every published version of a course, kept: what learners read is the newest one the course's
 * publishedVersionId names. `snapshot` is the course and its lessons as submitted (JSON, the
 * StudioSnapshot of src/lib/studio-snapshot.ts); `compiled` is each lesson compiled once at
 * publication (JSON, lesson slug → CompiledLesson of src/lib/studio-tree.ts), so no request
 * compiles anything.
 */
export const studioCourseVersions = sqliteTable(
  'studio_course_versions',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    courseId: integer('course_id')
      .notNull()
      .references(() => studioCourses.id, { onDelete: 'cascade' }),
    /** 1, 2, 3 … per course. */
    number: integer('number').notNull(),
    snapshot: text('snapshot').notNull(),
    compiled: text('compiled').notNull(),
    authorId: integer('author_id').references(() => users.id, { onDelete: 'set null' }),
    approvedBy: integer('approved_by').references(() => users.id, { onDelete: 'set null' }),
    publishedAt: integer('published_at').notNull(),
  },
  (table) => [uniqueIndex('studio_course_versions_number').on(table.courseId, table.number)],
);

/** A reviewer's comment on a returned course, shown to the author beside the lesson (or the course). */
export const studioComments = sqliteTable(
  'studio_comments',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    courseId: integer('course_id')
      .notNull()
      .references(() => studioCourses.id, { onDelete: 'cascade' }),
    /** The lesson it is about, or null for the course as a whole. */
    lessonId: integer('lesson_id').references(() => studioLessons.id, { onDelete: 'cascade' }),
    authorId: integer('author_id').references(() => users.id, { onDelete: 'set null' }),
    authorName: text('author_name').notNull().default(''),
    body: text('body').notNull(),
    createdAt: integer('created_at').notNull(),
    /** Set when the course is submitted again: the comment is then shown as answered. */
    resolvedAt: integer('resolved_at'),
  },
  (table) => [index('studio_comments_course').on(table.courseId, table.createdAt)],
);

/** What can happen to a studio course; each is one row of studio_events (the studio's audit log). */
export const STUDIO_EVENT_KINDS = [
  'created',
  'edited',
  'lesson.added',
  'lesson.removed',
  'lesson.moved',
  'submitted',
  'returned',
  'approved',
  'published',
  'unpublished',
  'restored',
  'author.added',
  'author.removed',
  'transferred',
  'imported',
] as const;
export type StudioEventKind = (typeof STUDIO_EVENT_KINDS)[number];

/** The studio's audit log: who changed, submitted, approved, published or unpublished what and when. */
export const studioEvents = sqliteTable(
  'studio_events',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    courseId: integer('course_id')
      .notNull()
      .references(() => studioCourses.id, { onDelete: 'cascade' }),
    kind: text('kind', { enum: STUDIO_EVENT_KINDS }).notNull(),
    actorId: integer('actor_id').references(() => users.id, { onDelete: 'set null' }),
    /** The actor's name at the time, kept when the account is closed. */
    actorName: text('actor_name').notNull().default(''),
    /** JSON: the lesson, the version number, the new owner … */
    detail: text('detail').notNull().default('{}'),
    at: integer('at').notNull(),
  },
  (table) => [index('studio_events_course').on(table.courseId, table.at)],
);

/**
 * Uploaded pictures, by the SHA-256 of the original file. The resized WebP files live under
 * data/media/ named `<hash>-<width>.webp`; this row says which widths exist and who uploaded it.
 */
export const studioImages = sqliteTable('studio_images', {
  hash: text('hash').primaryKey(),
  /** JSON array of the widths written, smallest first, e.g. [480, 960, 1600]. */
  widths: text('widths').notNull(),
  /** Width and height of the largest file, for the img tag's aspect ratio. */
  width: integer('width').notNull(),
  height: integer('height').notNull(),
  uploadedBy: integer('uploaded_by').references(() => users.id, { onDelete: 'set null' }),
  createdAt: integer('created_at').notNull(),
});
