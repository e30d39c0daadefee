import { z } from './zod';
import { MAX_IMPORT_BYTES } from './admin';
import { confirmQuestionImportSchema } from './question-bank';
import { OLD_WORD, PDF_FILE } from '../lib/server/upload-guard';

/** About 2,000 questions of the common layout (MAX_QUESTION_ROWS). */
export const MAX_PASTED_CHARS = 400_000;

const bankId = confirmQuestionImportSchema.shape.bankId;

/** A .docx question bank of at most 5 MB; an old .doc or a PDF is told how to become one. */
export const previewQuestionDocumentSchema = z.object({
  bankId,
  document: z
    .instanceof(File, { message: '请选择要导入的 Word 文件。' })
    .refine((file) => file.size > 0, '请选择要导入的 Word 文件。')
    .refine((file) => file.size <= MAX_IMPORT_BYTES, '文件太大了（超过5MB）。请删掉文件里的图片，或把题目分成几个文件。')
    .superRefine((file, context) => {
      if (/\.docx$/iu.test(file.name)) return;
      const message = /\.(doc|wps|rtf)$/iu.test(file.name)
        ? OLD_WORD
        : /\.pdf$/iu.test(file.name)
          ? PDF_FILE
          : '这里只能上传 Word 文档（.docx）。Excel 表格请用上面的“从表格导入”；其他文件可以把文字复制，粘贴到下面的大框里。';
      context.addIssue({ code: 'custom', message });
    }),
});

export const previewQuestionPasteSchema = z.object({
  bankId,
  text: z
    .string({ error: '请把题目文字粘贴到框里。' })
    .trim()
    .min(1, '请把题目文字粘贴到框里。')
    .max(MAX_PASTED_CHARS, `粘贴的文字太长了（最多${MAX_PASTED_CHARS.toLocaleString('en')}个字）。请分成几次导入。`),
});
