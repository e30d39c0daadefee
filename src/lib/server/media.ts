import { createHash, randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { eq } from 'drizzle-orm';
import sharp from 'sharp';
import { studioImages } from '../../../db/schema';
import { mediaSrc, mediaWidths } from '../media-widths';
import { fail, ok, shownMessage, UserFacingError, type Result } from '../result';
import { getConfig } from './config';
import { dataFolder } from './data-dir';
import type { Db } from './db';
import { guardUpload, imageFormatOf, NOT_AN_IMAGE, UploadRefused } from './upload-guard';

/** An uploaded picture as the editor and the course form use it: `src` is its widest file. */
export interface StoredImage {
  hash: string;
  src: string;
  width: number;
  height: number;
}

/** A photo from a phone is 12–50 megapixels; far more is a decompression bomb, not a photo. */
const MAX_INPUT_PIXELS = 100_000_000;
const WEBP_QUALITY = 80;

/** data/media/ (beside the database file): `<sha-256 of the original>-<width>.webp`. */
export function mediaFolder(): string {
  return dataFolder(getConfig().databaseUrl, 'media');
}

/** The stored file for a name from parseMediaFile, or null when there is none. */
export async function readMediaFile(hash: string, width: number): Promise<Uint8Array<ArrayBuffer> | null> {
  try {
    return await readFile(resolve(mediaFolder(), `${hash}-${width}.webp`));
  } catch {
    return null;
  }
}

/** Written under a temporary name, then renamed: a reader never sees half a file. */
async function writeWhole(file: string, bytes: Uint8Array): Promise<void> {
  const draft = `${file}.${randomBytes(6).toString('hex')}.tmp`;
  await writeFile(draft, bytes);
  await rename(draft, file);
}

/**
 * An uploaded picture (JPEG, PNG or WebP by its content, never by its name; at most 10 MB), through
 * the upload guard, resized with sharp to the widths of mediaWidths (never wider than the original),
 * turned upright, converted to WebP with every piece of metadata (EXIF, GPS location, camera, XMP)
 * left out, stored under its content hash, and recorded in studio_images. The same picture uploaded
 * twice is stored once. A refusal is a Chinese message on the `file` field; nothing is written.
 */
export async function storeUploadedImage(db: Db, file: File, uploaderId: number): Promise<Result<StoredImage>> {
  try {
    const bytes = await guardUpload({ name: file.name, bytes: new Uint8Array(await file.arrayBuffer()) }, 'image');
    const hash = createHash('sha256').update(bytes).digest('hex');
    const [known] = await db.select().from(studioImages).where(eq(studioImages.hash, hash));
    if (known) {
      const widths = JSON.parse(known.widths) as number[];
      const widest = widths[widths.length - 1] ?? known.width;
      if (widths.every((width) => existsSync(resolve(mediaFolder(), `${hash}-${width}.webp`)))) {
        return ok({ hash, src: mediaSrc(hash, widest), width: known.width, height: known.height });
      }
    }
    return ok(await convertAndStore(db, bytes, hash, uploaderId));
  } catch (error) {
    if (!(error instanceof UserFacingError)) console.error('upload: could not store the picture', error);
    else if (error.cause !== undefined) console.warn('upload refused:', file.name, error.cause);
    return fail(shownMessage(error), 'file');
  }
}

async function convertAndStore(db: Db, bytes: Uint8Array, hash: string, uploaderId: number): Promise<StoredImage> {
  const input = () => sharp(bytes, { limitInputPixels: MAX_INPUT_PIXELS, failOn: 'error' }).autoOrient();
  let upright: { width: number; height: number };
  try {
    const metadata = await sharp(bytes, { limitInputPixels: MAX_INPUT_PIXELS }).metadata();
    if (metadata.format !== imageFormatOf(bytes)) throw new Error(`content says ${metadata.format}`);
    // Upright size: a phone photo taken in portrait is stored landscape with an orientation tag.
    const { info } = await input().toBuffer({ resolveWithObject: true });
    upright = { width: info.width, height: info.height };
  } catch (cause) {
    throw new UploadRefused(NOT_AN_IMAGE, { cause });
  }
  const widths = mediaWidths(upright.width);
  const folder = mediaFolder();
  await mkdir(folder, { recursive: true });
  let largest = upright;
  for (const width of widths) {
    // No withMetadata()/keepMetadata(): sharp writes the pixels only.
    const { data, info } = await input()
      .resize({ width, withoutEnlargement: true })
      .webp({ quality: WEBP_QUALITY })
      .toBuffer({ resolveWithObject: true });
    await writeWhole(resolve(folder, `${hash}-${width}.webp`), data);
    largest = { width: info.width, height: info.height };
  }
  await db
    .insert(studioImages)
    .values({ hash, widths: JSON.stringify(widths), width: largest.width, height: largest.height, uploadedBy: uploaderId, createdAt: Date.now() })
    .onConflictDoNothing();
  return { hash, src: mediaSrc(hash, largest.width), ...largest };
}
