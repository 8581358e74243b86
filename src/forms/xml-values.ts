import { type Diagnostic, diagnostic } from '../core/diagnostic.js';
import type { XmlElement } from '../model/xml.js';
import type { Field, FieldSpan } from './field.js';

/**
 * Typed values from EDGAR XML elements, each with the span of the text it was read from. A value that is there
 * but cannot be read is null with a diagnostic that names the element and what it holds; a value that is absent
 * is null without one (the form does not say).
 */
export class XmlValues {
  readonly diagnostics: Diagnostic[] = [];

  constructor(
    readonly document: number,
    readonly prefix: string,
  ) {}

  span(element: XmlElement): FieldSpan | null {
    return element.textSpan ? { document: this.document, page: 1, start: element.textSpan.start, end: element.textSpan.end } : null;
  }

  text(element: XmlElement | null): Field<string | null> {
    if (!element || element.text === '') return { value: null, span: null };
    return { value: element.text, span: this.span(element) };
  }

  /** A decimal number as the schemas write it (`1500`, `66.903`, `-2.5`); thousands separators are tolerated. */
  number(element: XmlElement | null, field?: string): Field<number | null> {
    if (!element || element.text === '') return { value: null, span: null };
    const text = element.text.replace(/,/g, '');
    if (!/^[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?$/.test(text)) return this.unreadable(element, 'a number', field);
    const value = Number(text);
    if (!Number.isFinite(value) || (Number.isInteger(value) && !Number.isSafeInteger(value)))
      return this.unreadable(element, 'a number JavaScript holds exactly', field);
    return { value, span: this.span(element) };
  }

  /** `YYYY-MM-DD` (a time-zone suffix, which the schema's `xs:date` allows, is dropped). */
  date(element: XmlElement | null, field?: string): Field<string | null> {
    if (!element || element.text === '') return { value: null, span: null };
    const match = /^(\d{4}-\d{2}-\d{2})(?:Z|[-+]\d{2}:\d{2})?$/.exec(element.text);
    if (!match) return this.unreadable(element, 'a date YYYY-MM-DD', field);
    return { value: match[1] as string, span: this.span(element) };
  }

  /** `MM-DD-YYYY` (the 13F schemas' dates) as `YYYY-MM-DD`. */
  usDate(element: XmlElement | null, field?: string): Field<string | null> {
    if (!element || element.text === '') return { value: null, span: null };
    const match = /^(\d{2})-(\d{2})-(\d{4})$/.exec(element.text);
    if (!match) return this.date(element, field);
    return { value: `${match[3]}-${match[1]}-${match[2]}`, span: this.span(element) };
  }

  /** `1`/`0`, `true`/`false` (both appear), `Y`/`N`. */
  boolean(element: XmlElement | null, field?: string): Field<boolean | null> {
    if (!element || element.text === '') return { value: null, span: null };
    const text = element.text.toLowerCase();
    if (text === '1' || text === 'true' || text === 'y') return { value: true, span: this.span(element) };
    if (text === '0' || text === 'false' || text === 'n') return { value: false, span: this.span(element) };
    return this.unreadable(element, 'a yes/no answer (1, 0, true or false)', field);
  }

  /** One of a few codes, compared without case. */
  code<T extends string>(element: XmlElement | null, codes: readonly T[], field?: string): Field<T | null> {
    if (!element || element.text === '') return { value: null, span: null };
    const found = codes.find((code) => code.toUpperCase() === element.text.toUpperCase());
    if (found === undefined) return this.unreadable(element, codes.map((code) => `"${code}"`).join(' or '), field);
    return { value: found, span: this.span(element) };
  }

  private unreadable(element: XmlElement, expected: string, field?: string): Field<null> {
    const shown = element.text.length > 60 ? `${element.text.slice(0, 60)}…` : element.text;
    this.diagnostics.push(
      diagnostic(
        `${this.prefix}/unreadable-value`,
        'warning',
        `${field ? `${field}: ` : ''}<${element.name}> holds "${shown}", not ${expected}; the value is left out`,
        element.textSpan?.start ?? element.span.start,
      ),
    );
    return { value: null, span: null };
  }
}
