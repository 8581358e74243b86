import { z } from 'zod';

/**
 * The sections of the periodic reports, defined once: the items of Forms 10-K, 10-Q, 20-F and 40-F in the order
 * the forms give them, with their parts and official titles (and older titles as aliases: the forms have been
 * amended over the years, and a 2001 20-F heads Item 19 "Financial Statements and Exhibits"). `findSections`
 * (forms/sections.ts) finds them in documents; the CLI's `--section` and the web UI's navigator name them by `key`.
 */
export interface SectionDefinition {
  /** What a reader types: `1A`, `3.D`, `II-1A` (a 10-Q's items repeat across its two parts), `undertaking`. */
  readonly key: string;
  /** The item's number as the form writes it: `1A`, `3`, `16A`; null for a 40-F's unnumbered headings. */
  readonly item: string | null;
  /** A 20-F sub-item's letter (`D` of 3.D); null for an item. */
  readonly sub: string | null;
  readonly part: 'I' | 'II' | 'III' | 'IV' | null;
  readonly title: string;
  readonly aliases?: readonly string[];
}

export const SECTION_FORMS = ['10-K', '10-Q', '20-F', '40-F'] as const;
export type SectionForm = (typeof SECTION_FORMS)[number];

const item = (
  part: SectionDefinition['part'],
  number: string,
  title: string,
  aliases: readonly string[] = [],
  key = number,
): SectionDefinition => ({ key, item: number, sub: null, part, title, ...(aliases.length > 0 ? { aliases } : {}) });

const sub = (number: string, letter: string, title: string, aliases: readonly string[] = []): SectionDefinition => ({
  key: `${number}.${letter}`,
  item: number,
  sub: letter,
  part: Number(number) <= 12 ? 'I' : Number(number) <= 16 ? 'II' : 'III',
  title,
  ...(aliases.length > 0 ? { aliases } : {}),
});

const FORM_10K: readonly SectionDefinition[] = [
  item('I', '1', 'Business'),
  item('I', '1A', 'Risk Factors'),
  item('I', '1B', 'Unresolved Staff Comments'),
  item('I', '1C', 'Cybersecurity'),
  item('I', '2', 'Properties'),
  item('I', '3', 'Legal Proceedings'),
  item('I', '4', 'Mine Safety Disclosures', ['Submission of Matters to a Vote of Security Holders', '(Removed and Reserved)']),
  item('II', '5', "Market for Registrant's Common Equity, Related Stockholder Matters and Issuer Purchases of Equity Securities", [
    "Market for Registrant's Common Equity and Related Stockholder Matters",
  ]),
  item('II', '6', '[Reserved]', ['Selected Financial Data']),
  item('II', '7', "Management's Discussion and Analysis of Financial Condition and Results of Operations"),
  item('II', '7A', 'Quantitative and Qualitative Disclosures About Market Risk'),
  item('II', '8', 'Financial Statements and Supplementary Data'),
  item('II', '9', 'Changes in and Disagreements With Accountants on Accounting and Financial Disclosure'),
  item('II', '9A', 'Controls and Procedures'),
  item('II', '9B', 'Other Information'),
  item('II', '9C', 'Disclosure Regarding Foreign Jurisdictions that Prevent Inspections'),
  item('III', '10', 'Directors, Executive Officers and Corporate Governance', ['Directors and Executive Officers of the Registrant']),
  item('III', '11', 'Executive Compensation'),
  item('III', '12', 'Security Ownership of Certain Beneficial Owners and Management and Related Stockholder Matters'),
  item('III', '13', 'Certain Relationships and Related Transactions, and Director Independence'),
  item('III', '14', 'Principal Accountant Fees and Services'),
  item('IV', '15', 'Exhibits and Financial Statement Schedules', ['Exhibits, Financial Statement Schedules, and Reports on Form 8-K']),
  item('IV', '16', 'Form 10-K Summary'),
];

const FORM_10Q: readonly SectionDefinition[] = [
  item('I', '1', 'Financial Statements', [], 'I-1'),
  item('I', '2', "Management's Discussion and Analysis of Financial Condition and Results of Operations", [], 'I-2'),
  item('I', '3', 'Quantitative and Qualitative Disclosures About Market Risk', [], 'I-3'),
  item('I', '4', 'Controls and Procedures', [], 'I-4'),
  item('II', '1', 'Legal Proceedings', [], 'II-1'),
  item('II', '1A', 'Risk Factors', [], 'II-1A'),
  item('II', '2', 'Unregistered Sales of Equity Securities and Use of Proceeds', ['Changes in Securities and Use of Proceeds'], 'II-2'),
  item('II', '3', 'Defaults Upon Senior Securities', [], 'II-3'),
  item('II', '4', 'Mine Safety Disclosures', ['Submission of Matters to a Vote of Security Holders', '(Removed and Reserved)'], 'II-4'),
  item('II', '5', 'Other Information', [], 'II-5'),
  item('II', '6', 'Exhibits', ['Exhibits and Reports on Form 8-K'], 'II-6'),
];

