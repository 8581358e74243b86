/**
 * edgarkit: the pure library. Parsing, the models, the form extractors, rendering, composing and validating take
 * bytes or data and return data; importing this loads no database driver, server, CLI or worker pool (those are
 * `edgarkit/store`, `edgarkit/fetch`, `edgarkit/server` and `edgarkit/pipeline`).
 */
export { type Compose6KOptions, type Composed6K, compose6K } from './compose/compose-6k.js';
export { composeEdgarLinkXml } from './compose/edgarlink-xml.js';
export { readCompose6KRecord } from './compose/read-record.js';
export type { Compose6KRecord } from './compose/record-6k.js';
export { FORM_6K_SCHEMA } from './compose/schema-6k.js';
export type { Diagnostic, Severity } from './core/diagnostic.js';
export { EdgarSyntaxError } from './core/edgar-syntax-error.js';
export { type AccessionNumber, type Cik, parseAccessionNumber, parseCik } from './core/identifiers.js';
export type { ByteRange, Span } from './core/span.js';
export { extractExhibitList, type ListedExhibit } from './forms/exhibit-index.js';
export { extractFiling, type FilingRecords, type FormRecord, recognizeForm } from './forms/extract-filing.js';
export type { Field, FieldSpan } from './forms/field.js';
export { type Exhibit6K, extract6K, type Form6KRecord } from './forms/form-6k.js';
export { extract20F, type Form20FRecord } from './forms/form-20f.js';
export { extractSignatures, type SignatureBlock } from './forms/signatures.js';
export type * from './model/document.js';
export { type Form6KValues, form6KRecordSchema, form6KValues } from './model/form-6k-record.js';
export type * from './model/prepared-filing.js';
export type * from './model/submission.js';
export type * from './model/xbrl-fact.js';
export { dimensionsText, periodText } from './model/xbrl-fact.js';
export { parseHtmlDocument } from './parse/html/parse-html-document.js';
export type { DocumentKind } from './parse/parse-document.js';
export { detectDocumentKind, parseDocument, parseSubmissionDocuments } from './parse/parse-document.js';
export { type DecodedText, decodeText, type TextEncoding } from './parse/sgml/decode-text.js';
export { decodeAttachment, decodeDocumentText, parseSubmission } from './parse/sgml/parse-submission.js';
export { SubmissionParser, type SubmissionParserOptions } from './parse/sgml/submission-parser.js';
export { type SubmissionSummary, summarizeSubmission } from './parse/sgml/submission-summary.js';
export { type DecodedAttachment, uudecode } from './parse/sgml/uudecode.js';
export { parseTextDocument } from './parse/text/parse-text-document.js';
export { applyTransformation } from './parse/xbrl/inline-transforms.js';
export { type ReadXbrlOptions, readXbrlFacts, xbrlDocumentKind } from './parse/xbrl/read-xbrl-facts.js';
export { type RenderFormat, renderDocument, renderHtml, renderJson, renderMarkdown, renderText } from './render/index.js';
export { compareRoundTrip, readBack6K } from './validate/round-trip.js';
export { type ValidationReport, validateSubmission } from './validate/validate-submission.js';
