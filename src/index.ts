/**
 * edgarkit: the pure library. Parsing, the models, the form extractors, rendering, composing and validating take
 * bytes or data and return data; importing this loads no database driver, server, CLI or worker pool (those are
 * `edgarkit/store`, `edgarkit/fetch`, `edgarkit/server` and `edgarkit/pipeline`).
 */

// The types the functions above take and give, so a program (and the API reference) can name them.
export type {
  ComposedSubmissionDocument,
  ComposeFormat,
  ComposeSources,
  SubmissionHeaderValues,
} from './compose/compose-6k.js';
export { type Compose6KOptions, type Composed6K, compose6K } from './compose/compose-6k.js';
export type { EdgarLinkOptions } from './compose/edgarlink-xml.js';
export { composeEdgarLinkXml } from './compose/edgarlink-xml.js';
export type { InputDocument, InputPosition } from './compose/input-value.js';
export type { InputProblem, ReadRecordOptions, ReadRecordResult } from './compose/read-record.js';
export { readCompose6KRecord } from './compose/read-record.js';
export type { Compose6KRecord, Exhibit6KInput } from './compose/record-6k.js';
export { FORM_6K_SCHEMA } from './compose/schema-6k.js';
export type { ComposeProblem } from './compose/wording-6k.js';
export type { Diagnostic, Severity } from './core/diagnostic.js';
export { EdgarSyntaxError } from './core/edgar-syntax-error.js';
export { type AccessionNumber, type Cik, parseAccessionNumber, parseCik } from './core/identifiers.js';
export { SNIPPET_MARK } from './core/snippet-mark.js';
export type { ByteRange, Span } from './core/span.js';
export type { AttachedDocument, Exhibit } from './forms/attached-exhibits.js';
export type { Regulator } from './forms/exhibit-index.js';
export { extractExhibitList, type ListedExhibit } from './forms/exhibit-index.js';
export {
  extractFiling,
  type FilingInput,
  type FilingRecords,
  type FormRecord,
  type GenericRecord,
  type ParsedSubmissionDocument,
  recognizeForm,
} from './forms/extract-filing.js';
export type { Field, FieldSpan } from './forms/field.js';
export type { Form6KInput } from './forms/form-6k.js';
export { type Exhibit6K, extract6K, type Form6KRecord } from './forms/form-6k.js';
export type { RegisteredSecurity } from './forms/form-20f.js';
export { extract20F, type Form20FRecord } from './forms/form-20f.js';
export { extractSignatures, type SignatureBlock } from './forms/signatures.js';
export type * from './model/document.js';
export type {
  CoverValue,
  Exhibit6KValues,
  Form6KCoverField,
  Form6KRecordInput,
  Form6KWithSpans,
  Signature6KValues,
  Spanned,
} from './model/form-6k-record.js';
export { type Form6KValues, form6KRecordSchema, form6KValues, type Regulator6K, signature6KSchema } from './model/form-6k-record.js';
export type * from './model/prepared-filing.js';
export type * from './model/submission.js';
export type * from './model/xbrl-fact.js';
export { dimensionsText, periodText } from './model/xbrl-fact.js';
export { parseHtmlDocument } from './parse/html/parse-html-document.js';
export { JsonDecimal, parseExactJson } from './parse/json/parse-exact-json.js';
export type { DocumentHints, DocumentKind, ParsedDocumentEntry } from './parse/parse-document.js';
export { detectDocumentKind, parseDocument, parseSubmissionDocuments } from './parse/parse-document.js';
export { type DecodedText, decodeText, type TextEncoding } from './parse/sgml/decode-text.js';
export { decodeAttachment, decodeDocumentText, parseSubmission } from './parse/sgml/parse-submission.js';
export { SubmissionParser, type SubmissionParserOptions } from './parse/sgml/submission-parser.js';
export type { DiagnosticSummary, DocumentSummary, FilerSummary } from './parse/sgml/submission-summary.js';
export { type SubmissionSummary, summarizeSubmission } from './parse/sgml/submission-summary.js';
export { type DecodedAttachment, uudecode } from './parse/sgml/uudecode.js';
export { parseTextDocument } from './parse/text/parse-text-document.js';
export {
  DEFAULT_MAX_EDGAR_JSON_BYTES,
  detectEdgarJsonKind,
  type EdgarJsonFacts,
  type EdgarJsonKind,
  type ReadEdgarJsonOptions,
  readEdgarJsonFacts,
} from './parse/xbrl/edgar-json-facts.js';
export { applyTransformation, type Transformed } from './parse/xbrl/inline-transforms.js';
export { type ReadXbrlOptions, readXbrlFacts, xbrlDocumentKind } from './parse/xbrl/read-xbrl-facts.js';
export {
  RENDER_FORMATS,
  type RenderFormat,
  type RenderHtmlOptions,
  type RenderJsonOptions,
  type RenderMarkdownOptions,
  type RenderOptions,
  type RenderTextOptions,
  renderDocument,
  renderHtml,
  renderJson,
  renderMarkdown,
  renderText,
} from './render/index.js';
export type { Finding } from './validate/finding.js';
export type { RoundTripDifference } from './validate/round-trip.js';
export { compareRoundTrip, readBack6K } from './validate/round-trip.js';
export type { ValidateOptions } from './validate/validate-submission.js';
export { type ValidationReport, validateSubmission } from './validate/validate-submission.js';
