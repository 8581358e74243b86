const PAGE_NUMBER =
  /^(?:page\s+)?(?:-+\s*)?([A-Z]{1,2}-\s?\d{1,4}|[A-Z]{1,2}\d{1,3}|\d{1,3}|[ivxlc]{1,7}|[IVXLC]{1,7})(?:\s*-+)?(?:\s+of\s+\d{1,4})?$/i;

/**
 * The page number printed at the foot of a page, as the text of the line says it (`2`, `- 3 -`, `F-2`,
 * `Page 4`, `ii`), without the dashes or the word "Page": `"2"`, `"3"`, `"F-2"`, `"4"`, `"ii"`.
 * Returns null for anything else.
 */
export function parsePageLabel(line: string): string | null {
  if (line.length === 0 || line.length > 20) return null;
  const m = PAGE_NUMBER.exec(line);
  if (m === null) return null;
  return (m[1] ?? '').replace(/\s+/g, '');
}
