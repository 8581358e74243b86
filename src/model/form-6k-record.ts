import { z } from 'zod';

/**
 * The 6-K record, defined once. `extract6K` fills the values (adding a span to each, see forms/form-6k.ts);
 * `edgarkit compose 6-k` reads them (plus a few compose-only fields); and from this one zod definition come the
 * compose schema (`FORM_6K_SCHEMA`, JSON Schema 2020-12 by `z.toJSONSchema`), the checks and messages of the
 * compose input (compose/read-record.ts), the CSV columns of `extract --csv`, the compose form's fields and the
 * record view's labels. zod rather than TypeBox because the server's OpenAPI document is generated from zod route
 * schemas (@hono/zod-openapi) too: one schema library for types, JSON Schema and OpenAPI.
 *
 * Metadata each field carries (`.meta()`), read by those derivations:
 * - `x-expected`: the words an error message uses for what the field must be (also written into the JSON Schema);
 * - `label`: the field's short name in the record view and the CSV header's order;
 * - `question`: the cover's wording, on the compose form; `hint`: a short hint beside it;
 * - `composeOnly`: true for fields the extractor never fills (the composer's own inputs).
 */

export interface Form6KFieldMeta {
  readonly description?: string;
  readonly 'x-expected'?: string;
  readonly label?: string;
  readonly question?: string;
  readonly hint?: string;
  readonly composeOnly?: boolean;
  /** The compose form's input for a text field, when not plain text. */
  readonly inputType?: 'month' | 'date';
}

/** One line of text: no control characters (a line break would break the cover's layout). */
// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are exactly what this excludes.
const LINE = /^[^\u0000-\u001f\u007f]*$/u;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

const meta = (values: Form6KFieldMeta) => values as Record<string, unknown>;

const date = (description: string) =>
  z
    .string()
    .regex(DATE)
    .nullable()
    .meta(meta({ 'x-expected': 'a date YYYY-MM-DD, like 2002-12-24, or null', description }));

const line = (maxLength: number, expected: string, extra: Form6KFieldMeta = {}) =>
  z
    .string()
    .min(1)
    .max(maxLength)
    .regex(LINE)
    .nullable()
    .meta(meta({ 'x-expected': expected, ...extra }));

export const regulator6KSchema = z
  .strictObject({
    name: z
      .string()
      .min(1)
      .max(200)
      .regex(/^[A-Z]/)
      .meta(
        meta({
          'x-expected': 'a name that starts with a capital letter, like "KOSDAQ" (leave out a leading "the")',
          description: 'The name as the filing uses it; its short name when the filing defines one ("KOSDAQ").',
        }),
      ),
    fullName: z
      .string()
      .min(1)
      .max(200)
      .regex(/^[A-Z]/)
      .nullable()
      .optional()
      .meta(
        meta({
          'x-expected': 'a name that starts with a capital letter, or null',
          description: 'The full name a short name stands for: "Korea Securities Dealers Association Automated Quotation Market".',
        }),
      ),
  })
  .meta(meta({ description: 'A regulator or exchange the exhibit was filed with.' }));

export const exhibit6KSchema = z
  .strictObject({
    number: z
      .string()
      .regex(/^(?:\d{1,3}(?:\.\d{1,3}){0,2}(?:\.?[A-Z])?|[A-Z])$/)
      .meta(
        meta({
          'x-expected': 'an exhibit number like "99.1", "99.A" or "1" (in quotes: unquoted 99.1 is a number in YAML)',
          description: 'As the exhibit index writes it; the document type is EX- and the number (EX-99.1).',
          label: 'Exhibit number',
        }),
      ),
    description: z
      .string()
      .min(1)
      .max(1000)
      .regex(LINE)
      .meta(
        meta({
          'x-expected': 'one line of text',
          description:
            'What the exhibit is, without the "filed with … on …" clause: "a notice of lease of real estate to an affiliated company".',
          label: 'Description',
        }),
      ),
    date: date('The date it was filed with the regulators (written "on December 24, 2002").')
      .optional()
      .meta(meta({ label: 'Date filed', inputType: 'date' })),
    filedWith: z
      .array(regulator6KSchema)
      .max(10)
      .optional()
      .meta(
        meta({
          description: 'Regulators and exchanges, in the order the filing names them.',
          label: 'Filed with',
          hint: 'one per line; "SHORT = Full name"',
        }),
      ),
    attached: z
      .boolean()
      .optional()
      .meta(
        meta({
          description: 'True when the submission carries the exhibit as a document (default: true when `file` is given).',
          label: 'Attached',
        }),
      ),
    documentSequence: z
      .number()
      .int()
      .min(1)
      .max(999)
      .nullable()
      .optional()
      .meta(
        meta({
          'x-expected': 'a whole number from 1, or null',
          description:
            'The <SEQUENCE> of its document (1 when the exhibit is printed inside the 6-K itself). The composer numbers documents itself; a value given here must agree.',
          label: 'Document',
        }),
      ),
    file: z
      .string()
      .min(1)
      .regex(/\.(?:txt|htm|html)$/)
      .nullable()
      .optional()
      .meta(
        meta({
          'x-expected': 'the path of a .txt, .htm or .html file (a PDF goes in "pdf", images in "graphics")',
          description: "Compose only: the exhibit's source, relative to the input file.",
          composeOnly: true,
        }),
      ),
    pdf: z
      .string()
      .min(1)
      .regex(/\.pdf$/)
      .nullable()
      .optional()
      .meta(
        meta({
          'x-expected': 'the path of a .pdf file',
          description: 'Compose only: an unofficial PDF copy of the exhibit (sent uuencoded, with the same document type).',
          composeOnly: true,
        }),
      ),
    graphics: z
      .array(
        z
          .string()
          .regex(/\.(?:jpg|jpeg|gif)$/)
          .meta(meta({ 'x-expected': 'the path of a .jpg or .gif image' })),
      )
      .max(50)
      .optional()
      .meta(
        meta({
          description: "Compose only: images the exhibit's HTML shows (sent uuencoded as GRAPHIC documents, under their own names).",
          composeOnly: true,
        }),
      ),
  })
  .meta(meta({ description: 'An exhibit: listed on the exhibit index, and carried as a document of its own when `attached`.' }));

