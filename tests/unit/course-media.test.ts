import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { contentPictureExists, contentPictures, missingContentPictures } from '../../src/lib/server/course-media';

mkdirSync('tests/.tmp', { recursive: true });
const content = mkdtempSync(join('tests/.tmp', 'course-media-'));
afterAll(() => rmSync(content, { recursive: true, force: true }));

const A = `${'a'.repeat(64)}-480.webp`;
const B = `${'b'.repeat(64)}-960.webp`;

function picture(course: string, name: string): void {
  mkdirSync(join(content, 'courses', course, 'media'), { recursive: true });
  writeFileSync(join(content, 'courses', course, 'media', name), 'webp');
}

describe('pictures carried in course folders', () => {
  picture('family', A);
  picture('family', 'notes.txt');
  picture('other', A);
  picture('other', B);

  it('lists each picture once by name, leaving out anything that is not one', () => {
    expect(contentPictures(content).map((found) => found.name)).toEqual([A, B]);
    expect(contentPictures(join(content, 'nowhere'))).toEqual([]);
  });

  it('knows a cover that a folder carries, and no other address', () => {
    expect(contentPictureExists(content, `/media/${B}`)).toBe(true);
    expect(contentPictureExists(content, `/media/${'c'.repeat(64)}-480.webp`)).toBe(false);
    expect(contentPictureExists(content, '/media/notes.txt')).toBe(false);
  });

  it('names the pictures a lesson shows that no folder carries', () => {
    const body = `<Figure src="/media/${A}" alt="甲" />\n\n<Figure src="/media/${'d'.repeat(64)}-960.webp" alt="乙" />\n\n<Figure src="/images/courses/integrity.svg" alt="丙" />`;
    expect(missingContentPictures(content, body)).toEqual([`/media/${'d'.repeat(64)}-960.webp`]);
  });
});
