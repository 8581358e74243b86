/**
 * XBRL facts of one document, in one linear pass of htmlparser2 (XML mode, nesting bounded): the `ix:` facts of an
 * inline XBRL document with the contexts and units of its `ix:resources`, or the facts of an XBRL instance
 * document (the children of `xbrli:xbrl` that name a context). Elements are told apart by the namespace their
 * prefix is bound to (`xmlns:ix="http://www.xbrl.org/2013/inlineXBRL"`), with the usual prefixes assumed where a
 * document never binds them.
 */
import { type Diagnostic, diagnostic } from '../../core/diagnostic.js';
import type { XbrlContext, XbrlFact, XbrlFacts, XbrlPeriod, XbrlUnit } from '../../model/xbrl-fact.js';
import { BoundedParser } from '../html/bounded-parser.js';
import { SkimmingTokenizer } from '../html/skimming-tokenizer.js';
import { applyTransformation, collapse, plainDecimal, shiftDecimal, type Transformed } from './inline-transforms.js';

const INLINE = new Set(['http://www.xbrl.org/2013/inlineXBRL', 'http://www.xbrl.org/2008/inlineXBRL']);
const INSTANCE = 'http://www.xbrl.org/2003/instance';
const DIMENSIONS = 'http://xbrl.org/2006/xbrldi';
const SCHEMA_INSTANCE = 'http://www.w3.org/2001/XMLSchema-instance';
const ASSUMED: Readonly<Record<string, string>> = {
  ix: 'http://www.xbrl.org/2013/inlineXBRL',
  xbrli: INSTANCE,
  xbrldi: DIMENSIONS,
  xsi: SCHEMA_INSTANCE,
};

/** A fact's text beyond this is not kept (a whole financial statement note is a few hundred KB). */
export const MAX_FACT_TEXT = 4_000_000;
/** Facts nested deeper than this inside one another are not read (real documents nest two or three). */
const MAX_OPEN_FACTS = 16;
/** `scale` beyond ± this is not applied: no real amount is 10^100 of its unit. */
const MAX_SCALE = 100;

export interface ReadXbrlOptions {
  /** The document's `<SEQUENCE>` (or 1-based position), for spans. */
  readonly document?: number;
}

interface TextCollector {
  readonly parts: string[];
  length: number;
  truncated: boolean;
}

interface OpenFact extends TextCollector {
  readonly element: string;
  readonly attributes: Readonly<Record<string, string>>;
  readonly kind: 'numeric' | 'nonNumeric';
  readonly source: 'inline' | 'instance';
  readonly openedAt: number;
  contentStart: number;
  contentEnd: number;
  /** Depth of the open-element stack at which it opened (to find its close). */
  readonly depth: number;
}

interface Continuation extends TextCollector {
  readonly id: string;
  readonly continuedAt: string | null;
  readonly depth: number;
}

const newCollector = (): TextCollector => ({ parts: [], length: 0, truncated: false });

function append(collector: TextCollector, text: string): void {
  if (collector.truncated) return;
  if (collector.length + text.length > MAX_FACT_TEXT) {
    collector.truncated = true;
    return;
  }
  collector.parts.push(text);
  collector.length += text.length;
}

