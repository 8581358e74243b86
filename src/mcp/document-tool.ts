import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { LRUCache } from 'lru-cache';
import type { RenderedDocument } from '../pipeline/render-stored-document.js';
import type { DocumentView, FilingView } from '../store/store.js';
import { MAX_OUTPUT_CHARS, textPart, textResult } from './bounded-output.js';
import { documentKey, documentList } from './documents.js';
import { requireFiling } from './filing-tools.js';
import { type McpToolContext, ToolError, toolHandler } from './tool-context.js';
import { accessionInput, choiceInput, documentInput, integerInput, toolArguments } from './tool-inputs.js';

/** Characters of a page given at once, by default and at most (the rest of the answer is a header and a note). */
const DEFAULT_CHARACTERS = 20_000;
const MAX_CHARACTERS = MAX_OUTPUT_CHARS - 1_000;

const documentArguments = toolArguments({
  accession: accessionInput,
  document: documentInput.optional(),
  format: choiceInput(
    'format',
    ['markdown', 'text'],
    'markdown (headings, GitHub tables; the default) or text (plain, reflowed).',
  ).optional(),
  page: integerInput('page', 1, 1_000_000, 'The page to read (default 1); the answer says how many pages the document has.').optional(),
  offset: integerInput(
    'offset',
    0,
    1_000_000_000,
    'Where to start within the page, in characters (default 0): a page longer than max_characters is given in parts, and the answer names the offset of the next part.',
  ).optional(),
  max_characters: integerInput(
    'max_characters',
    1_000,
    MAX_CHARACTERS,
    `At most this many characters of the page (default ${DEFAULT_CHARACTERS}).`,
  ).optional(),
});

/** A document rendered page by page: what the tool keeps of it between calls. */
interface RenderedPages {
  readonly bodies: readonly string[];
  readonly labels: readonly (string | null)[];
  /** What the document is, for a page that does not exist. */
  readonly kind: 'model' | 'xml';
}

/**
 * Documents recently rendered, every page at once (parsing is most of the work: a 3 MB document takes seconds to
 * parse and tens of milliseconds to render all its pages), so reading page after page, or a long page part after
 * part, parses the document once. Bounded by the characters kept.
 */
const DOCUMENT_CACHE_CHARACTERS = 64 * 1024 * 1024;

export function registerDocumentTool(server: McpServer, context: McpToolContext): void {
  const cache = new LRUCache<string, RenderedPages>({
    max: 32,
    maxSize: DOCUMENT_CACHE_CHARACTERS,
    sizeCalculation: (rendered) =>
      Math.max(
        1,
        rendered.bodies.reduce((sum, body) => sum + body.length, 0),
      ),
  });

  const rendering = new Map<string, Promise<RenderedPages>>();

  server.registerTool(
    'get_document',
    {
      title: 'Read a document',
      description:
        'One document of a stored filing (the 6-K itself, an EX-99.1 press release, …) as Markdown or plain text, one page at a time: legacy ASCII pages and ' +
        'tables as a reader sees them, HTML as clean Markdown with real tables. The answer says which page of how many it is, and a page longer ' +
        'than max_characters comes in parts, each naming the offset of the next. XML documents are given as written; binary attachments (PDF, images) cannot be read here.',
      inputSchema: documentArguments,
      annotations: { readOnlyHint: true, openWorldHint: false },
    },
    toolHandler('get_document', context, async (args) => {
      const filing = await requireFiling(context, args.accession);
      const stored = chooseDocument(filing, args.document);
      const which = String(documentKey(stored));
      const format = args.format ?? 'markdown';
      const pageNumber = args.page ?? 1;
      const key = `${filing.filingId}\u0000${filing.contentHash}\u0000${which}\u0000${format}`;
      let rendered = cache.get(key);
      if (!rendered) {
        // Calls for the same document while it renders share the one rendering.
        let pending = rendering.get(key);
        if (!pending) {
          pending = renderPages(context, filing, stored, which, format).finally(() => rendering.delete(key));
          rendering.set(key, pending);
        }
        rendered = await pending;
        cache.set(key, rendered);
      }
      const page = pageOf(rendered, pageNumber, which);
      const max = args.max_characters ?? DEFAULT_CHARACTERS;
      const offset = args.offset ?? 0;
      if (offset > 0 && offset >= page.body.length)
        throw new ToolError(`offset ${offset} is past the end of page ${pageNumber}, which has ${page.body.length} characters`);
      const part = textPart(page.body, offset, max);
      const name = clip([stored.type, stored.filename, stored.description].filter(Boolean).join(', '));
      const label = page.label && page.label !== String(pageNumber) ? ` (printed page ${page.label})` : '';
      const header = `Filing ${filing.filingId}, document ${which}${name ? ` (${name})` : ''}: page ${pageNumber} of ${page.pages}${label}, ${format}.`;
      const more = pageNumber < page.pages ? ` Next page: page ${pageNumber + 1}.` : ' This is the last page.';
      const footer = part.more
        ? `[Part of page ${pageNumber}: characters ${offset}–${part.end} of ${page.body.length}. The page goes on: call again with page ${pageNumber}, offset ${part.end}. The document has ${page.pages} page${page.pages === 1 ? '' : 's'}.]`
        : offset > 0
          ? `[End of page ${pageNumber} (characters ${offset}–${part.end} of ${page.body.length}).${more}]`
          : `[Page ${pageNumber} of ${page.pages}, whole (${page.body.length} characters).${more}]`;
      return textResult(`${header}\n\n${part.text}\n\n${footer}`);
    }),
  );
}

