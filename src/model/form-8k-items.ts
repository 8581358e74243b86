import { z } from 'zod';

/**
 * The items of Form 8-K, defined once: their numbers and official titles in both numberings. From August 23, 2004
 * the form numbers its items by section (`2.02`); before, it numbered them 1 to 12 (`Item 5. Other Events`).
 * `extract8K` names every item it reads with these titles; EDGAR's header writes an item either as its number
 * (`<ITEMS>5.02` in dissemination files) or as its title (`ITEM INFORMATION: Other Events`), and both are read
 * through this table. `aliases` are other wordings of the same item seen in filings and headers.
 */
export interface Form8KItemDefinition {
  readonly number: string;
  readonly numbering: 'current' | 'legacy';
  readonly title: string;
  readonly aliases?: readonly string[];
  /** An earlier title of the same number, used for filings before `until` (YYYY-MM-DD). */
  readonly earlier?: { readonly title: string; readonly until: string };
}

/** The day the decimal numbering took effect. */
export const FORM_8K_CURRENT_NUMBERING_FROM = '2004-08-23';

export const FORM_8K_ITEMS: readonly Form8KItemDefinition[] = [
  { number: '1.01', numbering: 'current', title: 'Entry into a Material Definitive Agreement' },
  { number: '1.02', numbering: 'current', title: 'Termination of a Material Definitive Agreement' },
  { number: '1.03', numbering: 'current', title: 'Bankruptcy or Receivership' },
  { number: '1.04', numbering: 'current', title: 'Mine Safety - Reporting of Shutdowns and Patterns of Violations' },
  { number: '1.05', numbering: 'current', title: 'Material Cybersecurity Incidents' },
  { number: '2.01', numbering: 'current', title: 'Completion of Acquisition or Disposition of Assets' },
  { number: '2.02', numbering: 'current', title: 'Results of Operations and Financial Condition' },
  {
    number: '2.03',
    numbering: 'current',
    title: 'Creation of a Direct Financial Obligation or an Obligation under an Off-Balance Sheet Arrangement of a Registrant',
  },
  {
    number: '2.04',
    numbering: 'current',
    title:
      'Triggering Events That Accelerate or Increase a Direct Financial Obligation or an Obligation under an Off-Balance Sheet Arrangement',
  },
  { number: '2.05', numbering: 'current', title: 'Costs Associated with Exit or Disposal Activities' },
  { number: '2.06', numbering: 'current', title: 'Material Impairments' },
  {
    number: '3.01',
    numbering: 'current',
    title: 'Notice of Delisting or Failure to Satisfy a Continued Listing Rule or Standard; Transfer of Listing',
  },
  { number: '3.02', numbering: 'current', title: 'Unregistered Sales of Equity Securities' },
  { number: '3.03', numbering: 'current', title: 'Material Modification to Rights of Security Holders' },
  { number: '4.01', numbering: 'current', title: "Changes in Registrant's Certifying Accountant" },
  {
    number: '4.02',
    numbering: 'current',
    title: 'Non-Reliance on Previously Issued Financial Statements or a Related Audit Report or Completed Interim Review',
  },
  { number: '5.01', numbering: 'current', title: 'Changes in Control of Registrant' },
  {
    number: '5.02',
    numbering: 'current',
    title:
      'Departure of Directors or Certain Officers; Election of Directors; Appointment of Certain Officers; Compensatory Arrangements of Certain Officers',
    aliases: ['Departure of Directors or Principal Officers; Election of Directors; Appointment of Principal Officers'],
  },
  { number: '5.03', numbering: 'current', title: 'Amendments to Articles of Incorporation or Bylaws; Change in Fiscal Year' },
  { number: '5.04', numbering: 'current', title: "Temporary Suspension of Trading Under Registrant's Employee Benefit Plans" },
  {
    number: '5.05',
    numbering: 'current',
    title: "Amendments to the Registrant's Code of Ethics, or Waiver of a Provision of the Code of Ethics",
  },
  { number: '5.06', numbering: 'current', title: 'Change in Shell Company Status' },
  { number: '5.07', numbering: 'current', title: 'Submission of Matters to a Vote of Security Holders' },
  { number: '5.08', numbering: 'current', title: 'Shareholder Director Nominations' },
  { number: '6.01', numbering: 'current', title: 'ABS Informational and Computational Material' },
  { number: '6.02', numbering: 'current', title: 'Change of Servicer or Trustee' },
  { number: '6.03', numbering: 'current', title: 'Change in Credit Enhancement or Other External Support' },
  { number: '6.04', numbering: 'current', title: 'Failure to Make a Required Distribution' },
  { number: '6.05', numbering: 'current', title: 'Securities Act Updating Disclosure' },
  { number: '6.06', numbering: 'current', title: 'Static Pool' },
  { number: '7.01', numbering: 'current', title: 'Regulation FD Disclosure' },
  { number: '8.01', numbering: 'current', title: 'Other Events' },
  { number: '9.01', numbering: 'current', title: 'Financial Statements and Exhibits' },
  { number: '1', numbering: 'legacy', title: 'Changes in Control of Registrant' },
  { number: '2', numbering: 'legacy', title: 'Acquisition or Disposition of Assets' },
  { number: '3', numbering: 'legacy', title: 'Bankruptcy or Receivership' },
  { number: '4', numbering: 'legacy', title: "Changes in Registrant's Certifying Accountant" },
  { number: '5', numbering: 'legacy', title: 'Other Events', aliases: ['Other Events and Regulation FD Disclosure'] },
  { number: '6', numbering: 'legacy', title: "Resignations of Registrant's Directors" },
  {
    number: '7',
    numbering: 'legacy',
    title: 'Financial Statements, Pro Forma Financial Information and Exhibits',
    aliases: ['Financial Statements and Exhibits'],
  },
  { number: '8', numbering: 'legacy', title: 'Change in Fiscal Year' },
  {
    number: '9',
    numbering: 'legacy',
    title: 'Regulation FD Disclosure',
    earlier: { title: 'Sales of Equity Securities Pursuant to Regulation S', until: '2000-10-23' },
  },
  {
    number: '10',
    numbering: 'legacy',
    title: "Amendments to the Registrant's Code of Ethics, or Waiver of a Provision of the Code of Ethics",
  },
  { number: '11', numbering: 'legacy', title: "Temporary Suspension of Trading Under Registrant's Employee Benefit Plans" },
  { number: '12', numbering: 'legacy', title: 'Results of Operations and Financial Condition' },
];