const FORM_20F: readonly SectionDefinition[] = [
  item('I', '1', 'Identity of Directors, Senior Management and Advisers', ['Identity of Directors, Senior Management and Advisors']),
  sub('1', 'A', 'Directors and Senior Management'),
  sub('1', 'B', 'Advisers'),
  sub('1', 'C', 'Auditors'),
  item('I', '2', 'Offer Statistics and Expected Timetable'),
  sub('2', 'A', 'Offer Statistics'),
  sub('2', 'B', 'Method and Expected Timetable'),
  item('I', '3', 'Key Information'),
  sub('3', 'A', '[Reserved]', ['Selected Financial Data']),
  sub('3', 'B', 'Capitalization and Indebtedness'),
  sub('3', 'C', 'Reasons for the Offer and Use of Proceeds'),
  sub('3', 'D', 'Risk Factors'),
  item('I', '4', 'Information on the Company'),
  sub('4', 'A', 'History and Development of the Company'),
  sub('4', 'B', 'Business Overview'),
  sub('4', 'C', 'Organizational Structure'),
  sub('4', 'D', 'Property, Plants and Equipment'),
  item('I', '4A', 'Unresolved Staff Comments'),
  item('I', '5', 'Operating and Financial Review and Prospects'),
  sub('5', 'A', 'Operating Results'),
  sub('5', 'B', 'Liquidity and Capital Resources'),
  sub('5', 'C', 'Research and Development, Patents and Licenses, etc.'),
  sub('5', 'D', 'Trend Information'),
  sub('5', 'E', 'Critical Accounting Estimates', ['Off-Balance Sheet Arrangements']),
  sub('5', 'F', 'Tabular Disclosure of Contractual Obligations'),
  item('I', '6', 'Directors, Senior Management and Employees'),
  sub('6', 'A', 'Directors and Senior Management'),
  sub('6', 'B', 'Compensation'),
  sub('6', 'C', 'Board Practices'),
  sub('6', 'D', 'Employees'),
  sub('6', 'E', 'Share Ownership'),
  sub('6', 'F', "Disclosure of a Registrant's Action to Recover Erroneously Awarded Compensation"),
  item('I', '7', 'Major Shareholders and Related Party Transactions'),
  sub('7', 'A', 'Major Shareholders'),
  sub('7', 'B', 'Related Party Transactions'),
  sub('7', 'C', 'Interests of Experts and Counsel'),
  item('I', '8', 'Financial Information'),
  sub('8', 'A', 'Consolidated Statements and Other Financial Information'),
  sub('8', 'B', 'Significant Changes'),
  item('I', '9', 'The Offer and Listing'),
  sub('9', 'A', 'Offer and Listing Details'),
  sub('9', 'B', 'Plan of Distribution'),
  sub('9', 'C', 'Markets'),
  sub('9', 'D', 'Selling Shareholders'),
  sub('9', 'E', 'Dilution'),
  sub('9', 'F', 'Expenses of the Issue'),
  item('I', '10', 'Additional Information'),
  sub('10', 'A', 'Share Capital'),
  sub('10', 'B', 'Memorandum and Articles of Association'),
  sub('10', 'C', 'Material Contracts'),
  sub('10', 'D', 'Exchange Controls'),
  sub('10', 'E', 'Taxation'),
  sub('10', 'F', 'Dividends and Paying Agents'),
  sub('10', 'G', 'Statement by Experts'),
  sub('10', 'H', 'Documents on Display'),
  sub('10', 'I', 'Subsidiary Information'),
  sub('10', 'J', 'Annual Report to Security Holders'),
  item('I', '11', 'Quantitative and Qualitative Disclosures About Market Risk'),
  item('I', '12', 'Description of Securities Other than Equity Securities'),
  sub('12', 'A', 'Debt Securities'),
  sub('12', 'B', 'Warrants and Rights'),
  sub('12', 'C', 'Other Securities'),
  sub('12', 'D', 'American Depositary Shares'),
  item('II', '13', 'Defaults, Dividend Arrearages and Delinquencies'),
  item('II', '14', 'Material Modifications to the Rights of Security Holders and Use of Proceeds'),
  item('II', '15', 'Controls and Procedures', ['[Reserved]', 'Reserved for future use']),
  item('II', '16', '[Reserved]', ['Reserved for future use']),
  item('II', '16A', 'Audit Committee Financial Expert'),
  item('II', '16B', 'Code of Ethics'),
  item('II', '16C', 'Principal Accountant Fees and Services'),
  item('II', '16D', 'Exemptions from the Listing Standards for Audit Committees'),
  item('II', '16E', 'Purchases of Equity Securities by the Issuer and Affiliated Purchasers'),
  item('II', '16F', "Change in Registrant's Certifying Accountant"),
  item('II', '16G', 'Corporate Governance'),
  item('II', '16H', 'Mine Safety Disclosure'),
  item('II', '16I', 'Disclosure Regarding Foreign Jurisdictions that Prevent Inspections'),
  item('II', '16J', 'Insider Trading Policies'),
  item('II', '16K', 'Cybersecurity'),
  item('III', '17', 'Financial Statements'),
  item('III', '18', 'Financial Statements'),
  item('III', '19', 'Exhibits', ['Financial Statements and Exhibits']),
];

