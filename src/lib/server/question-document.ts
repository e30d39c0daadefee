import mammoth from 'mammoth';
import { OPTION_LETTERS } from '../question-rules';
import { parseQuestionText, startsQuestion, textImportView, type TextImportView } from '../question-text';
import type { Db } from './db';
import { previewQuestionImport } from './question-bank';
import { guardUpload, NOT_A_DOCX, UploadRefused } from './upload-guard';

/**
 * Pasted text or a Word document's text → the preview, through the spreadsheet import's own checks
 * (validateQuestionRows) and its held batch, so 确认导入 is the same action for every kind of file.
 */
export async function previewQuestionText(
  db: Db,
  input: { bankId: number; actorId: number; fileName: string; text: string },
  now = Date.now(),
): Promise<TextImportView & { batchId: number | null; fileName: string }> {
  const parsed = parseQuestionText(input.text);
  if (parsed.sources.length === 0) return { batchId: null, fileName: input.fileName, ...textImportView(input.text, parsed, { fileErrors: [], valid: [], invalid: [] }) };
  const { batchId, preview } = await previewQuestionImport(db, { bankId: input.bankId, actorId: input.actorId, fileName: input.fileName, rows: parsed.rows }, now);
  return { batchId, fileName: input.fileName, ...textImportView(input.text, parsed, preview) };
}

/**
 * A Word question bank (.docx) → its text, one paragraph a line, for parseQuestionText. The file
 * passes the upload guard first (size unpacked, a broken zip, an old .doc or a PDF in disguise);
 * mammoth reads it. Word's own list numbering is not in the text of a paragraph, so it is written
 * back: a numbered paragraph at the first level is a question (1. 2. …, counted through the
 * document), one at a deeper level an option (A. B. … again under each question). A document whose
 * options are numbered at the first level reads them as questions; typed numbers and letters, the
 * common case, are read as typed.
 */
export async function readQuestionDocument(file: { name: string; bytes: Uint8Array }): Promise<string> {
  const safe = await guardUpload(file, 'docx');
  const lines: string[] = [];
  try {
    await mammoth.convertToHtml(
      { buffer: Buffer.from(safe.buffer, safe.byteOffset, safe.byteLength) },
      {
        transformDocument: (document: MammothElement) => {
          lines.push(...numberedLines(paragraphsOf(document)));
          // The text is all that is wanted: nothing is left to convert to HTML.
          document.children = [];
          return document;
        },
      },
    );
  } catch (cause) {
    throw new UploadRefused(NOT_A_DOCX, { cause });
  }
  return lines.join('\n');
}

interface MammothElement {
  type: string;
  value?: string;
  children?: MammothElement[];
}

interface MammothParagraph extends MammothElement {
  numbering: { level: string; isOrdered: boolean } | null;
}

function numberedLines(paragraphs: MammothParagraph[]): string[] {
  let questions = 0;
  let options = 0;
  return paragraphs.map((paragraph) => {
    const text = textOf(paragraph);
    const numbering = paragraph.numbering;
    if (numbering?.isOrdered && Number(numbering.level) > 0) return `${OPTION_LETTERS[options++] ?? ''}. ${text}`;
    if (numbering?.isOrdered && !startsQuestion(text)) {
      options = 0;
      return `${++questions}. ${text}`;
    }
    if (startsQuestion(text)) options = 0;
    return text;
  });
}

/** The document's paragraphs in reading order, those in tables included. */
function paragraphsOf(element: MammothElement): MammothParagraph[] {
  if (element.type === 'paragraph') return [element as MammothParagraph];
  return (element.children ?? []).flatMap(paragraphsOf);
}

/** A paragraph's text; a line break inside it (Shift+Enter) starts a new line, as a new paragraph would. */
function textOf(element: MammothElement): string {
  if (element.type === 'text') return element.value ?? '';
  if (element.type === 'tab') return '\t';
  if (element.type === 'break') return '\n';
  return (element.children ?? []).map(textOf).join('');
}
