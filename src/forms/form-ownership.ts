import { diagnostic } from '../core/diagnostic.js';
import { attributeValue, childElement, childElements, type XmlDocument, type XmlElement } from '../model/xml.js';
import type { Exhibit } from './attached-exhibits.js';
import type { Field } from './field.js';
import type {
  FootnoteReference,
  OwnershipEntry,
  OwnershipFootnote,
  OwnershipIssuer,
  OwnershipRecord,
  ReportingOwner,
} from './ownership-record.js';
import { ownershipForm } from './ownership-record.js';
import type { SignatureBlock } from './signatures.js';
import { XmlValues } from './xml-values.js';

const NONE: Field<null> = { value: null, span: null };

/** Is this the ownership XML (`<ownershipDocument>`)? */
export function isOwnershipXml(xml: XmlDocument | null | undefined): xml is XmlDocument {
  return xml?.root?.localName === 'ownershipDocument';
}

/**
 * Reads an ownership document (EDGAR's ownership XML, schemas X0101 to X0508): issuer, reporting owners and their
 * relationship, every row of Tables I and II, footnotes resolved to the values they annotate, remarks and
 * signatures. `formType` is the header's; the document's own `documentType` decides when there is none.
 */
export function extractOwnershipXml(
  xml: XmlDocument,
  formType: string | null,
  document: number,
  exhibits: readonly Exhibit[] = [],
): OwnershipRecord {
  const values = new XmlValues(document, 'own');
  const root = xml.root as XmlElement;
  const documentType = childElement(root, 'documentType');
  const form = ownershipForm(formType) ?? ownershipForm(documentType?.text ?? null) ?? '4';
  if (documentType && ownershipForm(documentType.text) === null)
    values.diagnostics.push(
      diagnostic(
        'own/unknown-document-type',
        'warning',
        `<documentType> says "${documentType.text}", not 3, 4 or 5`,
        documentType.span.start,
      ),
    );

  const footnotes: OwnershipFootnote[] = childElements(childElement(root, 'footnotes'), 'footnote').map((footnote) => ({
    id: attributeValue(footnote, 'id') ?? '',
    text: values.text(footnote),
  }));
  const footnoteText = new Map(footnotes.map((footnote) => [footnote.id, footnote.text.value]));
  const unresolved = new Set<string>();
  /** The footnote marks inside an element (its own and its `<value>`'s), resolved. */
  const marks = (field: string, element: XmlElement | null): FootnoteReference[] => {
    if (!element) return [];
    const found: FootnoteReference[] = [];
    const visit = (at: XmlElement, depth: number) => {
      for (const child of at.children) {
        if (child.localName === 'footnoteId') {
          const id = attributeValue(child, 'id') ?? '';
          const text = footnoteText.get(id);
          if (text === undefined && !unresolved.has(id)) {
            unresolved.add(id);
            values.diagnostics.push(
              diagnostic(
                'own/unknown-footnote',
                'warning',
                `A value is marked with footnote "${id}", which the document does not give`,
                child.span.start,
              ),
            );
          }
          found.push({ field, id, text: text ?? null });
        } else if (depth < 2 && child.children.length > 0) visit(child, depth + 1);
      }
    };
    visit(element, 0);
    return found;
  };

  const issuerElement = childElement(root, 'issuer');
  const issuer: OwnershipIssuer = {
    cik: values.text(childElement(issuerElement, 'issuerCik')),
    name: values.text(childElement(issuerElement, 'issuerName')),
    tradingSymbol: values.text(childElement(issuerElement, 'issuerTradingSymbol')),
  };
  if (!issuerElement) values.diagnostics.push(diagnostic('own/no-issuer', 'warning', 'The document names no <issuer>', root.span.start));

  const reportingOwners: ReportingOwner[] = childElements(root, 'reportingOwner').map((owner) => {
    const id = childElement(owner, 'reportingOwnerId');
    const relationship = childElement(owner, 'reportingOwnerRelationship');
    return {
      cik: values.text(childElement(id, 'rptOwnerCik')),
      name: values.text(childElement(id, 'rptOwnerName')),
      isDirector: values.boolean(childElement(relationship, 'isDirector')),
      isOfficer: values.boolean(childElement(relationship, 'isOfficer')),
      isTenPercentOwner: values.boolean(childElement(relationship, 'isTenPercentOwner')),
      isOther: values.boolean(childElement(relationship, 'isOther')),
      officerTitle: values.text(childElement(relationship, 'officerTitle')),
      otherText: values.text(childElement(relationship, 'otherText')),
    };
  });
  if (reportingOwners.length === 0)
    values.diagnostics.push(diagnostic('own/no-reporting-owner', 'warning', 'The document names no <reportingOwner>', root.span.start));

  /** A value the schemas wrap as `<x><value>…</value><footnoteId/></x>`; some writers put the text in `<x>` itself. */
  const wrapped = (element: XmlElement | null): XmlElement | null => (element ? (childElement(element, 'value') ?? element) : null);

  const entry = (row: XmlElement): OwnershipEntry => {
    const kind = /Holding$/.test(row.localName) ? 'holding' : 'transaction';
    const coding = childElement(row, 'transactionCoding');
    const amounts = childElement(row, 'transactionAmounts');
    const post = childElement(row, 'postTransactionAmounts');
    const nature = childElement(row, 'ownershipNature');
    const underlying = childElement(row, 'underlyingSecurity');
    // Where the schemas put each value; the first element found wins. `directOrIndirectOwnership` belongs in
    // <ownershipNature>, and is read from <postTransactionAmounts> or the row itself where writers put it there.
    const owned = childElement(post, 'sharesOwnedFollowingTransaction') ?? childElement(post, 'valueOwnedFollowingTransaction') ?? null;
    const places: Record<string, XmlElement | null> = {
      securityTitle: childElement(row, 'securityTitle'),
      conversionOrExercisePrice: childElement(row, 'conversionOrExercisePrice'),
      transactionDate: childElement(row, 'transactionDate'),
      deemedExecutionDate: childElement(row, 'deemedExecutionDate'),
      // The code's marks are read from <transactionCoding> below (its footnoteId sits beside the code).
      transactionCode: null,
      equitySwapInvolved: null,
      shares: childElement(amounts, 'transactionShares'),
      totalValue: childElement(amounts, 'transactionTotalValue'),
      pricePerShare: childElement(amounts, 'transactionPricePerShare'),
      acquiredDisposed: childElement(amounts, 'transactionAcquiredDisposedCode'),
      exerciseDate: childElement(row, 'exerciseDate'),
      expirationDate: childElement(row, 'expirationDate'),
      underlyingTitle: childElement(underlying, 'underlyingSecurityTitle'),
      underlyingShares: childElement(underlying, 'underlyingSecurityShares') ?? childElement(underlying, 'underlyingSecurityValue'),
      sharesOwnedAfter:
        kind === 'holding'
          ? (childElement(post, 'sharesOwnedFollowingTransaction') ??
            childElement(row, 'sharesOwned') ??
            childElement(post, 'valueOwnedFollowingTransaction'))
          : owned,
      directOrIndirect:
        childElement(nature, 'directOrIndirectOwnership') ??
        childElement(post, 'directOrIndirectOwnership') ??
        childElement(row, 'directOrIndirectOwnership'),
      // Some writers put the nature's text straight into <ownershipNature><value>.
      natureOfOwnership: childElement(nature, 'natureOfOwnership') ?? childElement(nature, 'value'),
    };
    const footnoteMarks = Object.entries(places).flatMap(([field, element]) => marks(field, element));
    // A mark on <transactionCoding> itself annotates the transaction code.
    if (coding) footnoteMarks.push(...marks('transactionCode', coding));
    return {
      kind,
      securityTitle: values.text(wrapped(places.securityTitle ?? null)),
      conversionOrExercisePrice: values.number(wrapped(places.conversionOrExercisePrice ?? null), 'conversionOrExercisePrice'),
      transactionDate: values.date(wrapped(places.transactionDate ?? null), 'transactionDate'),
      deemedExecutionDate: values.date(wrapped(places.deemedExecutionDate ?? null), 'deemedExecutionDate'),
      transactionCode: values.text(childElement(coding, 'transactionCode')),
      equitySwapInvolved: values.boolean(childElement(coding, 'equitySwapInvolved')),
      shares: values.number(wrapped(places.shares ?? null), 'shares'),
      totalValue: values.number(wrapped(places.totalValue ?? null), 'totalValue'),
      pricePerShare: values.number(wrapped(places.pricePerShare ?? null), 'pricePerShare'),
      acquiredDisposed: values.code(wrapped(places.acquiredDisposed ?? null), ['A', 'D'] as const, 'acquiredDisposed'),
      exerciseDate: values.date(wrapped(places.exerciseDate ?? null), 'exerciseDate'),
      expirationDate: values.date(wrapped(places.expirationDate ?? null), 'expirationDate'),
      underlyingTitle: values.text(wrapped(places.underlyingTitle ?? null)),
      underlyingShares: values.number(wrapped(places.underlyingShares ?? null), 'underlyingShares'),
      sharesOwnedAfter: values.number(wrapped(places.sharesOwnedAfter ?? null), 'sharesOwnedAfter'),
      directOrIndirect: values.code(wrapped(places.directOrIndirect ?? null), ['D', 'I'] as const, 'directOrIndirect'),
      natureOfOwnership: values.text(wrapped(places.natureOfOwnership ?? null)),
      footnotes: footnoteMarks,
      span: { document, page: 1, start: row.span.start, end: row.span.end },
    };
  };

  const rows = (table: string, names: readonly string[]): OwnershipEntry[] =>
    (childElement(root, table)?.children ?? []).filter((row) => names.includes(row.localName)).map(entry);

  const signatures: SignatureBlock[] = childElements(root, 'ownerSignature').map((signature) => ({
    registrant: NONE,
    signature: values.text(childElement(signature, 'signatureName')),
    name: NONE,
    title: NONE,
    date: values.date(childElement(signature, 'signatureDate')),
    span: { document, page: 1, start: signature.span.start, end: signature.span.end },
  }));

  return {
    form,
    source: 'xml',
    schemaVersion: values.text(childElement(root, 'schemaVersion')),
    periodOfReport: values.date(childElement(root, 'periodOfReport')),
    dateOfOriginalSubmission: values.date(childElement(root, 'dateOfOriginalSubmission')),
    notSubjectToSection16: values.boolean(childElement(root, 'notSubjectToSection16')),
    issuer,
    reportingOwners,
    nonDerivative: rows('nonDerivativeTable', ['nonDerivativeTransaction', 'nonDerivativeHolding']),
    derivative: rows('derivativeTable', ['derivativeTransaction', 'derivativeHolding']),
    footnotes,
    remarks: values.text(childElement(root, 'remarks')),
    exhibits,
    signatures,
    diagnostics: [...xml.diagnostics, ...values.diagnostics],
  };
}
