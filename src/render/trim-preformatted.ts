/**
 * Preformatted text less its blank lines before and all whitespace after (which would double the separation
 * between blocks). A scan, not a regex: `/\s+$/` retries from every character of a long run of spaces that is
 * not at the end, which is quadratic on hostile input.
 */
export function trimPreformatted(text: string): string {
  let start = 0;
  let at = 0;
  for (;;) {
    let code = text.charCodeAt(at);
    while (code === 0x20 || code === 0x09) code = text.charCodeAt(++at);
    if (code === 0x0d && text.charCodeAt(at + 1) === 0x0a) at += 2;
    else if (code === 0x0a) at += 1;
    else break;
    start = at;
  }
  // `trimEnd` removes exactly what `\s` matches, in one pass from the end.
  return (start === 0 ? text : text.slice(start)).trimEnd();
}
