import { parseCompactDate, parseCompactDateTime } from '../../core/dates.js';
import { type Diagnostic, diagnostic } from '../../core/diagnostic.js';
import { parseAccessionNumber, parseCik } from '../../core/identifiers.js';
import type { Address, CompanyData, FilingValues, FormerCompany, HeaderNode, Party, SubmissionHeader } from '../../model/submission.js';
import { readWholeNumber } from './whole-number.js';

/**
 * The dissemination (`.nc`) tag names that differ from the SGML header's keys, after both are
 * upper-cased with `-` read as a space. Everything else already agrees.
 */
const DISSEMINATION_KEYS: Readonly<Record<string, string>> = {
  TYPE: 'CONFORMED SUBMISSION TYPE',
  PERIOD: 'CONFORMED PERIOD OF REPORT',
  'FILING DATE': 'FILED AS OF DATE',
  'DATE OF FILING DATE CHANGE': 'DATE AS OF CHANGE',
  ITEMS: 'ITEM INFORMATION',
  'CONFORMED NAME': 'COMPANY CONFORMED NAME',
  CIK: 'CENTRAL INDEX KEY',
  'ASSIGNED SIC': 'STANDARD INDUSTRIAL CLASSIFICATION',
  ACT: 'SEC ACT',
  'FILE NUMBER': 'SEC FILE NUMBER',
  STREET1: 'STREET 1',
  STREET2: 'STREET 2',
  PHONE: 'BUSINESS PHONE',
  'DATE CHANGED': 'DATE OF NAME CHANGE',
  'OWNER DATA': 'COMPANY DATA',
  'OWNER CIK': 'CENTRAL INDEX KEY',
};

const canonicalCache = new Map<string, string>();

/** The one vocabulary both header formats are read in. */
export function canonicalKey(key: string): string {
  let canonical = canonicalCache.get(key);
  if (canonical === undefined) {
    const spaced = key
      .toUpperCase()
      .replace(/[-\s]+/g, ' ')
      .trim();
    canonical = DISSEMINATION_KEYS[spaced] ?? spaced;
    // Keys repeat across every header; a bounded memo keeps a hostile header from growing it without end.
    if (canonicalCache.size < 10_000) canonicalCache.set(key, canonical);
  }
  return canonical;
}

const PARTY_CONTENT = new Set(['COMPANY DATA', 'FILING VALUES', 'BUSINESS ADDRESS', 'MAIL ADDRESS']);
// Blanks before `[` are trimmed after the match: a `\s*` there backtracks quadratically on a run of spaces.
const SIC_WITH_CODE = /^(.*?)\[(\d{3,4})\]$/;

/**
 * A list of nodes with each key read into the one vocabulary once: typing a party asks a dozen keys of the same few
 * nodes, and a 40-APP header holds hundreds of parties.
 */
interface Keyed {
  readonly nodes: readonly HeaderNode[];
  readonly keys: readonly string[];
}

function keyed(nodes: readonly HeaderNode[]): Keyed {
  const keys: string[] = new Array(nodes.length);
  for (let i = 0; i < nodes.length; i++) keys[i] = canonicalKey((nodes[i] as HeaderNode).key);
  return { nodes, keys };
}

function find(list: Keyed, key: string): HeaderNode | undefined {
  const index = list.keys.indexOf(key);
  return index === -1 ? undefined : list.nodes[index];
}

function leafValue(list: Keyed, key: string): string | null {
  const node = find(list, key);
  if (!node || node.value === '') return null;
  return node.value;
}

function dateOf(list: Keyed, key: string, diagnostics: Diagnostic[]): string | null {
  const node = find(list, key);
  if (!node || node.value === '') return null;
  const date = parseCompactDate(node.value);
  if (date === null) {
    diagnostics.push(diagnostic('sgml/bad-date', 'warning', `${node.key} "${node.value}" is not a YYYYMMDD date`, node.offset));
  }
  return date;
}

/** True when a node's children (read into the vocabulary) hold a party's content (COMPANY DATA, FILING VALUES, an address). */
function holdsPartyContent(children: Keyed): boolean {
  for (const key of children.keys) if (PARTY_CONTENT.has(key)) return true;
  return false;
}

