import yauzl from 'yauzl';
import { readSpreadsheet } from '../spreadsheet';
import { UserFacingError } from '../result';

/**
 * Every uploaded file passes through here before anything unpacks or parses it: spreadsheets now,
 * Word documents (.docx) and images later. Zip-based formats (.xlsx, .docx) are opened from their
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
export const NOT_A_WORKBOOK = '这个文件打不开，不是 Excel 表格（.xlsx）。请在 Excel 或 WPS 里“另存为” .xlsx 或 .csv 格式，再重新上传。';

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
export async function checkZip(bytes: Uint8Array, cap = MAX_UNPACKED_BYTES): Promise<void> {
  const zip = await new Promise<yauzl.ZipFile>((resolve, reject) => {
    yauzl.fromBuffer(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), { lazyEntries: true, validateEntrySizes: true }, (error, file) =>
      error ? reject(new UploadRefused(NOT_A_WORKBOOK, { cause: error })) : resolve(file),
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
    zip.on('error', (error: Error) => fail(new UploadRefused(NOT_A_WORKBOOK, { cause: error })));
    zip.on('end', () => resolve());
    zip.on('entry', (entry: yauzl.Entry) => {
      if (entry.fileName.endsWith('/')) return zip.readEntry();
      zip.openReadStream(entry, (error, stream) => {
        if (error) return fail(new UploadRefused(NOT_A_WORKBOOK, { cause: error }));
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
            fail(new UploadRefused(NOT_A_WORKBOOK, { cause: streamError }));
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

/** The bytes of an uploaded file of the given kind, once they are safe to parse. */
export async function guardUpload(file: { name: string; bytes: Uint8Array }, kind: 'spreadsheet'): Promise<Uint8Array> {
  if (kind === 'spreadsheet' && !/\.csv$/i.test(file.name)) await checkZip(file.bytes);
  return file.bytes;
}

/** An uploaded .csv or .xlsx file → rows of cells; throws UploadRefused with a Chinese message. */
export async function readUploadedSpreadsheet(file: File | { name: string; bytes: Uint8Array }): Promise<string[][]> {
  const bytes = file instanceof Blob ? new Uint8Array(await file.arrayBuffer()) : file.bytes;
  const safe = await guardUpload({ name: file.name, bytes }, 'spreadsheet');
  try {
    return await readSpreadsheet(file.name, safe);
  } catch (cause) {
    throw new UploadRefused(NOT_A_WORKBOOK, { cause });
  }
}
