import type { DocumentModel } from '../model/document.js';
import { findDate } from './dates.js';
import { type DocumentLine, documentLines, lineSpan, textBeforeLabel } from './document-lines.js';
import type { Field } from './field.js';

/** What any form's cover says about who files and for when. */
export interface CoverBasics {
  /** The name above "(Exact name of registrant as specified in its charter)". */
  readonly registrant: Field<string | null>;
  /**
   * YYYY-MM-DD: "Date of report (Date of earliest event reported)", "For the fiscal year ended …", "For the
   * quarterly period ended …", or the date above "(Date of Event Which Requires Filing of this Statement)".
   */
  readonly periodOfReport: Field<string | null>;
}

const NAME_LABEL = /^\(?\s*(?:exact\s+)?name\s+of\s+(?:the\s+)?(?:registrant|issuing\s+entity|depositor)\b/i;
const PERIOD_LABEL =
  /date\s+of\s+report|for\s+the\s+(?:fiscal\s+year|quarterly\s+period|period|transition\s+period)\s+ended|date\s+of\s+event\s+which\s+requires/i;
const COVER_LINES = 80;
const INLINE_NAME_LABEL = /\((?:exact\s+)?name\s+of/gi;

/** The registrant and period of a form's cover (its first two pages, first lines). */
export function readCoverBasics(model: DocumentModel, document: number): CoverBasics {
  const lines = documentLines(model, model.pages.slice(0, 2), { limit: COVER_LINES });
  return { registrant: readName(lines, document), periodOfReport: readPeriod(lines, document) };
}

function readName(lines: readonly DocumentLine[], document: number): Field<string | null> {
  const index = lines.findIndex((line) => NAME_LABEL.test(line.text));
  if (index === -1) return { value: null, span: null };
  const inline = textBeforeLabel((lines[index] as DocumentLine).text, INLINE_NAME_LABEL);
  if (inline !== null && /[A-Za-z]/.test(inline))
    return { value: inline.trim(), span: lineSpan(lines[index] as DocumentLine, document, { index: 0, length: inline.length }) };
  for (let i = index - 1; i >= Math.max(0, index - 3); i--) {
    const line = lines[i] as DocumentLine;
    if (/^[-=_\s]+$/.test(line.text)) continue;
    if (/^\(.*\)$/.test(line.text) || line.choice || line.text.length > 120) break;
    return { value: line.text.replace(/\s+/g, ' ').trim(), span: lineSpan(line, document) };
  }
  return { value: null, span: null };
}

function readPeriod(lines: readonly DocumentLine[], document: number): Field<string | null> {
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] as DocumentLine;
    const label = PERIOD_LABEL.exec(line.text);
    if (!label) continue;
    // On the label's line ("Date of report …: March 8, 2024"), else the line below, else (a label under its value) above.
    const after = line.text.slice(label.index + label[0].length);
    const same = findDate(after);
    if (same) return { value: same.iso, span: lineSpan(line, document) };
    for (const neighbour of [lines[i + 1], lines[i - 1]]) {
      if (!neighbour || neighbour.text.length > 40) continue;
      const found = findDate(neighbour.text);
      if (found) return { value: found.iso, span: lineSpan(neighbour, document) };
    }
    return { value: null, span: null };
  }
  return { value: null, span: null };
}
