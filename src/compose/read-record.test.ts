import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { projectRoot } from '../../test/shared-files.js';
import { InputSyntaxError } from './input-value.js';
import { readJson } from './read-json.js';
import { formatProblem, readCompose6KRecord } from './read-record.js';
import { readYaml } from './read-yaml.js';
import { extractableValues } from './record-6k.js';

const dir = join(projectRoot, 'testdata', 'compose');
const golden = JSON.parse(readFileSync(join(projectRoot, 'testdata', 'golden', 'forms', 'hanaro-6k-2002-12.json'), 'utf8')) as Record<
  string,
  unknown
>;
delete golden._comment;

function problemsOf(text: string, source = 'in.yaml'): string[] {
  const result = readCompose6KRecord(text, { source });
  return result.ok ? [] : result.problems.map((problem) => formatProblem(source, problem));
}

const MINIMAL = `form: 6-K
reportMonth: 2009-11
registrant: Acergy S.A.
annualReportForm: 20-F
exhibits: []
signatures:
  - signature: /s/ John Smith
    name: John Smith
`;

describe('reading a record written as YAML or JSON', () => {
  it('reads the seed record from YAML and from JSON as the golden values', () => {
    for (const name of ['hanaro-6k.yaml', 'hanaro-6k.json']) {
      const result = readCompose6KRecord(readFileSync(join(dir, name), 'utf8'), { source: name });
      if (!result.ok) throw new Error(result.problems.map((problem) => formatProblem(name, problem)).join('\n'));
      expect(extractableValues(result.record)).toEqual(golden);
      expect(result.record.furnishing).toBe('Hanaro Telecom, Inc. (the "Company") is furnishing under cover of Form 6-K:');
      expect(result.warnings).toEqual([]);
    }
  });

  it('fills optional fields in: null answers, no regulators, attached only with a file, sequences in order', () => {
    const result = readCompose6KRecord(
      `${MINIMAL.replace('exhibits: []', 'exhibits:\n  - number: "99.1"\n    description: a press release\n    file: ex1.htm\n  - number: "99.2"\n    description: a notice\n    file: ex2.txt\n    pdf: ex2.pdf\n  - number: "99.3"\n    description: a letter\n    file: ex3.txt')}`,
    );
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.record.address).toBeNull();
    expect(result.record.furnishesUnderRule12g32b).toBeNull();
    expect(result.record.exhibits.map((exhibit) => [exhibit.attached, exhibit.documentSequence])).toEqual([
      [true, 2],
      [true, 3],
      [true, 5],
    ]);
    expect(result.record.signatures[0]).toEqual({
      registrant: null,
      signature: '/s/ John Smith',
      name: 'John Smith',
      title: null,
      date: null,
    });
  });

  it('names every field that is missing or malformed, with its line, and gives no record', () => {
    const text = `form: 6-K
reportMonth: 2002-13
registrant: HANARO TELECOM, INC.
annualReportForm: 20F
exhibits:
  - number: 99.1
    description: a notice
signatures:
  - signature: /s/ X
    nmae: X
`;
    expect(problemsOf(text)).toEqual([
      'in.yaml:2:1: reportMonth must be a month YYYY-MM, like 2002-12; found "2002-13"',
      'in.yaml:4:1: annualReportForm must be "20-F", "40-F" or null; found "20F"',
      'in.yaml:6:5: exhibits[0].number must be an exhibit number like "99.1", "99.A" or "1" (in quotes: unquoted 99.1 is a number in YAML); found 99.1',
      'in.yaml:9:5: signatures[0].name is missing from signatures[0] (write null if there is none)',
      'in.yaml:10:5: signatures[0].nmae is not a field of signatures[0]; did you mean "name"?',
    ]);
  });

  it('checks what a schema cannot: real dates, one exhibit per number, sources of attached exhibits, sequences, the 82- number', () => {
    const text = `form: 6-K
reportMonth: 2002-12
registrant: X Ltd.
annualReportForm: null
furnishesUnderRule12g32b: false
rule12g32bFileNumber: 82-1234
exhibits:
  - number: "99.1"
    description: a notice
    date: 2002-02-30
    attached: true
  - number: "99.1"
    description: another
    file: b.htm
    documentSequence: 4
signatures: []
`;
    expect(problemsOf(text)).toEqual([
      'in.yaml:10:5: exhibits[0].date is not a date of the calendar: 2002-02-30',
      'in.yaml:8:5: exhibits[0].file is missing: the exhibit is attached, so give its source (.txt or .htm), or set attached: false',
      'in.yaml:12:5: exhibits[1].number: exhibit 99.1 is listed twice (also exhibits[0])',
      'in.yaml:15:5: exhibits[1].documentSequence is 4, but this exhibit will be document 3 of the submission (documents follow the exhibit order); write 3 or leave it out',
      'in.yaml:6:1: rule12g32bFileNumber is given, but furnishesUnderRule12g32b is not true; the 82- number goes with a "Yes"',
    ]);
  });

  it('places JSON problems on their lines too, and JSON syntax errors at their character', () => {
    const json =
      '{\n  "form": "6-K",\n  "reportMonth": "2002-12",\n  "registrant": "",\n  "annualReportForm": null,\n  "exhibits": [],\n  "signatures": []\n}\n';
    expect(problemsOf(json, 'in.json')).toEqual(['in.json:4:3: registrant must not be empty']);
    // The words are JSON.parse's (they vary with the Node version); the place is ours, and is the same.
    const syntax = problemsOf('{\n  "form": "6-K",\n  "reportMonth": 2002-12\n}', 'in.json');
    expect(syntax).toHaveLength(1);
    expect(syntax[0]).toMatch(/^in\.json:3:22: Cannot read the JSON: expected ',' or '}' .*, found "-12\\n}"$/);
    expect(problemsOf('{"form": "6-K", "form": "6-K"}', 'in.json')).toEqual([
      'in.json:1:17: Cannot read the JSON: the key "form" is given twice',
    ]);
  });
});

