import { z } from 'zod';

/**
 * The pieces every form record's zod schema is built of: a span, a value with its span, the exhibits and signature
 * blocks every record lists, diagnostics. A record's schema, defined once in model/, gives its TypeScript type
 * (`RecordOf`), the JSON Schema of the API's OpenAPI document, the check that what an extractor gives has that shape,
 * and (through `csvColumns`) its CSV columns.
 */

/** Where a value came from: a document of the submission, a page of it, a character range of its text. */
export const fieldSpanSchema = z
  .strictObject({
    document: z.number().int().min(1).meta({ description: "The document's <SEQUENCE>, or its 1-based position when it has none." }),
    page: z.number().int().min(1),
    start: z.number().int().min(0).meta({ description: "A character offset into the document's text." }),
    end: z.number().int().min(0),
  })
  .meta({ description: 'Where a value came from: a document of the submission, a page of it and a character range of its text.' });

/** What a field's metadata may say, read by the derivations. */
export interface RecordFieldMeta {
  readonly description?: string;
  /** The field's column in `extract --csv`; `false` leaves it out; without one, the field's own name. */
  readonly csv?: string | false;
}

/** A value with its span: what the extractor gives for every value it reads (`null` span when the filing does not say). */
export function spanned<Schema extends z.ZodType>(schema: Schema, meta: RecordFieldMeta = {}) {
  return z.strictObject({ value: schema, span: fieldSpanSchema.nullable() }).meta(meta as Record<string, unknown>);
}

const nullableString = z.string().nullable();

export const diagnosticSchema = z.strictObject({
  code: z.string().meta({ description: 'What was found, as a code: `own/unreadable-value`, `f13f/value-total-mismatch`.' }),
  severity: z.enum(['error', 'warning', 'info']),
  message: z.string(),
  offset: z.number().int(),
});

/** An exhibit the report lists or the submission carries (forms/attached-exhibits.ts). */
export const recordExhibitSchema = z.strictObject({
  number: z.string().meta({ description: 'As the report writes it (`99.1`); for an exhibit it does not list, from its `<TYPE>`.' }),
  description: z.string(),
  date: z.string().nullable().meta({ description: 'YYYY-MM-DD.' }),
  filedWith: z.array(z.strictObject({ name: z.string(), fullName: nullableString })),
  attached: z.boolean().meta({ description: 'True when a document of this submission is (or holds) the exhibit.' }),
  documentSequence: z.number().int().nullable(),
  span: fieldSpanSchema,
});

/** A signature block (forms/signatures.ts). */
export const signatureBlockSchema = z.strictObject({
  registrant: spanned(nullableString),
  signature: spanned(nullableString, { description: 'As written: `/s/ Jane Doe`.' }),
  name: spanned(nullableString),
  title: spanned(nullableString),
  date: spanned(nullableString, { description: 'YYYY-MM-DD.' }),
  span: fieldSpanSchema,
});

/** Read-only all the way down: what the extractors give (z.output is mutable). */
export type DeepReadonly<T> = T extends (infer Item)[]
  ? readonly DeepReadonly<Item>[]
  : T extends object
    ? { readonly [Key in keyof T]: DeepReadonly<T[Key]> }
    : T;

/** The record type a schema defines, read-only. */
export type RecordOf<Schema extends z.ZodType> = DeepReadonly<z.output<Schema>>;

/** A field's metadata, looked up through the wrappers (optional, nullable) it sits in. */
export function recordFieldMeta(schema: z.ZodType | undefined): RecordFieldMeta {
  const found: Record<string, unknown> = {};
  for (let at: z.ZodType | undefined = schema; at; ) {
    const own = at.meta() as Record<string, unknown> | undefined;
    if (own) for (const [key, value] of Object.entries(own)) if (!(key in found)) found[key] = value;
    at = at instanceof z.ZodOptional || at instanceof z.ZodNullable ? (at.unwrap() as z.ZodType) : undefined;
  }
  return found as RecordFieldMeta;
}

/** The CSV columns an object schema's fields give, in the schema's order: `[column, field]` (spans and fields marked `csv: false` left out). */
export function csvColumns(schema: z.ZodObject): readonly (readonly [column: string, field: string])[] {
  return Object.entries(schema.shape)
    .filter(([field]) => field !== 'span')
    .flatMap(([field, fieldSchema]) => {
      const column = recordFieldMeta(fieldSchema as z.ZodType).csv;
      return column === false ? [] : [[column ?? field, field] as const];
    });
}