/** Reads the XBRL facts of an inline XBRL (XHTML) document or of an XBRL instance document. */
export function readXbrlFacts(source: string, options: ReadXbrlOptions = {}): XbrlFacts {
  const documentNumber = options.document ?? 1;
  const namespaces = new Map<string, string>();
  const diagnostics: Diagnostic[] = [];
  const contexts: XbrlContext[] = [];
  const units: XbrlUnit[] = [];
  const open: { name: string; namespace: string | undefined; local: string }[] = [];
  const facts: OpenFact[] = [];
  const openFacts: OpenFact[] = [];
  const continuations = new Map<string, Continuation>();
  let openContinuation: Continuation | null = null;
  let excludeDepth = 0;
  let instanceRoot = -1;
  let tooDeepFacts = 0;

  // Contexts and units, read as their elements open and close.
  let context: {
    id: string;
    entity: string | null;
    scheme: string | null;
    start: string | null;
    end: string | null;
    instant: string | null;
    forever: boolean;
    dimensions: Record<string, string>;
  } | null = null;
  let unit: { id: string; numerator: string[]; denominator: string[]; inDenominator: boolean } | null = null;
  let leaf: { collector: TextCollector; done: (text: string) => void; depth: number } | null = null;

  const namespaceOf = (name: string): { namespace: string | undefined; local: string } => {
    const colon = name.indexOf(':');
    const prefix = colon === -1 ? '' : name.slice(0, colon);
    return { namespace: namespaces.get(prefix) ?? ASSUMED[prefix], local: name.slice(colon + 1) };
  };

  const parser: BoundedParser = new BoundedParser(
    {
      onopentag(name, attributes) {
        for (const key in attributes) {
          if (!key.startsWith('xmlns')) continue;
          if (key === 'xmlns') namespaces.set('', attributes[key] as string);
          else if (key.startsWith('xmlns:')) namespaces.set(key.slice(6), attributes[key] as string);
        }
        const { namespace, local } = namespaceOf(name);
        const depth = open.length;
        open.push({ name, namespace, local });
        const contentStart = parser.endIndex + 1;
        if (namespace !== undefined && INLINE.has(namespace)) {
          if (local === 'nonFraction' || local === 'nonNumeric') {
            openFact(name, attributes, local === 'nonFraction' ? 'numeric' : 'nonNumeric', 'inline', contentStart, depth);
          } else if (local === 'exclude') {
            excludeDepth++;
          } else if (local === 'continuation' && attributes.id) {
            openContinuation = { ...newCollector(), id: attributes.id, continuedAt: attributes.continuedAt ?? null, depth };
            continuations.set(attributes.id, openContinuation);
          } else if (local === 'fraction') {
            diagnostics.push(
              diagnostic(
                'xbrl/fraction-not-read',
                'warning',
                `${attributes.name ?? 'A fact'}: ix:fraction facts are not read`,
                parser.startIndex,
              ),
            );
          }
          return;
        }
        if (namespace === INSTANCE) {
          if (local === 'xbrl' && depth === 0) instanceRoot = depth;
          else if (local === 'context') {
            context = {
              id: attributes.id ?? '',
              entity: null,
              scheme: null,
              start: null,
              end: null,
              instant: null,
              forever: false,
              dimensions: {},
            };
          } else if (context && local === 'identifier') {
            const current = context;
            current.scheme = attributes.scheme ?? null;
            readLeaf(depth, (text) => {
              current.entity = collapse(text);
            });
          } else if (context && (local === 'startDate' || local === 'endDate' || local === 'instant')) {
            const current = context;
            readLeaf(depth, (text) => {
              const date = collapse(text);
              if (local === 'startDate') current.start = date;
              else if (local === 'endDate') current.end = date;
              else current.instant = date;
            });
          } else if (context && local === 'forever') context.forever = true;
          else if (local === 'unit') unit = { id: attributes.id ?? '', numerator: [], denominator: [], inDenominator: false };
          else if (unit && local === 'unitDenominator') unit.inDenominator = true;
          else if (unit && local === 'measure') {
            const current = unit;
            readLeaf(depth, (text) => {
              (current.inDenominator ? current.denominator : current.numerator).push(collapse(text));
            });
          }
          return;
        }
        if (namespace === DIMENSIONS && context && (local === 'explicitMember' || local === 'typedMember')) {
          const current = context;
          const axis = attributes.dimension ?? '';
          readLeaf(depth, (text) => {
            current.dimensions[axis] = collapse(text);
          });
          return;
        }
        // An instance fact: a child of the instance's root that names a context.
        if (instanceRoot === 0 && depth === 1 && attributes.contextRef !== undefined) {
          openFact(name, attributes, attributes.unitRef !== undefined ? 'numeric' : 'nonNumeric', 'instance', contentStart, depth);
        }
      },
      ontext(text) {
        if (leaf) append(leaf.collector, text);
        if (excludeDepth > 0) return;
        for (const fact of openFacts) append(fact, text);
        if (openContinuation) append(openContinuation, text);
      },
      onclosetag() {
        const closed = open.pop();
        if (!closed) return;
        const depth = open.length;
        const closeStart = parser.startIndex;
        if (leaf && leaf.depth === depth) {
          leaf.done(leaf.collector.parts.join(''));
          leaf = null;
        }
        const last = openFacts[openFacts.length - 1];
        if (last && last.depth === depth) {
          last.contentEnd = Math.max(last.contentStart, closeStart);
          openFacts.pop();
          return;
        }
        if (closed.namespace !== undefined && INLINE.has(closed.namespace)) {
          if (closed.local === 'exclude') excludeDepth = Math.max(0, excludeDepth - 1);
          else if (closed.local === 'continuation' && openContinuation?.depth === depth) openContinuation = null;
          return;
        }
        if (closed.namespace === INSTANCE) {
          if (closed.local === 'context' && context) {
            contexts.push({
              id: context.id,
              entity: context.entity,
              scheme: context.scheme,
              period: periodOf(context),
              dimensions: context.dimensions,
            });
            context = null;
          } else if (closed.local === 'unit' && unit) {
            units.push({ id: unit.id, numerator: unit.numerator, denominator: unit.denominator });
            unit = null;
          } else if (closed.local === 'unitDenominator' && unit) unit.inDenominator = false;
        }
      },
    },
    { xmlMode: true, decodeEntities: true, recognizeSelfClosing: true, Tokenizer: SkimmingTokenizer },
  );

  function readLeaf(depth: number, done: (text: string) => void): void {
    leaf = { collector: newCollector(), done, depth };
  }

  function openFact(
    element: string,
    attributes: Record<string, string>,
    kind: 'numeric' | 'nonNumeric',
    source: 'inline' | 'instance',
    contentStart: number,
    depth: number,
  ): void {
    if (openFacts.length >= MAX_OPEN_FACTS) {
      tooDeepFacts++;
      return;
    }
    const fact: OpenFact = {
      parts: [],
      length: 0,
      truncated: false,
      element,
      attributes,
      kind,
      source,
      openedAt: parser.startIndex,
      contentStart,
      contentEnd: contentStart,
      depth,
    };
    openFacts.push(fact);
    facts.push(fact);
  }

  parser.end(source);
  if (tooDeepFacts > 0) {
    diagnostics.push(
      diagnostic('xbrl/facts-nested-too-deep', 'warning', `${tooDeepFacts} facts nested deeper than ${MAX_OPEN_FACTS} were not read`, 0),
    );
  }
  const contextById = new Map(contexts.map((entry) => [entry.id, entry]));
  const unitById = new Map(units.map((entry) => [entry.id, entry]));
  const read = facts.map((fact) => finishFact(fact, documentNumber, contextById, unitById, continuations, diagnostics));
  return { facts: read, contexts, units, diagnostics };
}