describe('YAML (the yaml package) and JSON (JSON.parse with its places)', () => {
  it('reads mappings, lists, scalars of every kind, block scalars, flow collections and comments, with places', () => {
    const document = readYaml(`# a comment
---
plain: some text   # trailing comment
quoted: "a \\"b\\" \\u00e9"
single: 'it''s'
number: 99.1
integer: 42
yes: true
none: ~
empty:
month: 2002-12
folded: >-
  one
  two

  three
literal: |
  line 1
    indented
list:
- a
- b: 1
  c: [x, "y", {k: v}]
-
  - nested
flow: {name: KOSDAQ, fullName: null}
continued: a plain scalar
  that goes on
`);
    expect(document.value).toEqual({
      plain: 'some text',
      quoted: 'a "b" é',
      single: "it's",
      number: 99.1,
      integer: 42,
      yes: true,
      none: null,
      empty: null,
      month: '2002-12',
      folded: 'one two\nthree',
      literal: 'line 1\n  indented\n',
      list: ['a', { b: 1, c: ['x', 'y', { k: 'v' }] }, ['nested']],
      flow: { name: 'KOSDAQ', fullName: null },
      continued: 'a plain scalar that goes on',
    });
    expect(document.positions.get('plain')).toEqual({ line: 3, column: 1 });
    expect(document.positions.get('list[1].c')).toEqual({ line: 23, column: 3 });
    expect(document.positions.get('list[1].c[2].k')).toEqual({ line: 23, column: 16 });
    expect(document.positions.get('flow.fullName')).toEqual({ line: 26, column: 22 });
  });

  it('refuses what it does not read, saying where and why', () => {
    const failure = (text: string) => {
      try {
        readYaml(text, 'x.yaml');
      } catch (error) {
        if (error instanceof InputSyntaxError) return error.message;
        throw error;
      }
      return 'no error';
    };
    expect(failure('a: &anchor 1\nb: *anchor\n')).toBe(
      'x.yaml:1:4: Cannot read the YAML: anchors (&), aliases (*) and tags (!) are not part of the YAML edgarkit reads',
    );
    expect(failure('a: 1\na: 2\n')).toBe('x.yaml:2:1: Cannot read the YAML: the key "a" is given twice');
    expect(failure('a:\n\tb: 1\n')).toBe('x.yaml:2:1: Cannot read the YAML: a tab indents this line (YAML indents with spaces only)');
    expect(failure('a: b: c\n')).toBe('x.yaml:1:4: Cannot read the YAML: a value with ": " in it must be quoted');
    expect(failure('a: [1, 2\n')).toBe('x.yaml:1:9: Cannot read the YAML: expected "," or "]" (a flow list must close on its line)');
    expect(failure('a: 1\n---\nb: 2\n')).toBe(
      'x.yaml:3:1: Cannot read the YAML: only one document per file (found more after the document marker)',
    );
    expect(failure('a:\n  b: 1\n c: 2\n')).toBe(
      'x.yaml:3:2: Cannot read the YAML: this line is indented less than the block it follows, or more than the block it starts',
    );
  });

  it('reads JSON exactly as JSON.parse does', () => {
    const text = '{"a": [1, -2.5e3, true, false, null, "x\\ny\\u0041"], "b": {"c": {}}, "d": []}';
    expect(readJson(text).value).toEqual(JSON.parse(text));
  });
});
