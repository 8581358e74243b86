import { textMark } from '../core/check-marks.js';
import type { Diagnostic } from '../core/diagnostic.js';
import { diagnostic } from '../core/diagnostic.js';
import type { DocumentLine } from './document-lines.js';
import { lineSpan } from './document-lines.js';
import type { Field, FieldSpan } from './field.js';

/**
 * The check-box questions of the 6-K cover, read from the form's own wording (matched loosely: `101(b)(l)` with a
 * letter l, `101 (b)( 1)`, `12-g-3-2(b)`, a question broken over lines) and the answer region after it: the rest
 * of its line, then the lines up to the next question — check-box devices, dotted leaders with the mark inside
 * (`Form 20-F ....X....`), blanks (`___`, `_X_`), bracket boxes, glyphs, a lone `X` — read through the
 * check-mark vocabulary. A question the cover does not ask, or asks without a readable answer, gives null and a
 * diagnostic that names the field.
 */

/** "…annual reports under cover (of) Form 20-F or Form 40-F." */
const ANNUAL_QUESTION = /annual\s+reports?\s+under\s+cover\s+(?:of\s+)?(?:form\s*)?20-?\s*F\s+or\s+(?:form\s*)?40-?\s*F\s*[.:]?/i;
// Each optional mark takes the blanks after it, so no two blank runs stand side by side (quadratic on long runs).
export const RULE_12G32B = /12\s*(?:-\s*)?g\s*(?:-\s*)?(?:\(\s*)?3\s*(?:\)\s*)?(?:[-–—‐]\s*)?[23]\s*\(\s*b\s*\)/i;
export const RULE_101B1 = /101\s*\(\s*b\s*\)\s*\(\s*[1lI]\s*\)/;
export const RULE_101B7 = /101\s*\(\s*b\s*\)\s*\(\s*7\s*\)/;
const ANY_QUESTION = /indicate\s+by\s+check\s*mark|annual\s+reports?\s+under\s+cover/i;
const STOP = /^(?:if\s+["“”']*yes|note\s*:|\(?if\s+["“”']*yes)/i;
const REGION_LINES = 5;

type Kind = '20-F' | '40-F' | 'yes' | 'no';

interface Token {
  readonly kind: Kind | 'mark';
  readonly marked: boolean;
  readonly weak: boolean;
  readonly line: DocumentLine;
  /** Where in the line's text the token is (-1 when the line is a check-box device). */
  readonly index: number;
  readonly length: number;
  /** The span of a device option's mark or label, when the line is a check-box device. */
  readonly span: { start: number; end: number } | null;
}

export interface QuestionAnswer<T> {
  readonly field: Field<T | null>;
  /** Index of the question's line (-1 when the cover does not ask it). */
  readonly line: number;
}

interface Question {
  readonly name: string;
  readonly wording: RegExp;
  readonly what: string;
}

function kindOf(label: string): Kind | null {
  const text = label.trim();
  if (/\b20-?\s*F\b/i.test(text) && !/40-?\s*F/i.test(text)) return '20-F';
  if (/\b40-?\s*F\b/i.test(text) && !/20-?\s*F/i.test(text)) return '40-F';
  if (/^yes\b[.:]?/i.test(text) && text.length <= 8) return 'yes';
  if (/^no\b[.:]?/i.test(text) && text.length <= 8) return 'no';
  return null;
}

const LABEL_WORD = /(?:form\s*)?(20|40)-?\s*F\b\.*|\b(yes|no)\b\.?:?/giy;

/** Tokens of a text line from `from`: labels (Form 20-F, Form 40-F, Yes, No) and marks; other words are passed over. */
function textTokens(line: DocumentLine, from: number, out: Token[]): void {
  const text = line.text;
  let at = from;
  while (at < text.length) {
    while (at < text.length && /\s/.test(text[at] as string)) at++;
    if (at >= text.length) break;
    LABEL_WORD.lastIndex = at;
    const label = LABEL_WORD.exec(text);
    if (label) {
      const kind: Kind =
        label[1] === '20' ? '20-F' : label[1] === '40' ? '40-F' : (label[2] as string).toLowerCase() === 'yes' ? 'yes' : 'no';
      // A label's trailing dots are a leader: leave them to be read as the answer's place.
      const body = label[0].replace(/\.{2,}$/, '');
      out.push({ kind, marked: false, weak: false, line, index: at, length: body.length, span: null });
      at += body.length;
      continue;
    }
    let end = at;
    // A leader may hold spaces: ". . . X . . ."
    if (text[at] === '.') {
      while (end < text.length && /[.\sxX✓√]/.test(text[end] as string) && !/^\s(?:form|yes|no|20|40)/i.test(text.slice(end, end + 6)))
        end++;
      while (end > at && /\s/.test(text[end - 1] as string)) end--;
    } else {
      while (end < text.length && !/\s/.test(text[end] as string)) end++;
    }
    const word = text.slice(at, end).replace(/\s+/g, '');
    const mark = textMark(word) ?? (word.length > 1 ? textMark(word.replace(/^[:;,]+|[:;,.]$/g, '')) : null);
    if (mark) out.push({ kind: 'mark', marked: mark.marked, weak: mark.weak, line, index: at, length: end - at, span: null });
    at = end;
  }
}

/** Tokens of one line of the answer region. */
function lineTokens(line: DocumentLine, from: number, question: Question, out: Token[]): void {
  if (line.choice) {
    for (const option of line.choice.options) {
      const kind = kindOf(option.label);
      if (kind === null && !question.wording.test(option.label) && !/^rule\b|^\W*$/i.test(option.label)) {
        // A label we do not know (a question's end, "Form 6-K"): its box still answers a one-box question.
      }
      if (kind !== null) out.push({ kind, marked: false, weak: false, line, index: -1, length: 0, span: option.span });
      out.push({ kind: 'mark', marked: option.marked, weak: false, line, index: -1, length: 0, span: option.markSpan ?? option.span });
    }
    return;
  }
  textTokens(line, from, out);
}

/** The lines of the answer region: the question's line from the end of its wording, and the lines after it. */
function regionTokens(lines: readonly DocumentLine[], at: number, end: number, question: Question, others: readonly RegExp[]): Token[] {
  const tokens: Token[] = [];
  const first = lines[at] as DocumentLine;
  lineTokens(first, end, question, tokens);
  for (let i = at + 1; i < Math.min(lines.length, at + REGION_LINES); i++) {
    const line = lines[i] as DocumentLine;
    if (line.page !== first.page && tokens.some((token) => token.kind === 'mark')) break;
    if (STOP.test(line.text) || ANY_QUESTION.test(line.text) || others.some((other) => other.test(line.text))) break;
    if (!line.choice && line.text.length > 200) break;
    lineTokens(line, 0, question, tokens);
  }
  return tokens;
}

function tokenSpan(token: Token, document: number): FieldSpan {
  if (token.span) return { document, page: token.line.page, start: token.span.start, end: token.span.end };
  return lineSpan(token.line, document, { index: token.index, length: token.length });
}

/**
 * Pairs labels with their marks: marks stand after their labels unless the region opens with a mark
 * (`☐ Yes ☒ No`). A label takes the mark right beside it on that side; a label with no mark beside it is unmarked.
 */
function pair(tokens: readonly Token[]): Map<Kind, Token | null> {
  const labels = tokens.filter((token) => token.kind !== 'mark');
  const result = new Map<Kind, Token | null>();
  if (labels.length === 0) return result;
  const firstLabel = tokens.indexOf(labels[0] as Token);
  const before = firstLabel > 0 && tokens[firstLabel - 1]?.kind === 'mark' && tokens.at(-1)?.kind !== 'mark';
  tokens.forEach((token, index) => {
    if (token.kind === 'mark') return;
    const beside = tokens[before ? index - 1 : index + 1];
    const kind = token.kind;
    if (!result.has(kind)) result.set(kind, beside?.kind === 'mark' ? beside : null);
  });
  return result;
}

const QUESTIONS = {
  annual: { name: 'annualReportForm', wording: ANNUAL_QUESTION, what: 'Form 20-F or Form 40-F' },
  rule12g32b: { name: 'furnishesUnderRule12g32b', wording: RULE_12G32B, what: 'Rule 12g3-2(b)' },
  rule101b1: { name: 'paperUnderRule101b1', wording: RULE_101B1, what: 'Rule 101(b)(1)' },
  rule101b7: { name: 'paperUnderRule101b7', wording: RULE_101B7, what: 'Rule 101(b)(7)' },
} as const satisfies Record<string, Question>;

/** Where the question is asked: its line and the end of its wording on it. */
function findQuestion(lines: readonly DocumentLine[], question: Question): { at: number; end: number } | null {
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] as DocumentLine;
    if (line.choice) {
      if (line.choice.options.some((option) => question.wording.test(option.label))) return { at: i, end: 0 };
      continue;
    }
    const match = question.wording.exec(line.text);
    if (match) return { at: i, end: match.index + match[0].length };
    // The wording broken over two lines ("…Regulation S-T" / "Rule 101(b)(1):").
    const next = lines[i + 1];
    if (next && !next.choice && line.text.length + next.text.length < 600) {
      const joined = question.wording.exec(`${line.text} ${next.text}`);
      if (joined && joined.index < line.text.length && joined.index + joined[0].length > line.text.length)
        return { at: i + 1, end: joined.index + joined[0].length - line.text.length - 1 };
    }
  }
  return null;
}

