import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import sharp from 'sharp';
import { experimental_AstroContainer as AstroContainer } from 'astro/container';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { studioImages } from '../../db/schema';
import { Figure } from '../../src/components/mdx';
import { freshDb, type TestDb } from './fixture';

let t: TestDb;
let media: typeof import('../../src/lib/server/media');
let route: typeof import('../../src/pages/media/[...upload]');
let uploader: number;
let dataDir: string;

/** A photo as a phone takes it: EXIF with the camera, the place (GPS) and a portrait orientation tag. */
async function phonePhoto(width: number, height: number): Promise<Uint8Array> {
  return sharp({ create: { width, height, channels: 3, background: { r: 180, g: 40, b: 30 } } })
    .jpeg()
    .withMetadata({ orientation: 6 })
    .withExifMerge({
      IFD0: { Make: 'XiaguangPhone', Model: 'Test 1' },
      IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '30/1 45/1 12/1', GPSLongitudeRef: 'E', GPSLongitude: '120/1 45/1 30/1' },
    })
    .toBuffer();
}

const file = (bytes: Uint8Array, name: string, type = 'image/jpeg'): File => new File([new Uint8Array(bytes)], name, { type });
const stored = (): string[] => (existsSync(join(dataDir, 'media')) ? readdirSync(join(dataDir, 'media')) : []);

beforeAll(async () => {
  // The server's settings are read once: pictures go beside the database they name.
  mkdirSync('tests/.tmp', { recursive: true });
  dataDir = mkdtempSync(join('tests/.tmp', 'media-data-'));
  process.env['DATABASE_URL'] = `file:${join(dataDir, 'server.db')}`;
  t = await freshDb('media');
  media = await import('../../src/lib/server/media');
  route = await import('../../src/pages/media/[...upload]');
  const { insertUser } = await import('../../src/lib/server/users');
  uploader = await insertUser(t.db, { phone: '13900000600', displayName: '讲师图', branchId: null, passwordHash: null, roles: ['learner', 'instructor'] });
});

afterAll(() => {
  t?.close();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

describe('storeUploadedImage', () => {
  it('stores a phone photo upright, at each width up to the original, as WebP without EXIF or location', async () => {
    const original = await phonePhoto(2400, 1800);
    const taken = await sharp(original).metadata();
    expect(taken.orientation).toBe(6);
    expect(taken.exif?.toString('latin1')).toContain('XiaguangPhone');
    const result = await media.storeUploadedImage(t.db, file(original, 'IMG_0001.JPG'), uploader);
    if (!result.ok) throw new Error(result.error.message);
    const { hash, src, width, height } = result.value;
    expect(hash).toMatch(/^[0-9a-f]{64}$/);
    // Orientation 6: the 2400×1800 sensor image is a portrait photo, 1800 wide.
    expect({ src, width, height }).toEqual({ src: `/media/${hash}-1600.webp`, width: 1600, height: Math.round((1600 * 2400) / 1800) });
    expect(stored().sort()).toEqual([`${hash}-1600.webp`, `${hash}-480.webp`, `${hash}-960.webp`]);
    for (const w of [480, 960, 1600]) {
      const info = await sharp(join(dataDir, 'media', `${hash}-${w}.webp`)).metadata();
      expect(info).toMatchObject({ format: 'webp', width: w });
      expect(info.exif).toBeUndefined();
      expect(info.xmp).toBeUndefined();
      expect(info.orientation).toBeUndefined();
    }
    const [row] = await t.db.select().from(studioImages);
    expect(row).toMatchObject({ hash, widths: '[480,960,1600]', width: 1600, uploadedBy: uploader });
  });

  it('never makes a picture wider than it is, and names it by its content, not by its file name', async () => {
    const png = await sharp({ create: { width: 700, height: 300, channels: 4, background: '#336699' } }).png().toBuffer();
    const result = await media.storeUploadedImage(t.db, file(png, '封面.jpg'), uploader);
    if (!result.ok) throw new Error(result.error.message);
    expect(result.value).toMatchObject({ width: 700, height: 300, src: `/media/${result.value.hash}-700.webp` });
    expect(stored().filter((name) => name.startsWith(result.value.hash)).sort()).toEqual([`${result.value.hash}-480.webp`, `${result.value.hash}-700.webp`]);
    // The same picture again is the same stored picture.
    const again = await media.storeUploadedImage(t.db, file(png, 'copy.png', 'image/png'), uploader);
    expect(again).toEqual(result);
  });

  it('refuses a text file called .jpg, a broken picture and a picture over 10 MB, on the file field, storing nothing', async () => {
    const before = stored();
    const rows = (await t.db.select().from(studioImages)).length;
    const fake = await media.storeUploadedImage(t.db, file(new TextEncoder().encode('这不是图片，是一段文字。'), 'photo.jpg'), uploader);
    expect(fake).toEqual({ ok: false, error: { message: expect.stringContaining('不是图片'), field: 'file' } });
    const broken = new Uint8Array(5000);
    broken.set([0xff, 0xd8, 0xff, 0xe0]);
    expect(await media.storeUploadedImage(t.db, file(broken, 'broken.jpg'), uploader)).toMatchObject({ ok: false, error: { message: expect.stringContaining('不是图片'), field: 'file' } });
    const huge = new Uint8Array(10 * 1024 * 1024 + 1);
    huge.set(await phonePhoto(64, 64));
    expect(await media.storeUploadedImage(t.db, file(huge, 'huge.jpg'), uploader)).toMatchObject({ ok: false, error: { message: expect.stringContaining('超过10MB'), field: 'file' } });
    expect(stored()).toEqual(before);
    expect(await t.db.select().from(studioImages)).toHaveLength(rows);
  });
});

describe('/media/<hash>-<width>.webp', () => {
  it('serves a stored picture for a year, unchanged, and nothing else', async () => {
    const result = await media.storeUploadedImage(t.db, file(await phonePhoto(600, 400), 'a.jpg'), uploader);
    if (!result.ok) throw new Error(result.error.message);
    const name = result.value.src.slice('/media/'.length);
    const response = await route.GET({ params: { upload: name } } as never);
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(response.headers.get('content-type')).toBe('image/webp');
    expect((await sharp(new Uint8Array(await response.arrayBuffer())).metadata()).width).toBe(400);
    for (const other of [`${result.value.hash}-999.webp`, '../server.db', `${result.value.hash}-480.jpg`]) {
      expect((await route.GET({ params: { upload: other } } as never)).status).toBe(404);
    }
  });

  it('<Figure> offers every stored width of an uploaded picture in srcset, and plain pictures as they are', async () => {
    const container = await AstroContainer.create();
    const hash = 'a'.repeat(64);
    const uploaded = await container.renderToString(Figure, { props: { src: `/media/${hash}-1200.webp`, alt: '南湖红船' } });
    expect(uploaded).toContain(`srcset="/media/${hash}-480.webp 480w, /media/${hash}-960.webp 960w, /media/${hash}-1200.webp 1200w"`);
    expect(uploaded).toContain('sizes="(min-width: 50em) 46em, 100vw"');
    const plain = await container.renderToString(Figure, { props: { src: '/images/courses/red-boat.jpg', alt: '南湖红船' } });
    expect(plain).not.toContain('srcset');
  });
});
