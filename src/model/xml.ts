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

/** The first child element of that local name (namespace prefixes ignored: EDGAR writes `ns1:`, `n1:` or none). */
export function childElement(element: XmlElement | null | undefined, localName: string): XmlElement | null {
  if (!element) return null;
  for (const child of element.children) if (child.localName === localName) return child;
  return null;
}

/** Every child element of that local name, in order. */
export function childElements(element: XmlElement | null | undefined, localName: string): XmlElement[] {
  if (!element) return [];
  return element.children.filter((child) => child.localName === localName);
}

/** The element reached by a path of local names: `pathElement(root, 'formData', 'coverPage')`. */
export function pathElement(element: XmlElement | null | undefined, ...names: readonly string[]): XmlElement | null {
  let at: XmlElement | null = element ?? null;
  for (const name of names) {
    at = childElement(at, name);
    if (!at) return null;
  }
  return at;
}

/** The value of an attribute by local name, or null. */
export function attributeValue(element: XmlElement | null | undefined, localName: string): string | null {
  if (!element) return null;
  for (const attribute of element.attributes) if (attribute.localName === localName) return attribute.value;
  return null;
}
