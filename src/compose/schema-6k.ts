/**
 * The JSON Schema (draft 2020-12) of the composer's 6-K input: `edgarkit compose --schema` prints it, and
 * testdata/compose/form-6k-record.schema.json is a copy of it (a test keeps the two equal). The input reader checks
 * records against this very object (check-schema.ts), so the published schema and the checks cannot drift.
 * `x-expected` is our own annotation: the words an error message uses for what a field must be.
 */

const LINE = '^[^\\u0000-\\u001f\\u007f]*$';
const DATE = { type: ['string', 'null'], pattern: '^\\d{4}-\\d{2}-\\d{2}$', 'x-expected': 'a date YYYY-MM-DD, like 2002-12-24, or null' };

const regulator = {
  type: 'object',
  description: 'A regulator or exchange the exhibit was filed with.',
  required: ['name'],
  additionalProperties: false,
  properties: {
    name: {
      type: 'string',
      minLength: 1,
      maxLength: 200,
      pattern: '^[A-Z]',
      'x-expected': 'a name that starts with a capital letter, like "KOSDAQ" (leave out a leading "the")',
      description: 'The name as the filing uses it; its short name when the filing defines one ("KOSDAQ").',
    },
    fullName: {
      type: ['string', 'null'],
      minLength: 1,
      maxLength: 200,
      pattern: '^[A-Z]',
      'x-expected': 'a name that starts with a capital letter, or null',
      description: 'The full name a short name stands for: "Korea Securities Dealers Association Automated Quotation Market".',
    },
  },
} as const;

const exhibit = {
  type: 'object',
  description: 'An exhibit: listed on the exhibit index, and carried as a document of its own when `attached`.',
  required: ['number', 'description'],
  additionalProperties: false,
  properties: {
    number: {
      type: 'string',
      pattern: '^(?:\\d{1,3}(?:\\.\\d{1,3}){0,2}(?:\\.?[A-Z])?|[A-Z])$',
      'x-expected': 'an exhibit number like "99.1", "99.A" or "1" (in quotes: unquoted 99.1 is a number in YAML)',
      description: 'As the exhibit index writes it; the document type is EX- and the number (EX-99.1).',
    },
    description: {
      type: 'string',
      minLength: 1,
      maxLength: 1000,
      pattern: LINE,
      'x-expected': 'one line of text',
      description:
        'What the exhibit is, without the "filed with … on …" clause: "a notice of lease of real estate to an affiliated company".',
    },
    date: { ...DATE, description: 'The date it was filed with the regulators (written "on December 24, 2002").' },
    filedWith: {
      type: 'array',
      maxItems: 10,
      items: regulator,
      description: 'Regulators and exchanges, in the order the filing names them.',
    },
    attached: {
      type: 'boolean',
      description: 'True when the submission carries the exhibit as a document (default: true when `file` is given).',
    },
    documentSequence: {
      type: ['integer', 'null'],
      minimum: 2,
      maximum: 999,
      'x-expected': 'a whole number from 2, or null',
      description: 'The <SEQUENCE> of its document. The composer numbers documents itself; a value given here must agree.',
    },
    file: {
      type: ['string', 'null'],
      minLength: 1,
      pattern: '\\.(?:txt|htm|html)$',
      'x-expected': 'the path of a .txt, .htm or .html file (a PDF goes in "pdf", images in "graphics")',
      description: "Compose only: the exhibit's source, relative to the input file.",
    },
    pdf: {
      type: ['string', 'null'],
      minLength: 1,
      pattern: '\\.pdf$',
      'x-expected': 'the path of a .pdf file',
      description: 'Compose only: an unofficial PDF copy of the exhibit (sent uuencoded, with the same document type).',
    },
    graphics: {
      type: 'array',
      maxItems: 50,
      items: { type: 'string', pattern: '\\.(?:jpg|jpeg|gif)$', 'x-expected': 'the path of a .jpg or .gif image' },
      description: "Compose only: images the exhibit's HTML shows (sent uuencoded as GRAPHIC documents, under their own names).",
    },
  },
} as const;

