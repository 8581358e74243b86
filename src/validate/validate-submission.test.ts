import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { projectRoot, readSeed, sharedRoot } from '../../test/shared-files.js';
import { type Finding, formatFinding, LISTED_PER_RULE } from './finding.js';
import { RULES } from './rules.js';
import { validateSubmission } from './validate-submission.js';

const invalid = join(projectRoot, 'testdata', 'malformed');

function place(finding: Finding): string {
  return `${finding.line}:${finding.column} ${finding.severity} ${finding.code} [${finding.document ?? '-'}]`;
}

describe('validate: a hand-made 6-K that breaks the rules', () => {
  const report = validateSubmission(readFileSync(join(invalid, 'broken-6k.txt')), { source: 'broken-6k.txt' });

  it('finds every broken rule at its line and column, in the order of the file', () => {
    expect(report.findings.map(place)).toEqual([
      '5:1 error sub/document-count [-]',
      '11:1 error sub/filename [1]',
      '14:12 error ascii/invalid-character [1]',
      '14:24 error ascii/invalid-character [1]',
      '15:81 warning ascii/line-too-long [1]',
      '16:1 warning ascii/unclosed-table [1]',
      '23:1 error sub/sequence [3]',
      '26:13 error html/active-content [3]',
      '27:1 error html/script [3]',
      '28:9 error html/external-reference [3]',
      '28:48 error html/missing-reference [3]',
      '29:7 warning html/external-link [3]',
      '30:1 error html/active-content [3]',
      '31:16 error html/external-reference [3]',
      '31:57 error html/invalid-character [3]',
      '32:1 warning html/tag-not-permitted [3]',
      '37:1 error sub/type-not-allowed [3]',
      '39:1 error sub/filename [3]',
      '49:1 warning uu/name-mismatch [4]',
      '51:1 error uu/missing-end [4]',
      '53:1 warning sub/pdf-only [5]',
    ]);
    expect(report.errors).toBe(15);
    expect(report.warnings).toBe(6);
  });

  it('says what to change', () => {
    const text = report.findings.map((finding) => formatFinding('broken-6k.txt', finding));
    expect(text).toContain(
      'broken-6k.txt:14:12: error ascii/invalid-character: Replace "\u2019" (U+2019): ASCII documents take printable ASCII only; write "\'" instead [document 1 form 6k.txt]',
    );
    expect(text).toContain(
      'broken-6k.txt:31:57: error html/invalid-character: Write "\u00e9" (U+00E9) as the character reference &#233; (or "e" instead): EDGAR\'s HTML documents take ASCII only [document 3 ex99-1.htm]',
    );
    expect(text).toContain(
      'broken-6k.txt:23:1: error sub/sequence: Document 2 has <SEQUENCE>3; documents are numbered 1, 2, 3, \u2026 in order, so this one is 2 [document 3 ex99-1.htm]',
    );
    expect(text).toContain(
      'broken-6k.txt:49:1: warning uu/name-mismatch: The begin line names "logo.gif" but <FILENAME> is logo.jpg; use the same name [document 4 logo.jpg]',
    );
    for (const finding of report.findings) expect(finding.severity).toBe(RULES[finding.code].severity);
  });
});

