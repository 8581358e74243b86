/**
 * htmlparser2's `Parser` with a bound on how deep elements nest.
 *
 * Its stack of open elements takes `unshift`/`shift` for every open and close and an `indexOf` for every end
 * tag, so each costs time in proportion to the depth: `<table><tr><td>` × 32,000 took seconds, and end tags
 * that match nothing cost a scan of the whole stack each. Real filings nest a few dozen elements deep. Past
 * `MAX_OPEN_ELEMENTS`, the innermost element is closed (an implied close, as HTML does for a `<p>` opened in a
 * `<p>`) before another opens, so the depth, and every operation on the stack, stays bounded; the text is kept.
 */
import { type Handler, Parser, type ParserOptions } from 'htmlparser2';

/** Deeper than any real filing (the corpus peaks at 28) and small enough that a scan of it is cheap. */
export const MAX_OPEN_ELEMENTS = 256;

// Elements whose open and close htmlparser2 also records in its foreign-content stack (SVG and MathML).
const FOREIGN_CONTEXT = new Set(['math', 'svg', 'mi', 'mo', 'mn', 'ms', 'mtext', 'annotation-xml', 'foreignobject', 'desc', 'title']);

/** The parts of the parser's state that the bound reads (private in its types, public at run time). */
interface ParserInternals {
  readonly stack: string[];
  readonly foreignContext: boolean[];
  readonly cbs: Partial<Handler>;
  getSlice(start: number, end: number): string;
}

export class BoundedParser extends Parser {
  /** How many elements were closed early because the nesting passed the bound. */
  closedEarly = 0;
  /** Offset of the first element opened past the bound, or -1. */
  firstTooDeep = -1;

  constructor(cbs?: Partial<Handler> | null, options?: ParserOptions) {
    super(cbs, options);
  }

  override onopentagname(start: number, endIndex: number): void {
    const internals = this as unknown as ParserInternals;
    if (internals.stack.length >= MAX_OPEN_ELEMENTS && !this.isVoidElement(internals.getSlice(start, endIndex).toLowerCase())) {
      const innermost = internals.stack.shift() as string;
      if (FOREIGN_CONTEXT.has(innermost) && internals.foreignContext.length > 1) internals.foreignContext.shift();
      if (this.firstTooDeep === -1) this.firstTooDeep = start;
      this.closedEarly++;
      internals.cbs.onclosetag?.(innermost, true);
    }
    super.onopentagname(start, endIndex);
    // Self-closed `<svg/>` leaves its entry on the foreign-content stack; keep that stack bounded too (its
    // bottom entry says whether the document itself is HTML).
    const foreign = internals.foreignContext;
    if (foreign.length > MAX_OPEN_ELEMENTS + 1) {
      const root = foreign[foreign.length - 1] as boolean;
      foreign.length = MAX_OPEN_ELEMENTS;
      foreign.push(root);
    }
  }
}
