import { type Diagnostic, diagnostic } from '../core/diagnostic.js';
import type { Form13FManager, Form13FRecord, Form13FSummary, Holding, OtherManager } from '../model/form-13f-record.js';
import { childElement, childElements, pathElement, type XmlDocument, type XmlElement } from '../model/xml.js';
import type { Exhibit } from './attached-exhibits.js';
import type { SignatureBlock } from './signatures.js';
import { XmlValues } from './xml-values.js';

/**
 * Form 13F (institutional investment managers' holdings): the cover page, the summary page and the information
 * table, one row per holding, from the XML EDGAR has required since the second quarter of 2013. The record is
 * defined once as a zod schema in model/form-13f-record.ts.
 */
export type { Form13FManager, Form13FRecord, Form13FSummary, Holding, OtherManager };

/** The first filing day on which 13F values are reported in dollars rather than thousands. */
export const DOLLAR_VALUES_FROM = '2023-01-03';

/** Is this a 13F cover document (`<edgarSubmission>` with a 13F cover page) or an information table? */
export function is13FCoverXml(xml: XmlDocument | null | undefined): xml is XmlDocument {
  return xml?.root?.localName === 'edgarSubmission' && pathElement(xml.root, 'formData', 'coverPage') !== null;
}

export function is13FInformationTable(xml: XmlDocument | null | undefined): xml is XmlDocument {
  return xml?.root?.localName === 'informationTable';
}

export interface Form13FInput {
  readonly formType: string | null;
  /** The primary document (cover and summary), when the submission has one. */
  readonly cover: { readonly xml: XmlDocument; readonly sequence: number } | null;
  /** The information table document, when the submission has one. */
  readonly table: { readonly xml: XmlDocument; readonly sequence: number } | null;
  /** YYYY-MM-DD, from the header: decides whether values are thousands or dollars. */
  readonly filedAt: string | null;
  readonly exhibits?: readonly Exhibit[];
}

function form13F(formType: string | null, reportType: string | null): Form13FRecord['form'] {
  const type = (formType ?? '').toUpperCase().replace(/\s+/g, '');
  if (type === '13F-HR' || type === '13F-HR/A' || type === '13F-NT' || type === '13F-NT/A') return type;
  return /NOTICE/i.test(reportType ?? '') ? '13F-NT' : '13F-HR';
}

/**
 * Reads a 13F: cover and summary from the primary document, holdings from the information table; the table's
 * row count and value total are checked against the summary page, and a disagreement is a diagnostic.
 */
