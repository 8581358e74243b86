import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { extractSource, fieldsOf, saysValue, textAt } from '../../test/form-spans.js';
import { fieldsWithoutSpan, valuesOf } from '../../test/record-values.js';
import { corpusPath as corpusPathOf, projectRoot } from '../../test/shared-files.js';
import type { FieldSpan } from './field.js';
import type { Form13FRecord } from './form-13f.js';
import type { OwnershipRecord } from './ownership-record.js';

/**
 * Cases the corpus lacks, on fixtures written by hand from the published schemas (testdata/xml/README.md). The
 * expectations are written here from the fixtures, field by field.
 */

const fixture = (name: string) => readFileSync(join(projectRoot, 'testdata', 'xml', name));

function spansHold(bytes: Uint8Array): void {
  const { result, documents } = extractSource(bytes);
  expect(fieldsWithoutSpan(result.record)).toEqual([]);
  for (const { path, field } of fieldsOf(result.record)) {
    if (field.value === null || path.startsWith('exhibits.')) continue;
    const at = textAt(documents, field.span as FieldSpan);
    expect(saysValue(at?.text ?? '', field.value, at?.xml ?? false), `${path}: ${JSON.stringify(field.value)} at "${at?.text}"`).toBe(true);
  }
}

describe('ownership XML: cases built from the schema', () => {
  it('a Form 3 of two owners: holdings, indirect ownership and its nature, footnotes resolved, a missing footnote reported', () => {
    const { result } = extractSource(fixture('form3-joint-indirect.xml'));
    const record = result.record as OwnershipRecord;
    expect(record.form).toBe('3');
    expect(valuesOf(record.issuer)).toEqual({ cik: '0000999001', name: 'Example Widgets & Gears, Inc.', tradingSymbol: 'EXWG' });
    expect(valuesOf(record.reportingOwners)).toEqual([
      {
        cik: '0000999002',
        name: 'Example Capital Partners LP',
        isDirector: false,
        isOfficer: false,
        isTenPercentOwner: true,
        isOther: false,
        officerTitle: null,
        otherText: null,
      },
      {
        cik: '0000999003',
        name: 'Doe Jane',
        isDirector: null,
        isOfficer: null,
        isTenPercentOwner: null,
        isOther: true,
        officerTitle: null,
        otherText: 'Member of 13(d) group',
      },
    ]);
    const [holding] = record.nonDerivative;
    expect(holding?.kind).toBe('holding');
    expect(holding?.sharesOwnedAfter.value).toBe(2500000);
    expect(holding?.directOrIndirect.value).toBe('I');
    expect(holding?.natureOfOwnership.value).toBe('By Example Capital Fund I LP');
    expect(holding?.footnotes).toEqual([
      {
        field: 'natureOfOwnership',
        id: 'F1',
        text: 'Held by Example Capital Fund I LP, whose general partner is Example Capital Partners LP.',
      },
    ]);
    const [warrant] = record.derivative;
    expect(valuesOf(warrant)).toMatchObject({
      kind: 'holding',
      securityTitle: 'Warrants (right to buy)',
      conversionOrExercisePrice: 11.5,
      exerciseDate: null,
      expirationDate: '2026-06-30',
      underlyingTitle: 'Class A Common Stock',
      underlyingShares: 400000,
      directOrIndirect: 'D',
    });
    expect(warrant?.footnotes).toEqual([
      {
        field: 'exerciseDate',
        id: 'F2',
        text: 'The warrants become exercisable 30 days after the completion of the business combination.',
      },
      { field: 'directOrIndirect', id: 'F9', text: null },
    ]);
    expect(record.remarks.value).toBe('Exhibit 24 - Power of Attorney');
    expect(record.signatures.map((signature) => [signature.signature.value, signature.date.value])).toEqual([
      ['Example Capital Partners LP, by /s/ John Roe, Managing Member', '2021-07-02'],
      ['/s/ Jane Doe', '2021-07-02'],
    ]);
    expect(record.diagnostics.map((found) => found.code)).toEqual(['own/unknown-footnote']);
    expect(record.diagnostics[0]?.message).toContain('"F9"');
    spansHold(fixture('form3-joint-indirect.xml'));
  });

  it('a 4/A: the original date, a deemed execution date, a footnote on the coding, a price that is no number', () => {
    const { result } = extractSource(fixture('form4a-amendment.xml'));
    const record = result.record as OwnershipRecord;
    expect(record.form).toBe('4/A');
    expect(record.dateOfOriginalSubmission.value).toBe('2022-03-03');
    expect(record.reportingOwners[0]?.officerTitle.value).toBe('President & CEO');
    const [purchase] = record.nonDerivative;
    expect(valuesOf(purchase)).toMatchObject({
      kind: 'transaction',
      transactionDate: '2022-03-01',
      deemedExecutionDate: '2022-03-02',
      transactionCode: 'P',
      shares: 10000,
      pricePerShare: null,
      acquiredDisposed: 'A',
      sharesOwnedAfter: 150000,
    });
    expect(purchase?.footnotes).toEqual([
      { field: 'transactionCode', id: 'F1', text: 'Purchased under a Rule 10b5-1 trading plan adopted on December 1, 2021.' },
    ]);
    expect(record.diagnostics.map((found) => found.code)).toEqual(['own/unreadable-value']);
    expect(record.diagnostics[0]?.message).toBe('pricePerShare: <value> holds "about 9", not a number; the value is left out');
    spansHold(fixture('form4a-amendment.xml'));
  });
});

