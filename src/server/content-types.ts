import { isUtf8 } from 'node:buffer';

/**
 * Content types for the bytes the server hands out. Only types a browser cannot run as a page are ever sent for
 * filing content: HTML, SVG and XML attachments go out as `application/octet-stream`, always with
 * `X-Content-Type-Options: nosniff`.
 */

const BY_EXTENSION: Readonly<Record<string, string>> = {
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  jpe: 'image/jpeg',
  gif: 'image/gif',
  png: 'image/png',
  bmp: 'image/bmp',
  tif: 'image/tiff',
  tiff: 'image/tiff',
  pdf: 'application/pdf',
  zip: 'application/zip',
  xls: 'application/vnd.ms-excel',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  doc: 'application/msword',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  ppt: 'application/vnd.ms-powerpoint',
  pptx: 'application/vnd.openxmlformats-officedocument.presentationml.presentation',
  txt: 'text/plain; charset=utf-8',
  csv: 'text/csv; charset=utf-8',
  json: 'application/json',
};

/** Image types a page may show with `<img>`; everything else is offered as a download. */
const INLINE_IMAGES = new Set(['image/jpeg', 'image/gif', 'image/png', 'image/bmp']);

export interface AttachmentType {
  readonly contentType: string;
  /** True for images shown in place; false means `Content-Disposition: attachment`. */
  readonly inline: boolean;
}

/** How many of an attachment's first bytes `attachmentType` looks at (at most). */
export const SNIFF_BYTES = 16;

/** The content type for an attachment: by its file name's extension, else by its first `SNIFF_BYTES` bytes. */
export function attachmentType(filename: string | null, bytes: Uint8Array): AttachmentType {
  const extension = filename ? /\.([A-Za-z0-9]{1,5})$/.exec(filename)?.[1]?.toLowerCase() : undefined;
  const contentType = (extension !== undefined ? BY_EXTENSION[extension] : undefined) ?? sniff(bytes);
  return { contentType, inline: INLINE_IMAGES.has(contentType) };
}

function sniff(bytes: Uint8Array): string {
  const starts = (...signature: number[]) => signature.every((byte, index) => bytes[index] === byte);
  if (starts(0xff, 0xd8, 0xff)) return 'image/jpeg';
  if (starts(0x47, 0x49, 0x46, 0x38)) return 'image/gif';
  if (starts(0x89, 0x50, 0x4e, 0x47)) return 'image/png';
  if (starts(0x25, 0x50, 0x44, 0x46)) return 'application/pdf';
  if (starts(0x50, 0x4b, 0x03, 0x04)) return 'application/zip';
  return 'application/octet-stream';
}

export function isImage(filename: string | null): boolean {
  return attachmentType(filename, new Uint8Array(0)).inline;
}

/**
 * The charset of a submission's bytes as they are: UTF-8 when they are valid UTF-8 (ASCII is), else Windows-1252.
 * Checked without decoding (a submission may be larger than a string can hold).
 */
export function textCharset(bytes: Uint8Array): 'utf-8' | 'windows-1252' {
  return isUtf8(bytes) ? 'utf-8' : 'windows-1252';
}

/** A file name safe inside a quoted `Content-Disposition` parameter. */
export function dispositionFilename(name: string): string {
  const safe = name
    .replace(/[^A-Za-z0-9._-]+/g, '_')
    .replace(/^[._]+/, '')
    .slice(0, 100);
  return safe === '' ? 'attachment' : safe;
}