function periodOf(context: { start: string | null; end: string | null; instant: string | null; forever: boolean }): XbrlPeriod | null {
  if (context.instant) return { type: 'instant', instant: context.instant };
  if (context.start && context.end) return { type: 'duration', start: context.start, end: context.end };
  if (context.forever) return { type: 'forever' };
  return null;
}

function unitText(unit: XbrlUnit): string {
  const numerator = unit.numerator.join('*');
  return unit.denominator.length > 0 ? `${numerator}/${unit.denominator.join('*')}` : numerator;
}

/** The text of a fact and of the continuations it names (`continuedAt`), each followed once. */
function textWithContinuations(fact: OpenFact, continuations: ReadonlyMap<string, Continuation>): { text: string; truncated: boolean } {
  let text = fact.parts.join('');
  let truncated = fact.truncated;
  const seen = new Set<string>();
  let next = fact.attributes.continuedAt ?? null;
  while (next !== null && !seen.has(next)) {
    seen.add(next);
    const continuation = continuations.get(next);
    if (!continuation) break;
    text += ` ${continuation.parts.join('')}`;
    truncated ||= continuation.truncated;
    next = continuation.continuedAt;
  }
  return { text, truncated };
}

function finishFact(
  fact: OpenFact,
  document: number,
  contexts: ReadonlyMap<string, XbrlContext>,
  units: ReadonlyMap<string, XbrlUnit>,
  continuations: ReadonlyMap<string, Continuation>,
  diagnostics: Diagnostic[],
): XbrlFact {
  const attributes = fact.attributes;
  const concept = fact.source === 'inline' ? (attributes.name ?? '') : fact.element;
  const contextRef = attributes.contextRef ?? '';
  const unitRef = attributes.unitRef ?? null;
  const nil = Object.entries(attributes).some(([key, value]) => key.endsWith(':nil') && value.trim() === 'true');
  const { text, truncated } = textWithContinuations(fact, continuations);
  const format = attributes.format ?? null;
  const scaleText = attributes.scale;
  const scale = scaleText === undefined || !/^-?\d+$/.test(scaleText.trim()) ? null : Number(scaleText);
  const context = contexts.get(contextRef) ?? null;
  const unit = unitRef === null ? null : (units.get(unitRef) ?? null);
  const problem = (code: string, message: string) => diagnostics.push(diagnostic(code, 'warning', `${concept}: ${message}`, fact.openedAt));
  if (!context) problem('xbrl/unknown-context', `its context ${contextRef || '(none)'} is not defined in the document`);
  if (unitRef !== null && !unit) problem('xbrl/unknown-unit', `its unit ${unitRef} is not defined in the document`);

  let value: string | null = null;
  if (truncated)
    problem('xbrl/fact-too-long', `its text is longer than ${MAX_FACT_TEXT.toLocaleString('en-US')} characters and was not read`);
  else if (!nil) {
    const transformed: Transformed =
      fact.kind === 'numeric'
        ? format
          ? applyTransformation(format, text)
          : plainDecimal(text)
        : format
          ? applyTransformation(format, text)
          : { ok: true, value: fact.source === 'inline' ? collapse(text) : text.trim() };
    if (!transformed.ok) problem('xbrl/unreadable-value', `no value: ${transformed.reason}`);
    else if (fact.kind === 'numeric') {
      if (scaleText !== undefined && (scale === null || Math.abs(scale) > MAX_SCALE)) {
        problem('xbrl/bad-scale', `no value: its scale "${scaleText}" is not an integer within ±${MAX_SCALE}`);
      } else {
        const scaled = shiftDecimal(transformed.value, scale ?? 0);
        value = attributes.sign === '-' && scaled !== '0' ? (scaled.startsWith('-') ? scaled.slice(1) : `-${scaled}`) : scaled;
      }
    } else value = transformed.value;
  }
  return {
    concept,
    id: attributes.id ?? null,
    kind: fact.kind,
    value,
    number: fact.kind === 'numeric' && value !== null ? Number(value) : null,
    text: fact.source === 'inline' ? collapse(text) : text.trim(),
    contextRef,
    context,
    unitRef,
    unit: unit ? unitText(unit) : null,
    decimals: attributes.decimals ?? null,
    scale,
    format,
    nil,
    span: fact.source === 'inline' ? { document, start: fact.contentStart, end: fact.contentEnd } : null,
    source: fact.source,
  };
}

const INLINE_NAMESPACE_TEXT = /http:\/\/www\.xbrl\.org\/20(?:13|08)\/inlineXBRL/;
/** Where a document declares what it is, in characters: namespaces are bound on the root element, near the top. */
export const XBRL_DECLARATIONS = 64 * 1024;

/** What a document is to XBRL, from its first bytes: an inline XBRL document, an instance, or neither. */
export function xbrlDocumentKind(text: string): 'inline' | 'instance' | null {
  const head = text.slice(0, XBRL_DECLARATIONS);
  if (INLINE_NAMESPACE_TEXT.test(head)) return 'inline';
  if (head.includes(INSTANCE) && /<(?:[\w.-]+:)?xbrl[\s>]/.test(head)) return 'instance';
  return null;
}