describe('13F: cases built from the schemas', () => {
  it('a 2022 filing: values in thousands, other managers, put/call, principal amounts, and totals that disagree with the summary', () => {
    const { result } = extractSource(fixture('13f-hr-2022-thousands.txt'));
    const record = result.record as Form13FRecord;
    expect(record.form).toBe('13F-HR');
    expect(record.valueUnit).toBe('thousands');
    expect(record.periodOfReport.value).toBe('2022-09-30');
    expect(record.isAmendment.value).toBe(false);
    expect(valuesOf(record.otherManagers)).toEqual([
      { listedOn: 'summary', sequenceNumber: 1, cik: '0000999011', form13FFileNumber: '028-88888', name: 'Example Sub-Adviser Ltd' },
    ]);
    expect(valuesOf(record.holdings)).toEqual([
      {
        nameOfIssuer: 'EXAMPLE WIDGETS & GEARS',
        titleOfClass: 'CL A',
        cusip: '30099W101',
        figi: null,
        marketValue: 1234,
        sharesOrPrincipal: 50000,
        sharesOrPrincipalType: 'SH',
        putCall: null,
        investmentDiscretion: 'SOLE',
        otherManager: null,
        votingSole: 50000,
        votingShared: 0,
        votingNone: 0,
      },
      {
        nameOfIssuer: 'EXAMPLE WIDGETS & GEARS',
        titleOfClass: 'CL A',
        cusip: '30099W101',
        figi: null,
        marketValue: 56,
        sharesOrPrincipal: 2500,
        sharesOrPrincipalType: 'SH',
        putCall: 'Put',
        investmentDiscretion: 'DFND',
        otherManager: '1',
        votingSole: 0,
        votingShared: 2500,
        votingNone: 0,
      },
      {
        nameOfIssuer: 'EXAMPLE FINANCE CORP',
        titleOfClass: 'NOTE 4.000% 6/3',
        cusip: '30099X AB3',
        figi: null,
        marketValue: 700,
        sharesOrPrincipal: 750000,
        sharesOrPrincipalType: 'PRN',
        putCall: null,
        investmentDiscretion: 'OTR',
        otherManager: '1',
        votingSole: 0,
        votingShared: 0,
        votingNone: 750000,
      },
    ]);
    const codes = record.diagnostics.map((found) => found.code);
    expect(codes).toEqual(['f13f/entry-total-mismatch', 'f13f/value-total-mismatch']);
    expect(record.diagnostics[0]?.message).toBe('The summary page counts 4 entries but the information table has 3 rows');
    expect(record.diagnostics[1]?.message).toBe(
      "The summary page's value total is 2000 but the information table's values add up to 1990 (thousands)",
    );
    spansHold(fixture('13f-hr-2022-thousands.txt'));
  });

  it('an information table alone, with no filing date: the unit is unknown and said so', () => {
    const text = readFileSync(join(projectRoot, 'testdata', 'xml', '13f-hr-2022-thousands.txt'), 'utf8');
    const table = text.slice(text.lastIndexOf('<?xml'), text.lastIndexOf('</XML>'));
    const { result } = extractSource(new TextEncoder().encode(table));
    const record = result.record as Form13FRecord;
    expect(record.valueUnit).toBeNull();
    expect(record.holdings).toHaveLength(3);
    expect(record.diagnostics.map((found) => found.code)).toEqual(['f13f/no-cover', 'f13f/value-unit-unknown']);
  });
});

