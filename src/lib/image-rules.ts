/**
 * What a picture upload accepts, in one place for the server's upload guard
 * (src/lib/server/upload-guard.ts) and the browser (the lesson editor's upload button checks the
 * size before sending ten megabytes over a phone's network). Pure, no imports.
 */

/** An uploaded picture (a phone photo is 2–8 MB): the image upload's own body limit (src/lib/body-limits.ts) allows it. */
export const MAX_IMAGE_BYTES = 10 * 1024 * 1024;
export const IMAGE_TOO_BIG = '这张图片太大了（超过10MB）。请用手机相册的“编辑”或“分享”缩小后再上传，或者换一张。';
export const NOT_AN_IMAGE = '这个文件不是图片。只能上传 JPEG（.jpg）、PNG 或 WebP 格式的照片或图片。';
export const NO_IMAGE = '请选择要上传的图片。';

/** The file chooser's `accept`: a phone offers its photos (an iPhone converts HEIC to JPEG for it). The server checks the content. */
export const IMAGE_ACCEPT = 'image/jpeg,image/png,image/webp';
