/**
 * How large a request body each action may send. Astro has one limit for every action
 * (`security.actionBodySizeLimit`): astro.config.mjs sets it to the largest below, and the middleware
 * refuses a larger body for any other action before Astro reads it (by its Content-Length, which
 * browsers always send for forms, fetch and sendBeacon). Add a row for an action that uploads files.
 * No imports: astro.config.mjs loads this file.
 */
const MB = 1024 * 1024;
/** Room for the multipart form's other fields and boundaries around the file itself. */
const FORM_OVERHEAD = 64 * 1024;

/** Every action not listed: forms and JSON (a lesson's text is far below this). */
export const DEFAULT_ACTION_BODY_LIMIT = 1 * MB;

export const ACTION_BODY_LIMITS: Readonly<Record<string, number>> = {
  // Spreadsheets of at most 5 MB (MAX_IMPORT_BYTES in src/schemas/admin.ts).
  'admin.previewImport': 5 * MB + FORM_OVERHEAD,
  'questionBank.previewImport': 5 * MB + FORM_OVERHEAD,
  // Pictures of at most 10 MB (MAX_IMAGE_BYTES in src/lib/server/upload-guard.ts).
  'media.uploadImage': 10 * MB + FORM_OVERHEAD,
  // A studio course's cover picture, the same pictures' rules.
  'studio.setCover': 10 * MB + FORM_OVERHEAD,
  // A zipped course folder with its pictures, at most 10 MB (MAX_COURSE_ZIP_BYTES in src/lib/server/studio-move.ts).
  'studio.importCourse': 10 * MB + FORM_OVERHEAD,
  // A Word question bank of at most 5 MB (MAX_IMPORT_BYTES), and pasted text of at most
  // MAX_PASTED_CHARS (src/schemas/question-text.ts) sent as multipart: 3 bytes a character.
  'questionText.previewDocument': 5 * MB + FORM_OVERHEAD,
  'questionText.previewPaste': 2 * MB + FORM_OVERHEAD,
};

/** The largest body any action may send: Astro's own limit. */
export const MAX_ACTION_BODY = Math.max(DEFAULT_ACTION_BODY_LIMIT, ...Object.values(ACTION_BODY_LIMITS));

/** The limit for one action (`admin.previewImport`, or `admin.previewImport/` as the browser's client calls it). */
export function actionBodyLimit(name: string): number {
  const key = name.replace(/\/$/, '');
  return Object.hasOwn(ACTION_BODY_LIMITS, key) ? (ACTION_BODY_LIMITS[key] as number) : DEFAULT_ACTION_BODY_LIMIT;
}

export const BODY_TOO_LARGE = '提交的内容太大了。图片请不要超过10MB，表格文件不要超过5MB。';
