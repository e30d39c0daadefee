import { fail, ok, shownMessage, UserFacingError, type Result } from '../result';
import { readUploadedWorkbook } from './upload-guard';

/**
 * The text fields of a posted form, or null when the body is not a form. URL-encoded bodies (every
 * form here but file uploads) are parsed directly: twice as fast as Request.formData(), and the
 * progress endpoint takes over a thousand of them a second.
 */
export async function readFormFields(request: Request): Promise<Record<string, string> | null> {
  try {
    if ((request.headers.get('content-type') ?? '').startsWith('application/x-www-form-urlencoded')) {
      return Object.fromEntries(new URLSearchParams(await request.text()));
    }
    const form = await request.formData();
    const fields: Record<string, string> = {};
    for (const [key, value] of form.entries()) if (typeof value === 'string') fields[key] = value;
    return fields;
  } catch {
    return null;
  }
}

/** What the person typed, to put back in the form after an error (never passwords). */
export async function postedValues(request: Request): Promise<Record<string, string>> {
  return (await postedForm(request)).values;
}

/**
 * Like postedValues, with every value of fields that repeat (a group of checkboxes) too. The body
 * can be read once, so a page that needs both reads it here.
 */
export async function postedForm(request: Request): Promise<{ values: Record<string, string>; all: (name: string) => string[] }> {
  const params = new URLSearchParams();
  if (request.method === 'POST') {
    try {
      // A copy: the body stays readable for what renders after (React's renderer clones the request
      // of a page answering an action, to read its form state).
      const form = await request.clone().formData();
      for (const [key, value] of form.entries()) if (typeof value === 'string' && !/password/i.test(key)) params.append(key, value);
    } catch {
      // Not a form: nothing to put back.
    }
  }
  return { values: Object.fromEntries(params), all: (name) => params.getAll(name) };
}

/**
 * An uploaded .csv or .xlsx file's rows (its first sheet), or what to tell the person (on the
 * `file` field). A failure we did not foresee is logged with its cause.
 */
export async function uploadedRows(file: File): Promise<Result<string[][]>> {
  const sheets = await uploadedSheets(file);
  return sheets.ok ? ok(sheets.value[0]?.rows ?? []) : sheets;
}

/** Like uploadedRows, with every sheet of a workbook (a CSV is one sheet named ''). */
export async function uploadedSheets(file: File): Promise<Result<Array<{ name: string; rows: string[][] }>>> {
  try {
    return ok(await readUploadedWorkbook(file));
  } catch (error) {
    if (!(error instanceof UserFacingError)) console.error('upload: could not read the spreadsheet', error);
    else if (error.cause !== undefined) console.warn('upload refused:', file.name, error.cause);
    return fail(shownMessage(error, '文件打不开，请确认是 .xlsx 或 .csv 文件。'), 'file');
  }
}