export function extract13F(input: Form13FInput): Form13FRecord {
  const diagnostics: Diagnostic[] = [];
  const coverValues = new XmlValues(input.cover?.sequence ?? 1, 'f13f');
  const root = input.cover?.xml.root ?? null;
  const coverPage = pathElement(root, 'formData', 'coverPage');
  const summaryPage = pathElement(root, 'formData', 'summaryPage');
  const managerElement = childElement(coverPage, 'filingManager');
  const address = childElement(managerElement, 'address');
  const amendmentInfo = childElement(coverPage, 'amendmentInfo');
  const reportType = coverValues.text(childElement(coverPage, 'reportType'));
  if (!input.cover)
    diagnostics.push(diagnostic('f13f/no-cover', 'warning', 'The submission has no 13F cover document (primary_doc.xml)', 0));

  const otherManager = (listedOn: OtherManager['listedOn'], element: XmlElement): OtherManager => {
    const manager = childElement(element, 'otherManager') ?? element;
    return {
      listedOn,
      sequenceNumber: coverValues.number(childElement(element, 'sequenceNumber')),
      cik: coverValues.text(childElement(manager, 'cik')),
      form13FFileNumber: coverValues.text(childElement(manager, 'form13FFileNumber')),
      name: coverValues.text(childElement(manager, 'name')),
    };
  };
  const otherManagers = [
    ...childElements(childElement(coverPage, 'otherManagersInfo'), 'otherManager').map((element) => otherManager('cover', element)),
    ...childElements(childElement(summaryPage, 'otherManagers2Info'), 'otherManager2').map((element) => otherManager('summary', element)),
  ];

  const signatureElement = pathElement(root, 'formData', 'signatureBlock');
  const signatures: SignatureBlock[] = signatureElement
    ? [
        {
          registrant: coverValues.text(childElement(managerElement, 'name')),
          signature: coverValues.text(childElement(signatureElement, 'signature')),
          name: coverValues.text(childElement(signatureElement, 'name')),
          title: coverValues.text(childElement(signatureElement, 'title')),
          date: coverValues.usDate(childElement(signatureElement, 'signatureDate')),
          span: { document: input.cover?.sequence ?? 1, page: 1, start: signatureElement.span.start, end: signatureElement.span.end },
        },
      ]
    : [];

  const periodOfReport = coverValues.usDate(childElement(coverPage, 'reportCalendarOrQuarter'));
  let valueUnit: Form13FRecord['valueUnit'] = null;
  if (input.filedAt) valueUnit = input.filedAt >= DOLLAR_VALUES_FROM ? 'dollars' : 'thousands';
  // A quarter ending 2022-12-31 or later can only be reported from 2023-01-03 (EDGAR's first business day of 2023).
  else if (periodOfReport.value && periodOfReport.value >= '2022-12-31') valueUnit = 'dollars';

  const summary: Form13FSummary = {
    otherIncludedManagersCount: coverValues.number(childElement(summaryPage, 'otherIncludedManagersCount')),
    tableEntryTotal: coverValues.number(childElement(summaryPage, 'tableEntryTotal')),
    tableValueTotal: coverValues.number(childElement(summaryPage, 'tableValueTotal')),
    isConfidentialOmitted: coverValues.boolean(childElement(summaryPage, 'isConfidentialOmitted')),
  };

  const tableValues = new XmlValues(input.table?.sequence ?? 1, 'f13f');
  const tableSequence = input.table?.sequence ?? 1;
  const holdings: Holding[] = childElements(input.table?.xml.root, 'infoTable').map((row) => {
    const amount = childElement(row, 'shrsOrPrnAmt');
    const voting = childElement(row, 'votingAuthority');
    return {
      nameOfIssuer: tableValues.text(childElement(row, 'nameOfIssuer')),
      titleOfClass: tableValues.text(childElement(row, 'titleOfClass')),
      cusip: tableValues.text(childElement(row, 'cusip')),
      figi: tableValues.text(childElement(row, 'figi')),
      marketValue: tableValues.number(childElement(row, 'value')),
      sharesOrPrincipal: tableValues.number(childElement(amount, 'sshPrnamt')),
      sharesOrPrincipalType: tableValues.code(childElement(amount, 'sshPrnamtType'), ['SH', 'PRN'] as const),
      putCall: tableValues.code(childElement(row, 'putCall'), ['Put', 'Call'] as const),
      investmentDiscretion: tableValues.code(childElement(row, 'investmentDiscretion'), ['SOLE', 'DFND', 'OTR'] as const),
      otherManager: tableValues.text(childElement(row, 'otherManager')),
      votingSole: tableValues.number(childElement(voting, 'Sole')),
      votingShared: tableValues.number(childElement(voting, 'Shared')),
      votingNone: tableValues.number(childElement(voting, 'None')),
      span: { document: tableSequence, page: 1, start: row.span.start, end: row.span.end },
    };
  });

  const form = form13F(input.formType, reportType.value);
  if (valueUnit === null && holdings.length > 0)
    diagnostics.push(
      diagnostic(
        'f13f/value-unit-unknown',
        'info',
        'valueUnit: the filing date is unknown, so the values may be in thousands (filed before 2023-01-03) or in dollars',
        0,
      ),
    );
  if (!input.table && form.startsWith('13F-HR'))
    diagnostics.push(diagnostic('f13f/no-information-table', 'warning', 'The submission has no information table document', 0));
  else if (input.table) diagnostics.push(...checkTotals(summary, holdings, valueUnit, input.table.xml.root?.span.start ?? 0));

  return {
    form,
    periodOfReport,
    manager: {
      name: coverValues.text(childElement(managerElement, 'name')),
      street1: coverValues.text(childElement(address, 'street1')),
      street2: coverValues.text(childElement(address, 'street2')),
      city: coverValues.text(childElement(address, 'city')),
      stateOrCountry: coverValues.text(childElement(address, 'stateOrCountry')),
      zipCode: coverValues.text(childElement(address, 'zipCode')),
    },
    reportType,
    form13FFileNumber: coverValues.text(childElement(coverPage, 'form13FFileNumber')),
    isAmendment: coverValues.boolean(childElement(coverPage, 'isAmendment')),
    amendmentNumber: coverValues.number(childElement(coverPage, 'amendmentNo')),
    amendmentType: coverValues.text(childElement(amendmentInfo, 'amendmentType')),
    otherManagers,
    summary,
    valueUnit,
    holdings,
    exhibits: input.exhibits ?? [],
    signatures,
    diagnostics: [
      ...(input.cover?.xml.diagnostics ?? []),
      ...(input.table?.xml.diagnostics ?? []),
      ...coverValues.diagnostics,
      ...tableValues.diagnostics,
      ...diagnostics,
    ],
  };
}

/**
 * The information table against the summary page: the number of rows, and the sum of values. Filers in the
 * thousands era rounded each row, so the sum may differ from the total by the rounding of the rows (half a
 * thousand each at most); in the dollar era the total is the sum.
 */
function checkTotals(
  summary: Form13FSummary,
  holdings: readonly Holding[],
  unit: Form13FRecord['valueUnit'],
  offset: number,
): Diagnostic[] {
  const out: Diagnostic[] = [];
  const entries = summary.tableEntryTotal.value;
  if (entries !== null && entries !== holdings.length)
    out.push(
      diagnostic(
        'f13f/entry-total-mismatch',
        'warning',
        `The summary page counts ${entries} entries but the information table has ${holdings.length} rows`,
        offset,
      ),
    );
  const total = summary.tableValueTotal.value;
  if (total === null) return out;
  if (holdings.some((holding) => holding.marketValue.value === null)) return out;
  const sum = holdings.reduce((sum, holding) => sum + (holding.marketValue.value as number), 0);
  const tolerance = unit === 'thousands' ? Math.ceil(holdings.length / 2) : 0;
  if (Math.abs(sum - total) > tolerance)
    out.push(
      diagnostic(
        'f13f/value-total-mismatch',
        'warning',
        `The summary page's value total is ${total} but the information table's values add up to ${sum}${unit ? ` (${unit})` : ''}`,
        offset,
      ),
    );
  return out;
}
