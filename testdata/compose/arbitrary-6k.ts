import fc from 'fast-check';
import type { Compose6KRecord, Exhibit6KInput, Regulator6K, Signature6K } from '../../src/compose/record-6k.js';

/**
 * Generated 6-K records for the property tests and the benchmark: every field a real 6-K has, in the shapes real
 * filings use (see the corpus goldens), and only records that the record itself can express — the "canonical"
 * records: a regulator's full name is the same wherever it is used, a name is the one its `/s/` signature shows,
 * a date given without regulators is written in the description ("…, dated March 3, 2009"), as filings write it.
 */

const COMPANY_WORDS = ['Hanaro', 'Acergy', 'Nordic', 'Pacific', 'Alpine', 'Telecom', 'Mining', 'Holdings', 'Energy', 'Bio', 'Pharma', 'Steel', 'Shipping', 'Media', 'Royal', 'Orient', 'Andes', 'Baltic', 'Delta', 'Summit', 'Lumen', 'Kaskade', 'Verde'];
const LEGAL = ['Inc.', 'Ltd.', 'S.A.', 'N.V.', 'plc', 'AG', 'Co., Ltd.', 'Limited', 'Corporation', 'ASA', 'SE'];
const STREETS = ['Kukje Electronics Center Bldg.', '24th Floor', '200 Hammersmith Road', 'Rue Louis-d\'Affry 6', 'Amstelplein 2', 'Seocho-dong 1445-3', 'Seocho-ku', 'Suite 1200', 'Tower B', '9 Queen Street', 'Marunouchi 2-chome'];
const CITIES = ['Seoul, Korea 137-728', 'London, W6 7DL, England', 'Fribourg, Switzerland', 'Amsterdam, The Netherlands', 'Tokyo 100-0005, Japan', 'Oslo, Norway', 'Vancouver, Canada V5J 5J8'];
const NOUNS = ['notice', 'press release', 'report', 'announcement', 'letter', 'statement', 'circular', 'resolution', 'summary', 'presentation'];
const TOPICS = [
  'the redemption of convertible bonds',
  'the lease of real estate to an affiliated company',
  'the results of the annual general meeting',
  'quarterly operating results',
  'a change in the board of directors',
  'the acquisition of a subsidiary',
  'the issue of new shares',
  'the payment of a dividend',
  'an update on the exploration program',
  'the appointment of auditors',
];
const PEOPLE = ['Kyu June Hwang', 'John Smith', 'Maria Lopez', 'Erik Hansen', 'Akiko Tanaka', 'Peter van Dijk', 'Anne-Marie Dubois', 'Li Wei'];
const TITLES = ['Managing Director', 'Chief Financial Officer', 'General Counsel', 'Company Secretary', 'Director', 'Chief Executive Officer', 'Head of Investor Relations'];

/** Regulators with one fixed full name each (or none), as a filing keeps them. */
const REGULATORS: readonly Regulator6K[] = [
  { name: 'KOSDAQ', fullName: 'Korea Securities Dealers Association Automated Quotation Market' },
  { name: 'Financial Supervisory Commission of Korea', fullName: null },
  { name: 'OSE', fullName: 'Oslo Stock Exchange' },
  { name: 'Swiss Exchange', fullName: null },
  { name: 'AMF', fullName: 'Autorite des Marches Financiers' },
  { name: 'Tokyo Stock Exchange', fullName: null },
];

const date = fc
  .record({ year: fc.integer({ min: 1996, max: 2030 }), month: fc.integer({ min: 1, max: 12 }), day: fc.integer({ min: 1, max: 28 }) })
  .map(({ year, month, day }) => `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`);

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
function written(iso: string): string {
  const [year, month, day] = iso.split('-');
  return `${MONTHS[Number(month) - 1]} ${Number(day)}, ${year}`;
}