describe('validate: documents on their own and repeated problems', () => {
  it('passes the seed (a bare legacy ASCII 6-K) with no finding', () => {
    expect(validateSubmission(readSeed()).findings).toEqual([]);
  });

  it('checks a bare HTML document without asking for the submission around it', () => {
    const report = validateSubmission(new TextEncoder().encode('<html><body><p onclick="x()">A</p><img src="logo.jpg"></body></html>'));
    expect(report.findings.map((finding) => finding.code)).toEqual(['html/active-content']);
  });

  it('reads attribute values as a browser does: every character reference decoded, so a hidden javascript: URL is caught', () => {
    const codes = (html: string) =>
      validateSubmission(new TextEncoder().encode(`<html><body>${html}</body></html>`)).findings.map((finding) => finding.code);
    expect(codes('<a href="java&#x73;cript&colon;alert(1)">A</a>')).toEqual(['html/script']);
    expect(codes('<a href="javascript&Tab;:alert(1)">A</a>')).toEqual(['html/script']);
    expect(codes("<a HREF='&#106;avascript:alert(1)'>A</a>")).toEqual(['html/script']);
    expect(codes('<p STYLE="background: url(&quot;http://example.com/x.png&quot;)">A</p>')).toEqual(['html/external-reference']);
    expect(codes('<a href="#top">A</a><!-- <script>x()</script> -->')).toEqual([]);
  });

  it('lists a rule at most ten times per document and counts the rest', () => {
    const text = `${'caf\u00e9\n'.repeat(25)}`;
    const report = validateSubmission(new TextEncoder().encode(text));
    expect(report.findings).toHaveLength(LISTED_PER_RULE);
    expect(report.findings.at(-1)?.more).toBe(15);
    expect(report.errors).toBe(25);
  });

  it('accepts what EDGAR itself adds when it disseminates, and unofficial PDF copies of the primary document', () => {
    const submission = [
      '<SEC-DOCUMENT>0000000000-09-000001.txt : 20091112',
      '<SEC-HEADER>0000000000-09-000001.hdr.sgml : 20091112',
      'CONFORMED SUBMISSION TYPE:\t6-K',
      'PUBLIC DOCUMENT COUNT:\t\t3',
      '</SEC-HEADER>',
      '<DOCUMENT>\n<TYPE>6-K\n<SEQUENCE>1\n<FILENAME>f6k.htm\n<TEXT>\n<html><body><p>Report</p></body></html>\n</TEXT>\n</DOCUMENT>',
      '<DOCUMENT>\n<TYPE>6-K\n<SEQUENCE>2\n<FILENAME>f6k.pdf\n<TEXT>\n<PDF>\nbegin 644 f6k.pdf\n#86)C\n`\nend\n</PDF>\n</TEXT>\n</DOCUMENT>',
      '<DOCUMENT>\n<TYPE>ZIP\n<SEQUENCE>3\n<FILENAME>0000000000-09-000001-xbrl.zip\n<TEXT>\nbegin 644 0000000000-09-000001-xbrl.zip\n#86)C\n`\nend\n</TEXT>\n</DOCUMENT>',
      '</SEC-DOCUMENT>',
    ].join('\n');
    expect(validateSubmission(new TextEncoder().encode(submission)).findings).toEqual([]);
  });
});

describe('validate: the whole corpus (real filings break rules)', () => {
  function files(dir: string): string[] {
    return readdirSync(dir).flatMap((name) => {
      const path = join(dir, name);
      return statSync(path).isDirectory() ? files(path) : [path];
    });
  }

  it('reads every corpus file without throwing, and counts the findings per rule', () => {
    const counts: Record<string, number> = {};
    const filings: Record<string, number> = {};
    let bytes = 0;
    const paths = files(join(sharedRoot, 'corpus')).filter((path) => !/(?:MANIFEST\.tsv|README\.md|\.idx)$/.test(path));
    for (const path of paths) {
      const data = readFileSync(path);
      bytes += data.length;
      const report = validateSubmission(data, { source: path });
      const seen = new Set<string>();
      for (const finding of report.findings) {
        counts[finding.code] = (counts[finding.code] ?? 0) + 1 + (finding.more ?? 0);
        if (!seen.has(finding.code)) filings[finding.code] = (filings[finding.code] ?? 0) + 1;
        seen.add(finding.code);
      }
    }
    const table = Object.keys(counts)
      .sort()
      .map((code) => `${code.padEnd(26)} ${String(counts[code]).padStart(5)} in ${filings[code]} files`);
    console.info(`validate over ${paths.length} corpus files (${(bytes / 1e6).toFixed(1)} MB):\n${table.join('\n')}`);
    expect(paths.length).toBeGreaterThan(90);
    // The corpus is ASCII, as EDGAR disseminates it; its filings break the softer rules.
    expect(counts['ascii/invalid-character']).toBeUndefined();
    expect(counts['ascii/line-too-long']).toBeGreaterThan(0);
    expect(counts['sub/sequence']).toBeGreaterThan(0);
  });
});