/** A name from the filing, kept short in the answer's first line. */
function clip(text: string): string {
  return text.length > 200 ? `${text.slice(0, 197)}...` : text;
}

/** The stored document asked for (by sequence, type, or position), or the first; else a refusal naming those there are. */
function chooseDocument(filing: FilingView, which: string | undefined): DocumentView {
  const documents = filing.documents;
  if (which === undefined) {
    const first = documents[0];
    if (!first) throw new ToolError(`Filing ${filing.filingId} has no documents`);
    return first;
  }
  const wanted = which.toUpperCase();
  const found =
    documents.find((document) => String(document.sequence ?? '') === wanted) ??
    documents.find((document) => (document.type ?? '').toUpperCase() === wanted) ??
    documents.find((document) => document.sequence === null && String(document.position + 1) === wanted);
  if (!found) throw new ToolError(`Filing ${filing.filingId} has no document ${which}; it has: ${documentList(documents)}`);
  return found;
}

async function renderPages(
  context: McpToolContext,
  filing: FilingView,
  stored: DocumentView,
  which: string,
  format: 'markdown' | 'text',
): Promise<RenderedPages> {
  if (stored.encoding === 'uuencode') throw binaryRefusal(filing, stored, which);
  const original = await context.store.getOriginal(filing.filingId);
  if (!original) throw new ToolError(`No filing ${filing.filingId} in the database`);
  const rendered: RenderedDocument = await context.render(original, which, { format, page: 1, everyPage: true });
  switch (rendered.kind) {
    case 'missing':
      throw new ToolError(`Filing ${filing.filingId} has no document ${which}; it has: ${documentList(filing.documents)}`);
    case 'binary':
      throw binaryRefusal(filing, stored, which);
    case 'xml':
      // XML is given as written: one page.
      return { bodies: [rendered.text], labels: [null], kind: 'xml' };
    case 'model':
      return { bodies: rendered.pageBodies ?? [], labels: rendered.pages.map((page) => page.label), kind: 'model' };
  }
}

/** Page `number` of a rendered document, or a refusal that says how many pages it has. */
function pageOf(
  rendered: RenderedPages,
  number: number,
  which: string,
): { readonly body: string; readonly pages: number; readonly label: string | null } {
  const count = rendered.bodies.length;
  const body = rendered.bodies[number - 1];
  if (body === undefined) {
    if (rendered.kind === 'xml') throw new ToolError(`Page ${number} does not exist: document ${which} is XML, given whole as page 1`);
    throw new ToolError(`Page ${number} does not exist: document ${which} has ${count} page${count === 1 ? '' : 's'}`);
  }
  return { body, pages: count, label: rendered.labels[number - 1] ?? null };
}

function binaryRefusal(filing: FilingView, stored: DocumentView, which: string): ToolError {
  const name = stored.attachmentName ?? stored.filename ?? stored.type ?? 'attachment';
  return new ToolError(
    `Document ${which} of ${filing.filingId} is a binary attachment (${name}, ${stored.byteLength} bytes uuencoded) and has no text to read`,
  );
}