/** The zod schema of a 6-K signature block's values (part of `form6KRecordSchema`). */
export const signature6KSchema = z
  .strictObject({
    registrant: line(150, 'one line of text, or null', { label: 'Registrant (as signed)' }).optional(),
    signature: line(150, 'one line of text such as "/s/ Kyu June Hwang", or null', {
      description: 'As signed: "/s/ Kyu June Hwang".',
      label: 'Signature',
    }),
    name: line(150, 'one line of text, or null', { label: 'Name' }),
    title: line(150, 'one line of text, or null', { label: 'Title' }).optional(),
    date: date('The date beside the signature.')
      .optional()
      .meta(meta({ label: 'Date', inputType: 'date' })),
  })
  .meta(meta({ description: 'A signature block.' }));

/** The 6-K record as `compose` reads it (and as `extract --record` prints it): values, no spans. */
export const form6KRecordSchema = z
  .strictObject({
    $schema: z
      .string()
      .optional()
      .meta(meta({ description: 'Ignored: lets an editor find this schema.', composeOnly: true })),
    source: z
      .string()
      .min(1)
      .nullable()
      .optional()
      .meta(
        meta({
          description:
            'Compose only: the submission these values were extracted from (`extract --record` writes it). An attached exhibit with no `file` is taken from its document there.',
          'x-expected': 'the path of the submission the record was extracted from, or null',
          composeOnly: true,
        }),
      ),
    form: z.enum(['6-K', '6-K/A']).meta(meta({ 'x-expected': '"6-K" or "6-K/A"', label: 'Form' })),
    reportMonth: z
      .string()
      .regex(/^\d{4}-(?:0[1-9]|1[0-2])$/)
      .meta(
        meta({
          'x-expected': 'a month YYYY-MM, like 2002-12',
          description: 'The month of the report: "For the month of December 2002".',
          label: 'Report month',
          question: 'For the month of',
          hint: 'YYYY-MM',
          inputType: 'month',
        }),
      ),
    registrant: z
      .string()
      .min(1)
      .max(150)
      .regex(LINE)
      .meta(
        meta({
          'x-expected': 'the name of the registrant on one line',
          description: 'The name of the registrant, as on the cover.',
          label: 'Registrant',
          question: 'Name of the registrant',
        }),
      ),
    address: line(300, 'one line of text, or null', {
      description: 'Principal executive offices; ", " separates the parts the cover may put on lines of their own.',
      label: 'Address',
      question: 'Address of principal executive offices',
      hint: 'parts separated by ", "',
    }).optional(),
    commissionFileNumber: z
      .string()
      .regex(/^(?:\d{1,3}-)?\d{4,6}(?:-\d{1,3})?$/)
      .nullable()
      .optional()
      .meta(
        meta({
          'x-expected': 'a file number like "001-31269", or null',
          label: 'Commission file number',
          question: 'Commission file number',
        }),
      ),
    annualReportForm: z
      .enum(['20-F', '40-F'])
      .nullable()
      .meta(meta({ 'x-expected': '"20-F", "40-F" or null', label: 'Files annual reports on', question: 'Annual reports on' })),
    furnishesUnderRule12g32b: z
      .boolean()
      .nullable()
      .optional()
      .meta(
        meta({
          description: 'The Rule 12g3-2(b) answer; null leaves the question off the cover.',
          label: 'Furnishes under Rule 12g3-2(b)',
          question: 'Also furnished under Rule 12g3-2(b)?',
        }),
      ),
    rule12g32bFileNumber: z
      .string()
      .regex(/^82-\d(?:[\d-]*\d)?$/)
      .nullable()
      .optional()
      .meta(
        meta({
          'x-expected': 'an 82- file number like "82-4453", or null',
          label: 'Rule 12g3-2(b) file number',
          question: 'Rule 12g3-2(b) file number',
          hint: '82-…',
        }),
      ),
    paperUnderRule101b1: z
      .boolean()
      .nullable()
      .optional()
      .meta(
        meta({
          description: 'The Regulation S-T Rule 101(b)(1) paper box; null leaves it off.',
          label: 'Paper under Rule 101(b)(1)',
          question: 'Paper under Regulation S-T Rule 101(b)(1)?',
        }),
      ),
    paperUnderRule101b7: z
      .boolean()
      .nullable()
      .optional()
      .meta(
        meta({
          description: 'The Regulation S-T Rule 101(b)(7) paper box; null leaves it off.',
          label: 'Paper under Rule 101(b)(7)',
          question: 'Paper under Regulation S-T Rule 101(b)(7)?',
        }),
      ),
    furnishing: z
      .string()
      .max(5000)
      .nullable()
      .optional()
      .meta(
        meta({
          description: 'Compose only: the text above the exhibit list that says what is furnished (paragraphs separated by a blank line).',
          composeOnly: true,
        }),
      ),
    exhibits: z
      .array(exhibit6KSchema)
      .max(100)
      .meta(meta({ label: 'Exhibits' })),
    signatures: z
      .array(signature6KSchema)
      .max(20)
      .meta(meta({ label: 'Signatures' })),
  })
  .meta(
    meta({
      title: 'edgarkit Form 6-K record',
      description:
        'A Form 6-K as a typed record: the values `edgarkit extract --record` prints from a 6-K, and the input of `edgarkit compose 6-k`. Written as JSON, or as YAML 1.2 (anchors, aliases and tags are refused).',
    } as Form6KFieldMeta),
  );