function none<T>(question: Question, code: string, message: string, offset: number, diagnostics: Diagnostic[]): Field<T | null> {
  diagnostics.push(diagnostic(code, code === 'f6k/question-not-found' ? 'info' : 'warning', `${question.name}: ${message}`, offset));
  return { value: null, span: null };
}

/** "Form 20-F [X]  Form 40-F [ ]": which annual report form the registrant files. */
export function readAnnualReportForm(
  lines: readonly DocumentLine[],
  document: number,
  diagnostics: Diagnostic[],
): QuestionAnswer<'20-F' | '40-F'> {
  const question = QUESTIONS.annual;
  let found = findQuestion(lines, question);
  // Covers that leave the question out but print the boxes: the first line that offers both forms.
  if (found === null) {
    const at = lines.findIndex((line) => {
      const kinds = new Set<Kind | 'mark'>();
      const tokens: Token[] = [];
      lineTokens(line, 0, question, tokens);
      for (const token of tokens) kinds.add(token.kind);
      return kinds.has('20-F') && kinds.has('40-F') && kinds.has('mark');
    });
    if (at !== -1) found = { at, end: 0 };
  }
  if (found === null)
    return {
      field: none(question, 'f6k/question-not-found', 'the cover does not ask for Form 20-F or Form 40-F', 0, diagnostics),
      line: -1,
    };
  const line = lines[found.at] as DocumentLine;
  const tokens = regionTokens(lines, found.at, found.end, question, [RULE_101B1, RULE_101B7, RULE_12G32B]);
  const pairs = pair(tokens);
  const twenty = pairs.get('20-F');
  const forty = pairs.get('40-F');
  if (twenty === undefined && forty === undefined)
    return {
      field: none(
        question,
        'f6k/no-answer-blank',
        'the question is asked but no Form 20-F / Form 40-F boxes follow it',
        line.start,
        diagnostics,
      ),
      line: found.at,
    };
  const markedTwenty = twenty?.marked === true;
  const markedForty = forty?.marked === true;
  if (markedTwenty === markedForty) {
    const code = markedTwenty ? 'f6k/conflicting-marks' : 'f6k/annual-report-form-unmarked';
    const message = markedTwenty ? 'both Form 20-F and Form 40-F are marked' : 'neither Form 20-F nor Form 40-F is marked';
    return { field: none(question, code, message, line.start, diagnostics), line: found.at };
  }
  const kind: Kind = markedTwenty ? '20-F' : '40-F';
  const mark = (markedTwenty ? twenty : forty) as Token;
  // The span covers the label and its mark ("Form 20-F [X]") when both are on one line.
  const label = tokens.find((token) => token.kind === kind && token.line === mark.line);
  const span = tokenSpan(mark, document);
  if (label) {
    const labelSpan = tokenSpan(label, document);
    return {
      field: { value: kind, span: { ...span, start: Math.min(span.start, labelSpan.start), end: Math.max(span.end, labelSpan.end) } },
      line: found.at,
    };
  }
  return { field: { value: kind, span }, line: found.at };
}

