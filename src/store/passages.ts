/** Target size of an indexed passage; a passage ends at a paragraph or line break near this length. */
export const PASSAGE_CHARS = 2000;
/** Passages per document are numbered below this, so `document id × PASSAGE_STRIDE + n` is a unique row id. */
export const PASSAGE_STRIDE = 1_000_000;

/**
 * Splits a document's text into passages of about PASSAGE_CHARS, at paragraph breaks where possible, else at
 * line breaks, else at spaces. Search ranks and quotes passages, so a snippet never has to read a whole
 * multi-megabyte document and a phrase is matched where it stands.
 */
export function splitPassages(text: string): string[] {
  const passages: string[] = [];
  let at = 0;
  while (at < text.length && passages.length < PASSAGE_STRIDE - 1) {
    if (text.length - at <= PASSAGE_CHARS * 1.5) {
      passages.push(text.slice(at));
      break;
    }
    const window = text.slice(at, at + PASSAGE_CHARS * 1.5);
    let cut = window.lastIndexOf('\n\n', PASSAGE_CHARS * 1.25);
    if (cut < PASSAGE_CHARS / 2) cut = window.lastIndexOf('\n', PASSAGE_CHARS * 1.25);
    if (cut < PASSAGE_CHARS / 2) cut = window.lastIndexOf(' ', PASSAGE_CHARS * 1.25);
    if (cut < PASSAGE_CHARS / 2) cut = PASSAGE_CHARS;
    passages.push(text.slice(at, at + cut));
    at += cut;
  }
  return passages.filter((passage) => passage.trim() !== '');
}