/** The record as the schema reads it (optional fields may be absent). */
export type Form6KRecordInput = z.output<typeof form6KRecordSchema>;

/** A regulator or exchange an exhibit was filed with: its short name and, when given, its full name. */
export type Regulator6K = { readonly name: string; readonly fullName: string | null };

/** The values of an exhibit the extractor gives (compose-only fields dropped, defaults filled in). */
export interface Exhibit6KValues {
  readonly number: string;
  readonly description: string;
  /** YYYY-MM-DD: the date it was filed with the regulators (or the date its description gives). */
  readonly date: string | null;
  readonly filedWith: readonly Regulator6K[];
  /** True when the submission carries the exhibit as a document. */
  readonly attached: boolean;
  /** The `<SEQUENCE>` of its document. */
  readonly documentSequence: number | null;
}

/** A signature block's values, without spans. */
export type Signature6KValues = {
  readonly [Key in keyof z.output<typeof signature6KSchema>]-?: Exclude<z.output<typeof signature6KSchema>[Key], undefined>;
};

/** The cover's questions: every field of the record but the form, the lists and the compose-only ones. */
export type Form6KCoverField =
  | 'reportMonth'
  | 'registrant'
  | 'address'
  | 'commissionFileNumber'
  | 'annualReportForm'
  | 'furnishesUnderRule12g32b'
  | 'rule12g32bFileNumber'
  | 'paperUnderRule101b1'
  | 'paperUnderRule101b7';

/** The value type of one 6-K cover field. */
export type CoverValue<Key extends Form6KCoverField> = Exclude<Form6KRecordInput[Key], undefined>;

/**
 * The values of a 6-K record, every field present (null where the filing does not say): what the extractor's
 * record holds without its spans, what `extract --record` prints and what `compose` reads.
 */
export type Form6KValues = {
  readonly form: Form6KRecordInput['form'];
} & { readonly [Key in Form6KCoverField]: CoverValue<Key> | null } & {
  readonly exhibits: readonly Exhibit6KValues[];
  readonly signatures: readonly Signature6KValues[];
};

/** The cover fields in the schema's order (a compile-time check keeps this list equal to `Form6KCoverField`). */
export const FORM_6K_COVER_FIELDS = Object.keys(form6KRecordSchema.shape).filter(
  (key): key is Form6KCoverField =>
    !['$schema', 'form', 'exhibits', 'signatures'].includes(key) &&
    !metaOf(form6KRecordSchema.shape[key as keyof typeof form6KRecordSchema.shape]).composeOnly,
);