const registrant = fc
  .tuple(fc.subarray(COMPANY_WORDS, { minLength: 1, maxLength: 3 }), fc.constantFrom(...LEGAL), fc.boolean())
  .map(([words, legal, upper]) => {
    const name = `${words.join(' ')} ${legal}`;
    return upper ? name.toUpperCase() : name;
  });

const address = fc.option(
  fc.tuple(fc.subarray(STREETS, { minLength: 0, maxLength: 3 }), fc.constantFrom(...CITIES)).map(([streets, city]) => [...streets, city].join(', ')),
  { nil: null },
);

const description = fc
  .tuple(fc.constantFrom('a', 'the'), fc.constantFrom(...NOUNS), fc.constantFrom('regarding', 'on', 'concerning', 'relating to'), fc.constantFrom(...TOPICS))
  .map(([article, noun, joint, topic]) => `${article === 'a' && /^[aeiou]/.test(noun) ? 'an' : article} ${noun} ${joint} ${topic}`);

interface ExhibitDraft {
  readonly description: string;
  readonly date: string | null;
  readonly filedWith: readonly Regulator6K[];
  readonly attached: boolean;
  readonly html: boolean;
  readonly pdf: boolean;
}

const exhibitDraft: fc.Arbitrary<ExhibitDraft> = fc
  .record({
    description,
    date: fc.option(date, { nil: null }),
    filedWith: fc.subarray([...REGULATORS], { minLength: 0, maxLength: 3 }),
    attached: fc.boolean(),
    html: fc.boolean(),
    pdf: fc.boolean(),
    datedInDescription: fc.boolean(),
  })
  .map(({ datedInDescription, ...draft }) => ({
    ...draft,
    // Without regulators a date is said in the description ("…, dated March 3, 2009") or in a sentence of its own.
    description: draft.filedWith.length === 0 && draft.date !== null && datedInDescription ? `${draft.description}, dated ${written(draft.date)}` : draft.description,
  }));

const SIGNATURE_FIELDS = {
  signed: fc.constantFrom<'s' | 'typed' | 'blank'>('s', 's', 'typed', 'blank'),
  title: fc.option(fc.constantFrom(...TITLES), { nil: null }),
  date: fc.option(date, { nil: null }),
  otherRegistrant: fc.boolean(),
};

export interface Generated6K {
  readonly record: Compose6KRecord;
  /** The exhibits' source files, by the path the record names. */
  readonly sources: ReadonlyMap<string, Uint8Array>;
}

const encoder = new TextEncoder();
const PDF = encoder.encode('%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n');

/** Names and words outside ASCII, for HTML (which keeps them as character references). */
const UNICODE_COMPANIES = ['Société Générale S.A.', 'Nestlé S.A.', 'Tōkyō Denki K.K.', 'Ørsted A/S', 'Müller Holding AG', 'Compañía Minera S.A.'];
const UNICODE_PEOPLE = ['Petri Hofsté', 'José Núñez', 'Jürgen Groß', 'Zoë Ångström'];

export interface Arbitrary6KOptions {
  /** Also non-ASCII names and typography (curly apostrophes, dashes): only HTML keeps them. */
  readonly unicode?: boolean;
}

