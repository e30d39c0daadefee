import yauzl from 'yauzl';
import { readWorkbook } from '../spreadsheet';
import { UserFacingError } from '../result';
import { IMAGE_TOO_BIG, MAX_IMAGE_BYTES, NO_IMAGE, NOT_AN_IMAGE } from '../image-rules';

/**
 * Every uploaded file passes through here before anything unpacks or parses it: spreadsheets and
 * pictures now, Word documents (.docx) later. Zip-based formats (.xlsx, .docx) are opened from their
 * central directory (a file whose directory cannot be read is refused) and unpacked once as a
 * stream, counting the bytes actually inflated: past MAX_UNPACKED_BYTES the unpacking stops and
 * the file is refused, whatever sizes the file declares. An entry that inflates to more or less
 * than it declares is refused as broken.
 */

/** A 2,000-row question file unpacks to a few MB; far more is a broken or hostile file. */
export const MAX_UNPACKED_BYTES = 64 * 1024 * 1024;
/** A workbook has a few dozen parts; thousands is a hostile file. */
export const MAX_ZIP_ENTRIES = 5000;

export const TOO_BIG_UNPACKED = '这个文件解开后太大了，不像是一份题目或名单。请只保留需要的工作表和内容，或另存为 .csv 后再上传。';
export const NOT_A_COURSE_ZIP = '这个文件打不开，不是 .zip 压缩文件。请把整个课程文件夹压缩成 .zip（在文件夹上点右键，选“压缩”或“发送到压缩文件夹”），再重新上传。';
export const NOT_A_WORKBOOK = '这个文件打不开，不是 Excel 表格（.xlsx）。请在 Excel 或 WPS 里“另存为” .xlsx 或 .csv 格式，再重新上传。';
export const NOT_A_DOCX = '这个文件打不开，不是 Word 文档（.docx）。请在 Word 或 WPS 里打开它，点“文件”→“另存为”，保存类型选“Word 文档（*.docx）”，再上传；也可以把文字全部复制，粘贴到下面的大框里。';
/** Old Word (.doc, .wps): mammoth reads only .docx. */
export const OLD_WORD = '这是旧版 Word 文件（.doc），系统读不了。请在 Word 或 WPS 里打开它，点“文件”→“另存为”，保存类型选“Word 文档（*.docx）”，再上传新保存的 .docx 文件；也可以按 Ctrl+A 全选、Ctrl+C 复制，把文字粘贴到下面的大框里。';
export const PDF_FILE = '这是 PDF 文件，系统读不出里面的题目。如果有原来的 Word 文件，请上传那个 .docx 文件；也可以在 PDF 阅读器里全选文字、复制，粘贴到下面的大框里（PDF 复制出来的文字有时会断行，粘贴后请核对一遍）。';

/** An upload refused: `message` is for people (Chinese) and belongs to the file field, `cause` for the log. */
export class UploadRefused extends UserFacingError {
  constructor(message: string, options: { cause?: unknown } = {}) {
    super(message, { field: 'file', ...options });
  }
}

/**
 * Resolves when the zip's directory reads and every entry inflates to at most `cap` bytes in all;
 * rejects with UploadRefused otherwise, having stopped inflating at the cap.
 */
export async function checkZip(bytes: Uint8Array, cap = MAX_UNPACKED_BYTES, broken = NOT_A_WORKBOOK): Promise<void> {
  const zip = await new Promise<yauzl.ZipFile>((resolve, reject) => {
    yauzl.fromBuffer(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), { lazyEntries: true, validateEntrySizes: true }, (error, file) =>
      error ? reject(new UploadRefused(broken, { cause: error })) : resolve(file),
    );
  });
  if (zip.entryCount > MAX_ZIP_ENTRIES) {
    zip.close();
    throw new UploadRefused(TOO_BIG_UNPACKED, { cause: new Error(`${zip.entryCount} zip entries`) });
  }
  let inflated = 0;
  await new Promise<void>((resolve, reject) => {
    const fail = (error: UploadRefused): void => {
      zip.close();
      reject(error);
    };
    zip.on('error', (error: Error) => fail(new UploadRefused(broken, { cause: error })));
    zip.on('end', () => resolve());
    zip.on('entry', (entry: yauzl.Entry) => {
      if (entry.fileName.endsWith('/')) return zip.readEntry();
      zip.openReadStream(entry, (error, stream) => {
        if (error) return fail(new UploadRefused(broken, { cause: error }));
        let stopped = false;
        stream.on('data', (chunk: Buffer) => {
          inflated += chunk.length;
          if (inflated > cap && !stopped) {
            stopped = true;
            stream.destroy();
            fail(new UploadRefused(TOO_BIG_UNPACKED, { cause: new Error(`more than ${cap} bytes inflated`) }));
          }
        });
        stream.on('error', (streamError: Error) => {
          if (!stopped) {
            stopped = true;
            fail(new UploadRefused(broken, { cause: streamError }));
          }
        });
        stream.on('end', () => {
          if (!stopped) zip.readEntry();
        });
      });
    });
    zip.readEntry();
  });
}