describe('ownership and 13F extraction on hostile input', () => {
  const TOKENS = [
    '<ownershipDocument>',
    '</ownershipDocument>',
    '<nonDerivativeTable>',
    '</nonDerivativeTable>',
    '<nonDerivativeTransaction>',
    '</nonDerivativeTransaction>',
    '<transactionAmounts><transactionShares><value>',
    '</value></transactionShares></transactionAmounts>',
    '<transactionDate><value>2024-13-45</value></transactionDate>',
    '<footnoteId id="F1"/>',
    '<footnotes><footnote id="F1">note</footnote></footnotes>',
    '<reportingOwner><reportingOwnerRelationship><isDirector>maybe</isDirector>',
    '</reportingOwnerRelationship></reportingOwner>',
    '<informationTable><infoTable><value>1e999</value><cusip>X</cusip></infoTable></informationTable>',
    '<edgarSubmission><formData><coverPage><reportCalendarOrQuarter>99-99-9999</reportCalendarOrQuarter></coverPage>',
    '<summaryPage><tableEntryTotal>-1</tableEntryTotal></summaryPage></formData></edgarSubmission>',
    '12,5,00',
    '&amp;',
    '<',
    ' ',
  ];
  it('never throws, and every span lies inside its document', async () => {
    const fc = (await import('fast-check')).default;
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...TOKENS), { maxLength: 60 }), (tokens) => {
        const { result, documents } = extractSource(new TextEncoder().encode(`<?xml version="1.0"?>\n${tokens.join('')}`));
        for (const { field } of fieldsOf(result.record)) {
          if (!field.span) continue;
          const document = documents.find((candidate, index) => (candidate.sequence ?? index + 1) === (field.span as FieldSpan).document);
          const length = document?.xml?.source.length ?? document?.model?.source.length ?? -1;
          expect(field.span.start >= 0 && field.span.end <= length && field.span.start <= field.span.end).toBe(true);
        }
      }),
      { numRuns: 300 },
    );
  });
});

describe('ownership and 13F extraction in linear time', () => {
  it('a 13F information table of n rows, and a text-form Form 4 with n rows in Table II', async () => {
    const { LINEAR_RATIO, scalingRatio } = await import('../../test/scaling.js');
    const row =
      '<infoTable><nameOfIssuer>A &amp; B</nameOfIssuer><titleOfClass>COM</titleOfClass><cusip>000000000</cusip><value>1</value><shrsOrPrnAmt><sshPrnamt>1</sshPrnamt><sshPrnamtType>SH</sshPrnamtType></shrsOrPrnAmt><investmentDiscretion>SOLE</investmentDiscretion><votingAuthority><Sole>1</Sole><Shared>0</Shared><None>0</None></votingAuthority></infoTable>';
    const table = (n: number) => new TextEncoder().encode(`<?xml version="1.0"?><informationTable>${row.repeat(n)}</informationTable>`);
    const holdings = scalingRatio(table, (bytes) => extractSource(bytes), 1000, 3);
    expect(holdings.ratio, `13F: ${holdings.small.toFixed(1)} ms -> ${holdings.large.toFixed(1)} ms`).toBeLessThan(LINEAR_RATIO);

    const original = readFileSync(corpusPathOf('submissions/0001094891-00-000193.txt'), 'latin1');
    const line = original.split('\n').find((text) => text.startsWith('Options to Purchase Co|')) as string;
    const wrap = original.split('\n').find((text) => text.startsWith('mmon Stock')) as string;
    const textForm = (n: number) =>
      Buffer.from(original.replace(`${line}\n${wrap}\n`, `${`${line}\n${wrap}\n- ${'-'.repeat(40)}|\n`.repeat(n)}`), 'latin1');
    expect(extractSource(textForm(3)).result.record).toMatchObject({ derivative: { length: 3 } });
    const text = scalingRatio(textForm, (bytes) => extractSource(bytes), 300, 3);
    expect(text.ratio, `text form: ${text.small.toFixed(1)} ms -> ${text.large.toFixed(1)} ms`).toBeLessThan(LINEAR_RATIO);
  });
});