/** A 40-F numbers nothing: its disclosures are headed by their General Instruction B titles. */
const heading40F = (key: string, title: string, aliases: readonly string[] = []): SectionDefinition => ({
  key,
  item: null,
  sub: null,
  part: null,
  title,
  ...(aliases.length > 0 ? { aliases } : {}),
});

const FORM_40F: readonly SectionDefinition[] = [
  heading40F('controls', 'Disclosure Controls and Procedures', ['Controls and Procedures']),
  heading40F('internal-control', 'Internal Control over Financial Reporting', [
    "Management's Annual Report on Internal Control over Financial Reporting",
  ]),
  heading40F('audit-committee-financial-expert', 'Audit Committee Financial Expert'),
  heading40F('code-of-ethics', 'Code of Ethics'),
  heading40F('accountant-fees', 'Principal Accountant Fees and Services'),
  heading40F('pre-approval', 'Pre-Approval Policies and Procedures', ['Audit Committee Pre-Approval Policies and Procedures']),
  heading40F('off-balance-sheet', 'Off-Balance Sheet Arrangements'),
  heading40F('contractual-obligations', 'Tabular Disclosure of Contractual Obligations', ['Contractual Obligations']),
  heading40F('audit-committee', 'Identification of the Audit Committee', ['Audit Committee']),
  heading40F('mine-safety', 'Mine Safety Disclosure'),
  heading40F('cybersecurity', 'Cybersecurity'),
  heading40F('undertaking', 'Undertaking', ['Undertaking and Consent to Service of Process']),
  heading40F('consent-to-service', 'Consent to Service of Process'),
];

export const REPORT_SECTIONS: Readonly<Record<SectionForm, readonly SectionDefinition[]>> = {
  '10-K': FORM_10K,
  '10-Q': FORM_10Q,
  '20-F': FORM_20F,
  '40-F': FORM_40F,
};

/** The form whose sections a submission type has: `10-K405`, `10-KT/A` → 10-K; `20-F/A` → 20-F; null for others. */
export function sectionForm(formType: string | null | undefined): SectionForm | null {
  const base = (formType ?? '').toUpperCase().trim();
  if (/^10-K/.test(base)) return '10-K';
  if (/^10-Q/.test(base)) return '10-Q';
  if (/^20-F/.test(base)) return '20-F';
  if (/^40-F/.test(base)) return '40-F';
  return null;
}

/** A section found in a document, as values (the extractor adds its span). */
export const sectionSchema = z
  .strictObject({
    key: z.string().meta({ description: 'What `render --section` takes: `1A`, `3.D`, `II-1A`, `undertaking`.' }),
    item: z.string().nullable().meta({ description: 'The item number as the form writes it.' }),
    sub: z.string().nullable().meta({ description: "A 20-F sub-item's letter." }),
    part: z.enum(['I', 'II', 'III', 'IV']).nullable(),
    title: z.string().meta({ description: 'The official title.' }),
    heading: z.string().meta({ description: 'The heading as the document writes it.' }),
  })
  .meta({ description: 'A section of a 10-K, 10-Q, 20-F or 40-F.' });

export type SectionValues = z.output<typeof sectionSchema>;