const signature = {
  type: 'object',
  description: 'A signature block.',
  required: ['signature', 'name'],
  additionalProperties: false,
  properties: {
    registrant: { type: ['string', 'null'], minLength: 1, maxLength: 150, pattern: LINE, 'x-expected': 'one line of text, or null' },
    signature: {
      type: ['string', 'null'],
      minLength: 1,
      maxLength: 150,
      pattern: LINE,
      'x-expected': 'one line of text such as "/s/ Kyu June Hwang", or null',
      description: 'As signed: "/s/ Kyu June Hwang".',
    },
    name: { type: ['string', 'null'], minLength: 1, maxLength: 150, pattern: LINE, 'x-expected': 'one line of text, or null' },
    title: { type: ['string', 'null'], minLength: 1, maxLength: 150, pattern: LINE, 'x-expected': 'one line of text, or null' },
    date: { ...DATE, description: 'The date beside the signature.' },
  },
} as const;

export const FORM_6K_SCHEMA = {
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  $id: 'urn:edgarkit:schema:compose:6-k:1',
  title: 'edgarkit Form 6-K record',
  description:
    'A Form 6-K as a typed record: the values `edgarkit extract` reads from a 6-K, and the input of `edgarkit compose 6-k`. Written as JSON, or as YAML (the subset src/compose/read-yaml.ts describes: block mappings and lists, quoted and plain scalars, | and > blocks, one-line flow collections, comments).',
  type: 'object',
  required: ['form', 'reportMonth', 'registrant', 'annualReportForm', 'exhibits', 'signatures'],
  additionalProperties: false,
  properties: {
    $schema: { type: 'string', description: 'Ignored: lets an editor find this schema.' },
    form: { enum: ['6-K', '6-K/A'], 'x-expected': '"6-K" or "6-K/A"' },
    reportMonth: {
      type: 'string',
      pattern: '^\\d{4}-(?:0[1-9]|1[0-2])$',
      'x-expected': 'a month YYYY-MM, like 2002-12',
      description: 'The month of the report: "For the month of December 2002".',
    },
    registrant: {
      type: 'string',
      minLength: 1,
      maxLength: 150,
      pattern: LINE,
      'x-expected': 'the name of the registrant on one line',
      description: 'The name of the registrant, as on the cover.',
    },
    address: {
      type: ['string', 'null'],
      minLength: 1,
      maxLength: 300,
      pattern: LINE,
      'x-expected': 'one line of text, or null',
      description: 'Principal executive offices; ", " separates the parts the cover may put on lines of their own.',
    },
    commissionFileNumber: {
      type: ['string', 'null'],
      pattern: '^(?:\\d{1,3}-)?\\d{4,6}(?:-\\d{1,3})?$',
      'x-expected': 'a file number like "001-31269", or null',
    },
    annualReportForm: { enum: ['20-F', '40-F', null], 'x-expected': '"20-F", "40-F" or null' },
    furnishesUnderRule12g32b: {
      type: ['boolean', 'null'],
      description: 'The Rule 12g3-2(b) answer; null leaves the question off the cover.',
    },
    rule12g32bFileNumber: {
      type: ['string', 'null'],
      pattern: '^82-\\d(?:[\\d-]*\\d)?$',
      'x-expected': 'an 82- file number like "82-4453", or null',
    },
    paperUnderRule101b1: { type: ['boolean', 'null'], description: 'The Regulation S-T Rule 101(b)(1) paper box; null leaves it off.' },
    paperUnderRule101b7: { type: ['boolean', 'null'], description: 'The Regulation S-T Rule 101(b)(7) paper box; null leaves it off.' },
    furnishing: {
      type: ['string', 'null'],
      maxLength: 5000,
      description: 'Compose only: the text above the exhibit list that says what is furnished (paragraphs separated by a blank line).',
    },
    exhibits: { type: 'array', maxItems: 100, items: exhibit },
    signatures: { type: 'array', maxItems: 20, items: signature },
  },
} as const;

/** The JSON Schema subset check-schema.ts understands. */
export interface SchemaNode {
  readonly type?: string | readonly string[];
  readonly enum?: readonly unknown[];
  readonly pattern?: string;
  readonly minLength?: number;
  readonly maxLength?: number;
  readonly minimum?: number;
  readonly maximum?: number;
  readonly maxItems?: number;
  readonly required?: readonly string[];
  readonly additionalProperties?: boolean;
  readonly properties?: Readonly<Record<string, SchemaNode>>;
  readonly items?: SchemaNode;
  readonly description?: string;
  readonly 'x-expected'?: string;
}