// Compile-time: every field of the schema is the form, a cover field, a list, or compose-only.
const coverFieldsAreComplete: [
  Exclude<keyof Form6KRecordInput, Form6KCoverField | 'form' | 'exhibits' | 'signatures' | '$schema' | 'source' | 'furnishing'>,
] extends [never]
  ? true
  : false = true;
void coverFieldsAreComplete;

/** The exhibit and signature fields the extractor fills, in the schema's order. */
export const EXHIBIT_6K_FIELDS = Object.keys(exhibit6KSchema.shape).filter(
  (key) => !metaOf(exhibit6KSchema.shape[key as keyof typeof exhibit6KSchema.shape]).composeOnly,
) as readonly (keyof Exhibit6KValues)[];
export const SIGNATURE_6K_FIELDS = Object.keys(signature6KSchema.shape) as readonly (keyof Signature6KValues)[];

/** A field's metadata, looked up through the wrappers (optional, nullable) it sits in. */
export function metaOf(schema: z.ZodType | undefined): Form6KFieldMeta {
  const found: Record<string, unknown> = {};
  for (let at: z.ZodType | undefined = schema; at; at = unwrap(at)) {
    const own = at.meta() as Record<string, unknown> | undefined;
    if (own) for (const [key, value] of Object.entries(own)) if (!(key in found)) found[key] = value;
  }
  return found as Form6KFieldMeta;
}

function unwrap(schema: z.ZodType): z.ZodType | undefined {
  if (schema instanceof z.ZodOptional || schema instanceof z.ZodNullable) return schema.unwrap() as z.ZodType;
  return undefined;
}

/** A field's label for the record view and the CSV header (the schema's `label`). */
export function form6KLabel(field: string): string | undefined {
  return metaOf(form6KRecordSchema.shape[field as keyof typeof form6KRecordSchema.shape]).label;
}

/** A value with where it came from (forms/field.ts's `Field`): what the extractor adds to every value. */
export interface Spanned<Value, Span> {
  readonly value: Value;
  readonly span: Span | null;
}

/**
 * The extractor's 6-K record: the same fields, each value with its span; exhibits and signatures carry a span of
 * their own. forms/form-6k.ts declares `Form6KRecord` from this, so a field added here is a field the extractor
 * must fill.
 */
export type Form6KWithSpans<Span> = { readonly form: Form6KValues['form'] } & {
  readonly [Key in Form6KCoverField]: Spanned<Form6KValues[Key], Span>;
} & {
  readonly exhibits: readonly (Exhibit6KValues & { readonly span: Span })[];
  readonly signatures: readonly ({ readonly [Key in keyof Signature6KValues]: Spanned<Signature6KValues[Key], Span> } & {
    readonly span: Span;
  })[];
};

/** The values of an extracted record without spans or diagnostics: `extract --record`'s output, `compose`'s input. */
export function form6KValues<Span>(record: Form6KWithSpans<Span>): Form6KValues {
  const cover = Object.fromEntries(FORM_6K_COVER_FIELDS.map((field) => [field, record[field].value]));
  return {
    form: record.form,
    ...(cover as { [Key in Form6KCoverField]: Form6KValues[Key] }),
    exhibits: record.exhibits.map((exhibit) => ({
      number: exhibit.number,
      description: exhibit.description,
      date: exhibit.date,
      filedWith: exhibit.filedWith.map((regulator) => ({ name: regulator.name, fullName: regulator.fullName })),
      attached: exhibit.attached,
      documentSequence: exhibit.documentSequence,
    })),
    signatures: record.signatures.map(
      (signature) =>
        Object.fromEntries(SIGNATURE_6K_FIELDS.map((field) => [field, signature[field].value])) as unknown as Signature6KValues,
    ),
  };
}

/** What kind of answer a cover field takes, for the compose form: text, a yes/no box, or one of a few choices. */
export type Form6KFieldKind =
  | { readonly kind: 'text'; readonly required: boolean }
  | { readonly kind: 'yesNo' }
  | { readonly kind: 'choice'; readonly options: readonly string[] };

export function form6KFieldKind(field: Form6KCoverField): Form6KFieldKind {
  const schema = form6KRecordSchema.shape[field] as z.ZodType;
  let inner: z.ZodType | undefined = schema;
  while (inner instanceof z.ZodOptional || inner instanceof z.ZodNullable) inner = inner.unwrap() as z.ZodType;
  if (inner instanceof z.ZodBoolean) return { kind: 'yesNo' };
  if (inner instanceof z.ZodEnum) return { kind: 'choice', options: inner.options as string[] };
  return { kind: 'text', required: !schema.safeParse(null).success };
}
