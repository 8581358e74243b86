/**
 * EDGAR XML to a tree of elements with positions, on htmlparser2's tokenizer in XML mode (entities read by its
 * `entities` decoder). The tokenizer gives every token's `(start, end)` offsets; this builds the tree itself, so
 * each value keeps the character range it came from and nesting is bounded.
 *
 * Linear time: one pass of the tokenizer; each end tag is matched against at most `MAX_XML_DEPTH` open elements;
 * an entity's start is found by a backward look that never passes the entity's own `&`.
 */
import { QuoteType } from 'htmlparser2';
import { type Diagnostic, diagnostic } from '../../core/diagnostic.js';
import type { XmlAttribute, XmlDocument, XmlElement } from '../../model/xml.js';
import { SkimmingTokenizer } from '../html/skimming-tokenizer.js';

/** Deeper than any EDGAR XML (ownership documents nest 6 deep, XBRL a dozen) and cheap to scan. */
export const MAX_XML_DEPTH = 256;
/** EDGAR elements carry a handful of attributes (namespaces, `id`, `contextRef`); more are not kept. */
export const MAX_XML_ATTRIBUTES = 256;
/** Diagnostics a document lists; further problems are counted in one last `xml/too-many-problems` diagnostic. */
export const MAX_XML_DIAGNOSTICS = 1000;

interface OpenElement {
  readonly name: string;
  readonly localName: string;
  attributes: XmlAttribute[] | null;
  readonly children: XmlElement[];
  readonly parts: string[];
  readonly start: number;
  textStart: number;
  textEnd: number;
  /** Where the last piece of text read so far ends in the source, white space and entities included. */
  textRunEnd: number;
  /** Markup (a child, a comment) came after some of the text. */
  interrupted: boolean;
  /** Text came after such markup: the text is not one run of the source, so it has no span. */
  mixed: boolean;
}

const isXmlSpace = (code: number): boolean => code === 0x20 || code === 0x09 || code === 0x0a || code === 0x0d;

function localNameOf(name: string): string {
  const colon = name.indexOf(':');
  return colon === -1 ? name : name.slice(colon + 1);
}

/** No attributes: one shared empty list (most EDGAR elements have none). */
const NO_ATTRIBUTES: readonly XmlAttribute[] = Object.freeze([]);

function trimXmlSpace(text: string): string {
  let start = 0;
  let end = text.length;
  while (start < end && isXmlSpace(text.charCodeAt(start))) start++;
  while (end > start && isXmlSpace(text.charCodeAt(end - 1))) end--;
  return start === 0 && end === text.length ? text : text.slice(start, end);
}

