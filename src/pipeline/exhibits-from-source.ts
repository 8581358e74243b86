import type { InputDocument } from '../compose/input-value.js';
import type { SubmissionDocument } from '../model/submission.js';
import { parseSubmission } from '../parse/sgml/parse-submission.js';
import { readDocument } from './read-filing.js';

/** What taking exhibits from the source submission did: the files it supplies, and what it could not take. */
export interface ExhibitsFromSource {
  readonly value: unknown;
  /** Exhibit sources by the `file` name given to them. */
  readonly sources: ReadonlyMap<string, Uint8Array>;
  /** Problems (by path) that stop the composition. */
  readonly problems: readonly { readonly path: string; readonly message: string }[];
  /** Exhibits listed but not attached in the composition, and why (by path). */
  readonly warnings: readonly { readonly path: string; readonly message: string }[];
}

/**
 * (The caller reads the file: `readSource` gives the bytes of `source`, or where it looked.)
 *
 * A record extracted from a submission (`extract --record`, or `extract --json` as it is) names that submission in
 * `source`; its attached exhibits have no `file`. Each is taken from its own document there (by sequence, else by
 * type `EX-<number>`), under the document's file name, and renumbered by the composer. An exhibit printed inside
 * the 6-K itself (document 1), or whose document is a binary, is listed but not attached, with a warning.
 */
export async function exhibitsFromSource(
  document: InputDocument,
  readSource: (path: string) => Promise<{ readonly bytes: Uint8Array } | { readonly bytes: null; readonly looked: string }>,
): Promise<ExhibitsFromSource> {
  const value = document.value as Record<string, unknown> | null;
  const exhibits = value && Array.isArray(value.exhibits) ? (value.exhibits as Record<string, unknown>[]) : [];
  const wanting = exhibits.filter((exhibit) => exhibit?.attached === true && (exhibit.file === undefined || exhibit.file === null));
  const source = value?.source;
  if (wanting.length === 0 || typeof source !== 'string') return { value: document.value, sources: new Map(), problems: [], warnings: [] };

  const read = await readSource(source);
  const bytes = read.bytes;
  if (!bytes)
    return {
      value: document.value,
      sources: new Map(),
      problems: [
        {
          path: 'source',
          message: `source: cannot read "${source}" (looked in ${'looked' in read ? read.looked : 'its folder'}), which holds the attached exhibits; give each its file, or set attached: false`,
        },
      ],
      warnings: [],
    };

  const submission = parseSubmission(bytes);
  const sources = new Map<string, Uint8Array>();
  const warnings: { path: string; message: string }[] = [];
  const taken = exhibits.map((exhibit, index) => {
    if (!wanting.includes(exhibit)) return exhibit;
    const path = `exhibits[${index}]`;
    const sequence = typeof exhibit.documentSequence === 'number' ? exhibit.documentSequence : null;
    const type = `EX-${String(exhibit.number)}`.toUpperCase();
    const found =
      submission.documents.find((candidate) => sequence !== null && candidate.sequence === sequence) ??
      submission.documents.find((candidate) => (candidate.type ?? '').toUpperCase() === type);
    const primary = found === submission.documents[0];
    const notAttached = (why: string) => {
      warnings.push({ path, message: `${path}: exhibit ${String(exhibit.number)} ${why}; it is listed, not attached` });
      return { ...exhibit, attached: false, documentSequence: null };
    };
    if (!found) return notAttached(`has no document in ${source}`);
    if (primary) return notAttached(`is printed inside the 6-K itself in ${source}`);
    if (found.encoding === 'uuencode')
      return notAttached(`is a binary document (${found.encodedFilename ?? found.filename ?? 'no name'}) in ${source}`);
    const read = readDocument(found);
    if (read.kind !== 'model') return notAttached(`is ${read.kind} in ${source}`);
    const { format: kind, text } = read;
    const given = found.filename && /^[A-Za-z0-9][\w.-]*\.(?:txt|htm|html)$/i.test(found.filename) ? found.filename : null;
    const name = given ?? `ex-${String(exhibit.number).replace(/[^\w.-]/g, '_')}.${kind === 'html' ? 'htm' : 'txt'}`;
    sources.set(name, found.body);
    // The images its HTML shows travel with it, decoded (the composer uuencodes them again).
    const graphics: string[] = [];
    if (kind === 'html')
      for (const [, src] of text.matchAll(/\bsrc\s*=\s*["']?([^"'\s>]+)/gi)) {
        const image = submission.documents.find(
          (candidate) => candidate.encoding === 'uuencode' && (candidate.filename ?? candidate.encodedFilename) === src,
        );
        const decoded = image ? readImage(image) : null;
        if (!decoded || !src || graphics.includes(src) || !/\.(?:jpe?g|gif)$/i.test(src)) continue;
        sources.set(src, decoded.bytes);
        graphics.push(src);
      }
    // The composer numbers the documents itself: the sequence of the source submission does not carry over.
    const { documentSequence: _sequence, ...rest } = exhibit;
    return { ...rest, file: name, ...(graphics.length > 0 ? { graphics } : {}) };
  });
  return { value: { ...value, exhibits: taken }, sources, problems: [], warnings };
}

/** An image's decoded bytes, through the one reader of documents. */
function readImage(document: SubmissionDocument): { readonly bytes: Uint8Array } | null {
  const read = readDocument(document, { decodeAttachments: true });
  return read.kind === 'binary' ? read.attachment : null;
}