/** Builds the typed header from the header tree; the tree itself is kept whole alongside. */
export function typeHeader(tree: readonly HeaderNode[], diagnostics: Diagnostic[]): SubmissionHeader {
  const root = keyed(tree);
  const accessionNode = find(root, 'ACCESSION NUMBER');
  let accessionNumber = accessionNode ? parseAccessionNumber(accessionNode.value) : null;
  if (accessionNode && accessionNumber === null) {
    diagnostics.push(
      diagnostic(
        'sgml/bad-accession-number',
        'warning',
        `ACCESSION NUMBER "${accessionNode.value}" is not NNNNNNNNNN-YY-NNNNNN`,
        accessionNode.offset,
      ),
    );
  }
  if (accessionNumber === null) {
    // The <SEC-DOCUMENT>/<SEC-HEADER> lines name the submission by accession number too.
    const named = find(root, 'SEC DOCUMENT') ?? find(root, 'SEC HEADER') ?? find(root, 'IMS DOCUMENT');
    if (named) accessionNumber = parseAccessionNumber(named.value.slice(0, 20));
  }

  const countNode = find(root, 'PUBLIC DOCUMENT COUNT');
  let publicDocumentCount: number | null = null;
  if (countNode && countNode.value !== '') {
    const count = readWholeNumber(countNode.value);
    if ('value' in count) publicDocumentCount = count.value;
    else {
      const shown = countNode.value.length > 40 ? `${countNode.value.slice(0, 40)}…` : countNode.value;
      diagnostics.push(
        diagnostic('sgml/bad-document-count', 'warning', `PUBLIC DOCUMENT COUNT "${shown}" ${count.reason}`, countNode.offset),
      );
    }
  }

  const acceptanceNode = find(root, 'ACCEPTANCE DATETIME');
  const acceptanceDateTime = acceptanceNode ? parseCompactDateTime(acceptanceNode.value) : null;
  if (acceptanceNode && acceptanceDateTime === null) {
    diagnostics.push(
      diagnostic('sgml/bad-date', 'warning', `ACCEPTANCE-DATETIME "${acceptanceNode.value}" is not YYYYMMDDHHMMSS`, acceptanceNode.offset),
    );
  }

  const items: string[] = [];
  const groupMembers: string[] = [];
  const parties: Party[] = [];
  for (let i = 0; i < tree.length; i++) {
    const node = tree[i] as HeaderNode;
    const key = root.keys[i];
    if (key === 'ITEM INFORMATION' && node.value !== '') items.push(node.value);
    else if (key === 'GROUP MEMBERS' && node.value !== '') groupMembers.push(node.value);
    else if (node.children.length > 0) {
      // The children's keys are read once, for the test and for the party.
      const children = keyed(node.children);
      if (holdsPartyContent(children)) parties.push(typeParty(node, children, diagnostics));
    }
  }

  return {
    accessionNumber,
    formType: leafValue(root, 'CONFORMED SUBMISSION TYPE'),
    publicDocumentCount,
    periodOfReport: dateOf(root, 'CONFORMED PERIOD OF REPORT', diagnostics),
    filedAt: dateOf(root, 'FILED AS OF DATE', diagnostics),
    dateOfChange: dateOf(root, 'DATE AS OF CHANGE', diagnostics),
    effectivenessDate: dateOf(root, 'EFFECTIVENESS DATE', diagnostics),
    acceptanceDateTime,
    items,
    groupMembers,
    parties,
    tree,
  };
}

/** EDGAR spells this one role with a hyphen in both formats; the rest with spaces. */
function roleOf(key: string): string {
  const canonical = canonicalKey(key);
  return canonical === 'REPORTING OWNER' ? 'REPORTING-OWNER' : canonical;
}

function typeParty(node: HeaderNode, children: Keyed, diagnostics: Diagnostic[]): Party {
  const companyNode = find(children, 'COMPANY DATA');
  const filingNode = find(children, 'FILING VALUES');
  const businessNode = find(children, 'BUSINESS ADDRESS');
  const mailNode = find(children, 'MAIL ADDRESS');
  const formerCompanies: FormerCompany[] = [];
  for (let i = 0; i < children.nodes.length; i++) {
    if (children.keys[i] !== 'FORMER COMPANY') continue;
    const former = keyed((children.nodes[i] as HeaderNode).children);
    const name = leafValue(former, 'FORMER CONFORMED NAME');
    if (name === null) continue;
    formerCompanies.push({ name, dateChanged: dateOf(former, 'DATE OF NAME CHANGE', diagnostics) });
  }
  return {
    role: roleOf(node.key),
    company: companyNode ? typeCompany(keyed(companyNode.children), diagnostics) : null,
    filingValues: filingNode ? typeFilingValues(keyed(filingNode.children)) : null,
    businessAddress: businessNode ? typeAddress(keyed(businessNode.children)) : null,
    mailAddress: mailNode ? typeAddress(keyed(mailNode.children)) : null,
    formerCompanies,
  };
}

function typeCompany(nodes: Keyed, diagnostics: Diagnostic[]): CompanyData {
  const cikNode = find(nodes, 'CENTRAL INDEX KEY');
  const cik = cikNode ? parseCik(cikNode.value) : null;
  if (cikNode && cik === null) {
    diagnostics.push(diagnostic('sgml/bad-cik', 'warning', `CENTRAL INDEX KEY "${cikNode.value}" is not a CIK`, cikNode.offset));
  }
  const sicText = leafValue(nodes, 'STANDARD INDUSTRIAL CLASSIFICATION');
  let sic: string | null = null;
  let sicDescription: string | null = null;
  if (sicText !== null) {
    const match = SIC_WITH_CODE.exec(sicText.trimEnd());
    if (match) {
      sic = (match[2] as string).padStart(4, '0');
      sicDescription = (match[1] as string).trimEnd() || null;
    } else if (/^\d{1,4}$/.test(sicText)) {
      sic = sicText.padStart(4, '0');
    } else {
      sicDescription = sicText;
    }
  }
  return {
    name: leafValue(nodes, 'COMPANY CONFORMED NAME'),
    cik,
    sic,
    sicDescription,
    organizationName: leafValue(nodes, 'ORGANIZATION NAME'),
    irsNumber: leafValue(nodes, 'IRS NUMBER') ?? leafValue(nodes, 'EIN'),
    stateOfIncorporation: leafValue(nodes, 'STATE OF INCORPORATION'),
    fiscalYearEnd: leafValue(nodes, 'FISCAL YEAR END'),
  };
}

function typeFilingValues(nodes: Keyed): FilingValues {
  return {
    formType: leafValue(nodes, 'FORM TYPE'),
    act: leafValue(nodes, 'SEC ACT'),
    fileNumber: leafValue(nodes, 'SEC FILE NUMBER'),
    filmNumber: leafValue(nodes, 'FILM NUMBER'),
  };
}

function typeAddress(nodes: Keyed): Address {
  return {
    street1: leafValue(nodes, 'STREET 1'),
    street2: leafValue(nodes, 'STREET 2'),
    city: leafValue(nodes, 'CITY'),
    state: leafValue(nodes, 'STATE'),
    zip: leafValue(nodes, 'ZIP'),
    phone: leafValue(nodes, 'BUSINESS PHONE'),
  };
}
