import { RULES, type RuleCode } from './rules.js';

/** One broken rule, at a place of the validated file. */
export interface Finding {
  readonly code: RuleCode;
  /** `error`: EDGAR would suspend the submission; `warning`: EDGAR accepts it, but the rule asks otherwise. */
  readonly severity: 'error' | 'warning';
  /** What to change. */
  readonly message: string;
  /** The document's `<SEQUENCE>` (its position when it has none); null for the submission as a whole. */
  readonly document: number | null;
  readonly filename: string | null;
  /** 1-based line and column in the validated file; null when the finding is about the whole file. */
  readonly line: number | null;
  readonly column: number | null;
  /** Further occurrences of the same rule in the same document that are not listed one by one. */
  readonly more?: number;
}

/** Where a finding is raised: the document and a byte offset in the file. */
export interface FindingPlace {
  readonly document: number | null;
  readonly filename: string | null;
  readonly offset: number | null;
}

/** Offsets to lines and columns, computed once per file and only when a finding needs them. */
export class LineIndex {
  private starts: Uint32Array | null = null;
  constructor(private readonly bytes: Uint8Array) {}

  locate(offset: number): { line: number; column: number } {
    if (this.starts === null) {
      let count = 1;
      for (let at = this.bytes.indexOf(0x0a); at !== -1; at = this.bytes.indexOf(0x0a, at + 1)) count++;
      const starts = new Uint32Array(count);
      let i = 1;
      for (let at = this.bytes.indexOf(0x0a); at !== -1; at = this.bytes.indexOf(0x0a, at + 1)) starts[i++] = at + 1;
      this.starts = starts;
    }
    const starts = this.starts;
    let low = 0;
    let high = starts.length - 1;
    while (low < high) {
      const middle = (low + high + 1) >> 1;
      if ((starts[middle] as number) <= offset) low = middle;
      else high = middle - 1;
    }
    return { line: low + 1, column: offset - (starts[low] as number) + 1 };
  }
}

/** How many findings of one rule one document lists before it only counts them. */
export const LISTED_PER_RULE = 10;

/** Collects findings, listing at most `LISTED_PER_RULE` of a rule per document and counting the rest. */
export class FindingCollector {
  readonly findings: Finding[] = [];
  private readonly listed = new Map<string, Finding[]>();
  constructor(private readonly lines: LineIndex) {}

  add(code: RuleCode, message: string, place: FindingPlace): void {
    const key = `${place.document ?? '-'}\u0000${code}`;
    const same = this.listed.get(key) ?? [];
    if (same.length >= LISTED_PER_RULE) {
      const last = same[same.length - 1] as Finding & { more?: number };
      const index = this.findings.lastIndexOf(last);
      const updated = { ...last, more: (last.more ?? 0) + 1 };
      this.findings[index] = updated;
      same[same.length - 1] = updated;
      return;
    }
    const at = place.offset === null ? null : this.lines.locate(place.offset);
    const finding: Finding = {
      code,
      severity: RULES[code].severity,
      message,
      document: place.document,
      filename: place.filename,
      line: at?.line ?? null,
      column: at?.column ?? null,
    };
    same.push(finding);
    this.listed.set(key, same);
    this.findings.push(finding);
  }
}

/** `file:line:column: error ascii/invalid-character: message` (and the count of unlisted occurrences). */
export function formatFinding(source: string, finding: Finding): string {
  const place = finding.line === null ? source : `${source}:${finding.line}:${finding.column}`;
  const document = finding.document === null ? '' : ` [document ${finding.document}${finding.filename ? ` ${finding.filename}` : ''}]`;
  const more = finding.more ? ` (and ${finding.more} more like it in this document)` : '';
  return `${place}: ${finding.severity} ${finding.code}: ${finding.message}${more}${document}`;
}
