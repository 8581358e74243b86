import type { Diagnostic } from '../core/diagnostic.js';
import type { Span } from '../core/span.js';

/**
 * An XML document (ownership 3/4/5, 13F cover and information table, and other EDGAR XML) as a tree of elements.
 * Every span is a character range into `source`, the document's text as decoded: a value's text with its entities
 * read is exactly what `source.slice(textSpan.start, textSpan.end)` says once its entities are read.
 */
export interface XmlDocument {
  readonly kind: 'xml';
  readonly source: string;
  /** The first top-level element; null when the text holds none. */
  readonly root: XmlElement | null;
  readonly diagnostics: readonly Diagnostic[];
}

export interface XmlElement {
  /** The name as written, prefix included: `ns1:infoTable`. */
  readonly name: string;
  /** The name without its namespace prefix: `infoTable` (EDGAR's documents are read by local names). */
  readonly localName: string;
  readonly attributes: readonly XmlAttribute[];
  readonly children: readonly XmlElement[];
  /** The element's own text (not its children's), entities read, XML white space trimmed at both ends. */
  readonly text: string;
  /** Where `text` stands in the source (trimmed); null when the element has no text of its own. */
  readonly textSpan: Span | null;
  /** From the `<` of the start tag to the `>` of the end tag (or of the self-closed tag). */
  readonly span: Span;
}

export interface XmlAttribute {
  readonly name: string;
  readonly localName: string;
  /** Entities read. */
  readonly value: string;
  /** The value's place in the source, quotes excluded. */
  readonly span: Span;
}