const BY_KEY = new Map(FORM_8K_ITEMS.map((item) => [`${item.numbering}:${item.number}`, item]));

/** The item of that number, in the numbering its form tells (`2.02` current, `5` legacy); undefined when unknown. */
export function form8KItem(number: string): Form8KItemDefinition | undefined {
  const numbering = number.includes('.') ? 'current' : 'legacy';
  return BY_KEY.get(`${numbering}:${number}`);
}

/** The official title of an item as it stood on `filedAt` (YYYY-MM-DD; null: the latest). */
export function form8KItemTitle(item: Form8KItemDefinition, filedAt: string | null): string {
  return item.earlier && filedAt !== null && filedAt < item.earlier.until ? item.earlier.title : item.title;
}

/** Letters and digits only, lower case, one space between words: titles compare without punctuation. */
export function titleWords(text: string): string {
  return text
    .toLowerCase()
    .replace(/[’‘`]/g, "'")
    .replace(/'s\b/g, 's')
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

/** The items whose title (or an alias) is `text`, compared without case or punctuation; a prefix of 4+ words counts. */
export function form8KItemsTitled(text: string): Form8KItemDefinition[] {
  const wanted = titleWords(text);
  if (wanted === '') return [];
  const exact = FORM_8K_ITEMS.filter((item) =>
    [item.title, ...(item.aliases ?? []), ...(item.earlier ? [item.earlier.title] : [])].some((title) => titleWords(title) === wanted),
  );
  if (exact.length > 0) return exact;
  if (wanted.split(' ').length < 4) return [];
  return FORM_8K_ITEMS.filter((item) => {
    const title = titleWords(item.title);
    return title.startsWith(wanted) || wanted.startsWith(title);
  });
}

/** One item of an 8-K record, as values (the extractor adds spans). */
export const form8KItemSchema = z
  .strictObject({
    number: z
      .string()
      .regex(/^(?:\d{1,2}|\d\.\d{2})$/)
      .nullable()
      .meta({ description: 'The item number: `2.02` (from August 2004) or `5` (before), or null when it cannot be told.' }),
    numbering: z.enum(['current', 'legacy']).nullable().meta({ description: 'Which numbering the number belongs to.' }),
    title: z.string().nullable().meta({ description: "The item's official title, as it stood when the filing was made." }),
    inHeader: z.boolean().meta({ description: "True when the submission header's ITEM INFORMATION / ITEMS lists the item." }),
    headerText: z.string().nullable().meta({ description: 'The header value as written (a number or a title).' }),
    inBody: z.boolean().meta({ description: 'True when the document has a heading for the item.' }),
  })
  .meta({ description: 'An item an 8-K reports.' });

export type Form8KItemValues = z.output<typeof form8KItemSchema>;