/** Reads an XML document leniently: malformed markup becomes diagnostics (`xml/…`), never an exception. */
export function parseXmlDocument(source: string): XmlDocument {
  const diagnostics: Diagnostic[] = [];
  // Markup problems past MAX_XML_DIAGNOSTICS are counted, not listed: a document of a million stray end tags must not
  // become a million objects.
  let unlisted = 0;
  const report = (found: Diagnostic): void => {
    if (diagnostics.length < MAX_XML_DIAGNOSTICS) diagnostics.push(found);
    else unlisted++;
  };
  const stack: OpenElement[] = [];
  let root: XmlElement | null = null;
  let extraRoots = 0;
  /** Elements opened past the depth bound and not yet closed: their tags and text are passed over. */
  let tooDeep = 0;
  // The attribute being read.
  let attributeName = '';
  let attributeValue = '';
  let attributeStart = -1;
  let attributeEnd = -1;
  let attributeNameEnd = 0;
  /** The open tag being read (its attributes go to it until `>`). */
  let pending: OpenElement | null = null;
  /** Local names by qualified name: a document repeats a few dozen names many times. */
  const localNames = new Map<string, string>();

  const close = (open: OpenElement, end: number): void => {
    const parts = open.parts;
    const text = parts.length === 0 ? '' : trimXmlSpace(parts.length === 1 ? (parts[0] as string) : parts.join(''));
    const element: XmlElement = {
      name: open.name,
      localName: open.localName,
      attributes: open.attributes ?? NO_ATTRIBUTES,
      children: open.children,
      text,
      textSpan: text === '' || open.textStart === -1 || open.mixed ? null : { start: open.textStart, end: open.textEnd },
      span: { start: open.start, end },
    };
    const parent = stack[stack.length - 1];
    if (parent) {
      parent.children.push(element);
      interrupt();
    } else if (root === null) root = element;
    else {
      if (extraRoots === 0)
        report(diagnostic('xml/extra-root', 'warning', `A second top-level element <${open.name}> is not read`, open.start));
      extraRoots++;
    }
  };

  /** Markup inside the innermost open element, after text of its own. */
  const interrupt = (): void => {
    const top = stack[stack.length - 1];
    if (top && top.textStart !== -1) top.interrupted = true;
  };

  const addText = (start: number, end: number): void => {
    const top = stack[stack.length - 1];
    if (!top || tooDeep > 0 || pending) return;
    let first = start;
    while (first < end && isXmlSpace(source.charCodeAt(first))) first++;
    // A piece that does not start where the last one ended follows markup the tokenizer passed over without a word
    // (the `<!` of a declaration the input ends in): the text is not one run of the source.
    if (top.textStart !== -1 && start !== top.textRunEnd) top.mixed = true;
    if (first === end) {
      // White space before any text would be trimmed: only keep it between pieces of text.
      if (top.textStart !== -1) {
        top.parts.push(source.slice(start, end));
        top.textRunEnd = end;
      }
      return;
    }
    let last = end;
    while (last > first && isXmlSpace(source.charCodeAt(last - 1))) last--;
    if (top.interrupted) top.mixed = true;
    if (top.textStart === -1) top.textStart = first;
    top.textEnd = last;
    top.textRunEnd = end;
    top.parts.push(source.slice(start, end));
  };

  // The skimming tokenizer gives the stock one's events and offsets, passing over text and quoted values faster.
  const tokenizer = new SkimmingTokenizer(
    { xmlMode: true, decodeEntities: true },
    {
      onattribdata(start, end) {
        if (attributeStart === -1) attributeStart = start;
        attributeEnd = end;
        attributeValue += source.slice(start, end);
      },
      onattribentity(codepoint) {
        // The tokenizer does not say where an attribute's entity ends; the value's span is closed by `onattribend`.
        attributeValue += String.fromCodePoint(codepoint);
      },
      onattribend(quote, end) {
        if (pending && tooDeep === 0 && (pending.attributes?.length ?? 0) >= MAX_XML_ATTRIBUTES) {
          const attributes = pending.attributes as XmlAttribute[];
          if (attributes.length === MAX_XML_ATTRIBUTES)
            report(
              diagnostic(
                'xml/too-many-attributes',
                'warning',
                `<${pending.name}> has more than ${MAX_XML_ATTRIBUTES} attributes; the rest are not read`,
                pending.start,
              ),
            );
          // One more entry marks the diagnostic as given; it is dropped when the tag ends.
          if (attributes.length === MAX_XML_ATTRIBUTES) attributes.push(attributes[0] as XmlAttribute);
        } else if (pending && tooDeep === 0) {
          // `end` is past the closing quote of a quoted value.
          const quoted = quote === QuoteType.Double || quote === QuoteType.Single;
          const valueEnd = quoted ? end - 1 : Math.max(end, attributeEnd);
          const opening = quoted ? source.indexOf(quote === QuoteType.Double ? '"' : "'", attributeNameEnd) : -1;
          const valueStart = opening !== -1 && opening < valueEnd ? opening + 1 : attributeStart === -1 ? valueEnd : attributeStart;
          pending.attributes ??= [];
          pending.attributes.push({
            name: attributeName,
            localName: localNameOf(attributeName),
            value: attributeValue,
            span: { start: Math.min(valueStart, valueEnd), end: valueEnd },
          });
        }
        attributeName = '';
        attributeValue = '';
        attributeStart = -1;
        attributeEnd = -1;
      },
      onattribname(start, end) {
        attributeName = source.slice(start, end);
        attributeNameEnd = end;
        attributeValue = '';
        attributeStart = -1;
        attributeEnd = -1;
      },
      oncdata(start, end, offset) {
        // A CDATA section's text is its content as written: one run of the source only when it stands alone.
        const top = stack[stack.length - 1];
        if (top && top.textStart !== -1) top.interrupted = true;
        addText(start, end - offset);
        if (top && top.textStart !== -1) top.interrupted = true;
      },
      onclosetag(start, end) {
        if (tooDeep > 0) {
          tooDeep--;
          return;
        }
        const gt = source.indexOf('>', end);
        const tagEnd = gt === -1 ? source.length : gt + 1;
        const top = stack[stack.length - 1];
        // The usual case, the innermost element closed: compared in place, no string made.
        if (top && top.name.length === end - start && source.startsWith(top.name, start)) {
          close(stack.pop() as OpenElement, tagEnd);
          return;
        }
        const name = source.slice(start, end);
        let at = stack.length - 1;
        while (at >= 0 && (stack[at] as OpenElement).name !== name) at--;
        if (at === -1) {
          report(diagnostic('xml/stray-end-tag', 'warning', `An end tag </${name}> closes no open element`, start - 2));
          interrupt();
          return;
        }
        while (stack.length - 1 > at) {
          const open = stack.pop() as OpenElement;
          report(diagnostic('xml/unclosed-element', 'warning', `<${open.name}> is not closed before </${name}>; closed there`, open.start));
          close(open, start - 2);
        }
        close(stack.pop() as OpenElement, tagEnd);
      },
      oncomment() {
        interrupt();
      },
      ondeclaration() {
        interrupt();
      },
      onend() {},
      onopentagend() {
        if (pending?.attributes && pending.attributes.length > MAX_XML_ATTRIBUTES) pending.attributes.length = MAX_XML_ATTRIBUTES;
        if (pending) stack.push(pending);
        pending = null;
      },
      onopentagname(start, end) {
        if (stack.length >= MAX_XML_DEPTH || tooDeep > 0) {
          if (tooDeep === 0)
            report(
              diagnostic(
                'xml/nesting-too-deep',
                'warning',
                `Elements nest deeper than ${MAX_XML_DEPTH}; the deeper ones are not read`,
                start - 1,
              ),
            );
          tooDeep++;
          pending = null;
          return;
        }
        const name = source.slice(start, end);
        let localName = localNames.get(name);
        if (localName === undefined) {
          localName = localNameOf(name);
          if (localNames.size < 10_000) localNames.set(name, localName);
        }
        pending = {
          name,
          localName,
          attributes: null,
          children: [],
          parts: [],
          start: start - 1,
          textStart: -1,
          textEnd: -1,
          textRunEnd: -1,
          interrupted: false,
          mixed: false,
        };
      },
      onprocessinginstruction() {
        interrupt();
      },
      onselfclosingtag(end) {
        if (pending) {
          const open = pending;
          pending = null;
          if (open.attributes && open.attributes.length > MAX_XML_ATTRIBUTES) open.attributes.length = MAX_XML_ATTRIBUTES;
          close(open, end + 1);
        } else if (tooDeep > 0) tooDeep--;
      },
      ontext(start, end) {
        addText(start, end);
      },
      ontextentity(codepoint, end) {
        const top = stack[stack.length - 1];
        if (!top || tooDeep > 0) return;
        const character = String.fromCodePoint(codepoint);
        // An entity for white space (`&#10;`) is white space: trimmed at the ends like the rest.
        // The entity ends at `end`; its `&` is the last one before it.
        const amp = source.lastIndexOf('&', end - 1);
        if (top.textStart !== -1 && amp !== top.textRunEnd) top.mixed = true;
        if (isXmlSpace(codepoint)) {
          if (top.textStart !== -1) {
            top.parts.push(character);
            top.textRunEnd = end;
          }
          return;
        }
        top.parts.push(character);
        if (top.interrupted) top.mixed = true;
        if (top.textStart === -1) top.textStart = amp;
        top.textEnd = end;
        top.textRunEnd = end;
      },
    },
  );
  tokenizer.write(source);
  tokenizer.end();
  while (stack.length > 0) {
    const open = stack.pop() as OpenElement;
    report(diagnostic('xml/unclosed-element', 'warning', `<${open.name}> is never closed`, open.start));
    close(open, source.length);
  }
  if (unlisted > 0) diagnostics.push(diagnostic('xml/too-many-problems', 'warning', `${unlisted} more problems not listed`, source.length));
  return { kind: 'xml', source, root, diagnostics };
}