/** The picture rules live in src/lib/image-rules.ts, which the browser reads too. */
export { IMAGE_TOO_BIG, MAX_IMAGE_BYTES, NO_IMAGE, NOT_AN_IMAGE };

export type ImageFormat = 'jpeg' | 'png' | 'webp';

/** The picture format the bytes begin with (their signature), whatever the file is called; null for anything else. */
export function imageFormatOf(bytes: Uint8Array): ImageFormat | null {
  const starts = (offset: number, ...expected: number[]): boolean => expected.every((byte, index) => bytes[offset + index] === byte);
  if (starts(0, 0xff, 0xd8, 0xff)) return 'jpeg';
  if (starts(0, 0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a)) return 'png';
  // RIFF <size> WEBP
  if (starts(0, 0x52, 0x49, 0x46, 0x46) && starts(8, 0x57, 0x45, 0x42, 0x50)) return 'webp';
  return null;
}

/**
 * The bytes of an uploaded file of the given kind, once they are safe to parse: a spreadsheet's zip
 * (or a zipped course folder's) is checked for its unpacked size; a picture must be at most MAX_IMAGE_BYTES and begin as a JPEG,
 * PNG or WebP does (media.ts then has sharp decode it, which refuses anything else).
 */
export async function guardUpload(file: { name: string; bytes: Uint8Array }, kind: 'spreadsheet' | 'image' | 'course-zip' | 'docx'): Promise<Uint8Array> {
  if (kind === 'image') {
    if (file.bytes.byteLength === 0) throw new UploadRefused(NO_IMAGE);
    if (file.bytes.byteLength > MAX_IMAGE_BYTES) throw new UploadRefused(IMAGE_TOO_BIG, { cause: new Error(`${file.bytes.byteLength} bytes`) });
    if (!imageFormatOf(file.bytes)) throw new UploadRefused(NOT_AN_IMAGE, { cause: new Error(`${file.name}: no JPEG, PNG or WebP signature`) });
  }
  if (kind === 'spreadsheet' && !/\.csv$/i.test(file.name)) await checkZip(file.bytes);
  // A course folder zipped (studio import): lesson texts, a few MB unpacked at most.
  if (kind === 'course-zip') await checkZip(file.bytes, MAX_UNPACKED_BYTES, NOT_A_COURSE_ZIP);
  // A Word question bank: an old .doc or a PDF renamed .docx is named for what it is.
  if (kind === 'docx') {
    const startsWith = (bytes: Uint8Array, expected: number[]): boolean => expected.every((byte, index) => bytes[index] === byte);
    if (startsWith(file.bytes, [0xd0, 0xcf, 0x11, 0xe0])) throw new UploadRefused(OLD_WORD, { cause: new Error(`${file.name}: OLE compound file`) });
    if (startsWith(file.bytes, [0x25, 0x50, 0x44, 0x46])) throw new UploadRefused(PDF_FILE, { cause: new Error(`${file.name}: PDF`) });
    await checkZip(file.bytes, MAX_UNPACKED_BYTES, NOT_A_DOCX);
  }
  return file.bytes;
}

/** An uploaded .csv or .xlsx file → rows of cells; throws UploadRefused with a Chinese message. */
export async function readUploadedSpreadsheet(file: File | { name: string; bytes: Uint8Array }): Promise<string[][]> {
  return (await readUploadedWorkbook(file))[0]?.rows ?? [];
}

/** An uploaded .csv or .xlsx file → every sheet's rows (a CSV is one sheet named ''). */
export async function readUploadedWorkbook(file: File | { name: string; bytes: Uint8Array }): Promise<Array<{ name: string; rows: string[][] }>> {
  const bytes = file instanceof Blob ? new Uint8Array(await file.arrayBuffer()) : file.bytes;
  const safe = await guardUpload({ name: file.name, bytes }, 'spreadsheet');
  try {
    return await readWorkbook(file.name, safe);
  } catch (cause) {
    throw new UploadRefused(NOT_A_WORKBOOK, { cause });
  }
}