export function arbitrary6K(options: Arbitrary6KOptions = {}): fc.Arbitrary<Generated6K> {
  const companies = options.unicode ? fc.oneof(registrant, fc.constantFrom(...UNICODE_COMPANIES)) : registrant;
  const people = options.unicode ? fc.constantFrom(...PEOPLE, ...UNICODE_PEOPLE) : fc.constantFrom(...PEOPLE);
  const signatures = fc.record({ ...SIGNATURE_FIELDS, person: people });
  const exhibits = options.unicode
    ? exhibitDraft.chain((draft) => fc.boolean().map((curly) => (curly ? { ...draft, description: `${draft.description} \u2013 the company\u2019s update` } : draft)))
    : exhibitDraft;
  return fc
  .record({
    form: fc.constantFrom<'6-K' | '6-K/A'>('6-K', '6-K', '6-K/A'),
    year: fc.integer({ min: 1996, max: 2030 }),
    month: fc.integer({ min: 1, max: 12 }),
    registrant: companies,
    address,
    commissionFileNumber: fc.option(fc.integer({ min: 10000, max: 99999 }).map((n) => `001-${n}`), { nil: null }),
    annualReportForm: fc.constantFrom<'20-F' | '40-F' | null>('20-F', '40-F', null),
    furnishes: fc.constantFrom<boolean | null>(true, false, null),
    fileNumber82: fc.option(fc.integer({ min: 1000, max: 99999 }).map((n) => `82-${n}`), { nil: null }),
    paper: fc.constantFrom<boolean | null>(true, false, null),
    paper7: fc.constantFrom<boolean | null>(true, false, null),
    exhibits: fc.array(exhibits, { maxLength: 5 }),
    numbering: fc.constantFrom<'dotted' | 'lettered' | 'plain'>('dotted', 'dotted', 'lettered', 'plain'),
    signatures: fc.array(signatures, { minLength: 1, maxLength: 3 }),
    furnishing: fc.option(
      fc.constantFrom(
        'The Company is furnishing under cover of Form 6-K the following:',
        'This report on Form 6-K contains the following:',
        'The registrant publishes the information below in its home market.\n\nIt is furnishing under cover of Form 6-K:',
      ),
      { nil: null },
    ),
  })
  .map((draft): Generated6K => {
    const sources = new Map<string, Uint8Array>();
    let sequence = 2;
    const exhibits: Exhibit6KInput[] = draft.exhibits.map((exhibit, index) => {
      const number = draft.numbering === 'lettered' && index === 0 ? '99.A' : draft.numbering === 'plain' ? String(index + 1) : `99.${index + 1}`;
      let file: string | null = null;
      let pdf: string | null = null;
      let documentSequence: number | null = null;
      if (exhibit.attached) {
        file = `exhibits/exhibit-${index + 1}.${exhibit.html ? 'htm' : 'txt'}`;
        sources.set(
          file,
          encoder.encode(
            exhibit.html
              ? `<html><body><p align="center"><b>Exhibit ${number}</b></p><p>${exhibit.description} &#8211; full text.</p></body></html>\n`
              : `Exhibit ${number}\n\n${exhibit.description}: full text of the exhibit.\n`,
          ),
        );
        documentSequence = sequence;
        sequence += exhibit.pdf ? 2 : 1;
        if (exhibit.pdf) {
          pdf = `exhibits/exhibit-${index + 1}.pdf`;
          sources.set(pdf, PDF);
        }
      }
      return {
        number,
        description: exhibit.description,
        date: exhibit.date,
        filedWith: exhibit.filedWith,
        attached: exhibit.attached,
        documentSequence,
        file,
        pdf,
        graphics: [],
      };
    });
    const reportMonth = `${draft.year}-${String(draft.month).padStart(2, '0')}`;
    const signatures: Signature6K[] = draft.signatures.map((signature, index) => ({
      registrant: index > 0 && signature.otherRegistrant ? `${draft.registrant.replace(/\s+\S+$/, '')} Finance B.V.` : draft.registrant,
      signature: signature.signed === 's' ? `/s/ ${signature.person}` : signature.signed === 'typed' ? signature.person : null,
      name: signature.person,
      title: signature.title,
      date: signature.date,
    }));
    const record: Compose6KRecord = {
      form: draft.form,
      reportMonth,
      registrant: draft.registrant,
      address: draft.address,
      commissionFileNumber: draft.commissionFileNumber,
      annualReportForm: draft.annualReportForm,
      furnishesUnderRule12g32b: draft.furnishes,
      rule12g32bFileNumber: draft.furnishes === true ? draft.fileNumber82 : null,
      paperUnderRule101b1: draft.paper,
      paperUnderRule101b7: draft.paper === null ? null : draft.paper7 ?? false,
      exhibits,
      signatures,
      furnishing: draft.furnishing,
    };
    return { record, sources };
  });
}
