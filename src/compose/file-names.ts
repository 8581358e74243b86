/**
 * EDGAR's rules for document file names (the `conformedName` of the EDGARLink Online XML schema, `<FILENAME>` of a
 * disseminated submission): at most 32 characters, a letter or digit first, then letters, digits, `.`, `_` and
 * `-`, and one of the permitted extensions. The pattern is SEC's (eis_Common.xsd, as published in the EDGARLink
 * Online XML Technical Specification); `.html` and `.jpeg`, which the pattern does not list, are refused.
 */
export const FILE_NAME_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]*\.(?:htm|txt|pdf|xml|jpg|gif|fil|xsd)$/i;
export const FILE_NAME_MAX = 32;
export const PERMITTED_EXTENSIONS = ['htm', 'txt', 'pdf', 'xml', 'jpg', 'gif', 'fil', 'xsd'] as const;

/** Why a name breaks the rules, or null when it keeps them. */
export function fileNameProblem(name: string): string | null {
  if (name.length > FILE_NAME_MAX) return `"${name}" is ${name.length} characters long; EDGAR allows at most ${FILE_NAME_MAX}`;
  const extension = /\.([^.]*)$/.exec(name)?.[1]?.toLowerCase() ?? null;
  if (extension === null) return `"${name}" has no extension; EDGAR needs one of .${PERMITTED_EXTENSIONS.join(', .')}`;
  if (!(PERMITTED_EXTENSIONS as readonly string[]).includes(extension))
    return `"${name}" ends in .${extension}; EDGAR permits .${PERMITTED_EXTENSIONS.join(', .')}${extension === 'html' ? ' (rename it .htm)' : extension === 'jpeg' ? ' (rename it .jpg)' : ''}`;
  if (!/^[A-Za-z0-9]/.test(name)) return `"${name}" must start with a letter or a digit`;
  const bad = /[^A-Za-z0-9._-]/.exec(name);
  if (bad) return `"${name}" contains "${bad[0]}"; EDGAR file names take letters, digits, ".", "_" and "-" only`;
  return null;
}

/** `99.1` → `ex99-1`; `99.A` → `ex99-a`. */
export function exhibitBaseName(number: string): string {
  return `ex${number.toLowerCase().replace(/\./g, '-')}`;
}

/**
 * A name that keeps the rules, made from a source path: the last path part, lower case, other characters as `_`,
 * cut to 32 with its extension kept. `.html`/`.jpeg` become `.htm`/`.jpg`.
 */
export function conformName(path: string): string {
  const base = path.split(/[\\/]/).pop() ?? path;
  const dot = base.lastIndexOf('.');
  let stem = (dot > 0 ? base.slice(0, dot) : base).toLowerCase().replace(/[^a-z0-9._-]+/g, '_');
  let extension = dot > 0 ? base.slice(dot + 1).toLowerCase() : 'txt';
  if (extension === 'html') extension = 'htm';
  if (extension === 'jpeg') extension = 'jpg';
  stem = stem.replace(/^[^a-z0-9]+/, '') || 'file';
  return `${stem.slice(0, FILE_NAME_MAX - extension.length - 1)}.${extension}`;
}
