import { describe, expect, it } from 'vitest';
import astroConfig from '../../astro.config.mjs';
import { actionBodyLimit, DEFAULT_ACTION_BODY_LIMIT, MAX_ACTION_BODY } from '../../src/lib/body-limits';
import { MAX_IMPORT_BYTES } from '../../src/schemas/admin';
import { MAX_IMAGE_BYTES } from '../../src/lib/server/upload-guard';

describe('action body limits', () => {
  it('let the picture upload alone send a 10 MB picture, the spreadsheet imports a 5 MB file, every other action 1 MB', () => {
    expect(actionBodyLimit('media.uploadImage')).toBeGreaterThan(MAX_IMAGE_BYTES);
    expect(actionBodyLimit('media.uploadImage/')).toBe(actionBodyLimit('media.uploadImage'));
    for (const name of ['admin.previewImport', 'questionBank.previewImport']) {
      expect(actionBodyLimit(name)).toBeGreaterThan(MAX_IMPORT_BYTES);
      expect(actionBodyLimit(name)).toBeLessThan(MAX_IMAGE_BYTES);
    }
    for (const name of ['auth.login', 'studio.saveLesson', 'admin.confirmImport', 'no.suchAction']) expect(actionBodyLimit(name)).toBe(DEFAULT_ACTION_BODY_LIMIT);
    expect(DEFAULT_ACTION_BODY_LIMIT).toBe(1024 * 1024);
  });

  it("are enforced under Astro's single limit, which is the largest of them", () => {
    expect(MAX_ACTION_BODY).toBe(actionBodyLimit('media.uploadImage'));
    expect(astroConfig.security?.actionBodySizeLimit).toBe(MAX_ACTION_BODY);
  });
});