/** A Yes/No question (Rule 12g3-2(b)) or a one-box question (Rule 101(b)(1), 101(b)(7): an empty box is "no"). */
export function readYesNoQuestion(
  lines: readonly DocumentLine[],
  which: 'rule12g32b' | 'rule101b1' | 'rule101b7',
  document: number,
  diagnostics: Diagnostic[],
): QuestionAnswer<boolean> {
  const question = QUESTIONS[which];
  const found = findQuestion(lines, question);
  if (found === null)
    return {
      field: none(question, 'f6k/question-not-found', `the cover does not ask the ${question.what} question`, 0, diagnostics),
      line: -1,
    };
  const line = lines[found.at] as DocumentLine;
  const others = [RULE_101B1, RULE_101B7, RULE_12G32B].filter((rule) => rule !== question.wording);
  const tokens = regionTokens(lines, found.at, found.end, question, others);
  const pairs = pair(tokens);
  const yes = pairs.get('yes');
  const no = pairs.get('no');
  if (yes !== undefined || no !== undefined) {
    const markedYes = yes?.marked === true;
    const markedNo = no?.marked === true;
    if (markedYes !== markedNo) {
      const mark = (markedYes ? yes : no) as Token;
      return { field: { value: markedYes, span: tokenSpan(mark, document) }, line: found.at };
    }
    const code = markedYes ? 'f6k/conflicting-marks' : 'f6k/no-answer-blank';
    return {
      field: none(question, code, markedYes ? 'both Yes and No are marked' : 'neither Yes nor No is marked', line.start, diagnostics),
      line: found.at,
    };
  }
  if (which !== 'rule12g32b') {
    const box = tokens.find((token) => token.kind === 'mark');
    if (box) return { field: { value: box.marked, span: tokenSpan(box, document) }, line: found.at };
    // "Indicate by check mark if …" with nothing after it (an empty <u></u>): a check-if question left unchecked.
    diagnostics.push(
      diagnostic('f6k/unchecked-without-box', 'info', `${question.name}: no box follows the question; read as not checked`, line.start),
    );
    return { field: { value: false, span: lineSpan(line, document) }, line: found.at };
  }
  return {
    field: none(
      question,
      'f6k/no-answer-blank',
      'the question is asked but the cover gives no box or mark for it',
      line.start,
      diagnostics,
    ),
    line: found.at,
  };
}
