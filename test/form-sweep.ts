import type { Diagnostic } from '../src/core/diagnostic.js';
import { resolveExhibits } from '../src/forms/attached-exhibits.js';
import { extractFiling, type FilingRecords, type FormRecord, type ParsedSubmissionDocument } from '../src/forms/extract-filing.js';
import { extract6K } from '../src/forms/form-6k.js';
import { extract8K } from '../src/forms/form-8k.js';
import { extract13F, is13FCoverXml, is13FInformationTable } from '../src/forms/form-13f.js';
import { extract20F } from '../src/forms/form-20f.js';
import { extractOwnershipXml, isOwnershipXml } from '../src/forms/form-ownership.js';
import { extractOwnershipText } from '../src/forms/form-ownership-text.js';
import { extractPeriodicReport } from '../src/forms/periodic-report.js';
import { findSections } from '../src/forms/sections.js';
import type { DocumentModel } from '../src/model/document.js';
import { parseSubmissionDocuments } from '../src/parse/parse-document.js';
import { decodeText } from '../src/parse/sgml/decode-text.js';
import { parseSubmission } from '../src/parse/sgml/parse-submission.js';
import { readXbrlFacts, XBRL_DECLARATIONS, xbrlDocumentKind } from '../src/parse/xbrl/read-xbrl-facts.js';
import { factInvariants, recordInvariants, sectionInvariants } from './record-invariants.js';

/**
 * The corpus sweep: one submission through every reader, each on every document it could be given (not only the
 * one its form sends it to), with every invariant of test/record-invariants.ts checked. A reader that throws is a
 * broken invariant too. Shared by src/forms/corpus-sweep.test.ts and bench/form-sweep.ts.
 */
export interface SweepResult {
  /** The form extractFiling read the submission as (`none` without a record). */
  readonly form: string;
  readonly broken: readonly string[];
  readonly diagnostics: readonly Diagnostic[];
  /** How many records, section lists and XBRL documents were checked. */
  readonly checked: number;
}

const NO_MODEL: DocumentModel = { kind: 'document', sourceFormat: 'text', source: '', pages: [], diagnostics: [] };

function thrown(error: unknown): string {
  return error instanceof Error ? (error.stack ?? error.message).split('\n').slice(0, 4).join(' | ') : String(error);
}

/** Runs every reader on one submission's bytes and checks every invariant; never throws. */
export function sweepSubmission(bytes: Uint8Array, name: string, options: { readonly everyReader?: boolean } = {}): SweepResult {
  const broken: string[] = [];
  const diagnostics: Diagnostic[] = [];
  let checked = 0;
  let form = 'none';
  let documents: readonly ParsedSubmissionDocument[] = [];
  let submission: ReturnType<typeof parseSubmission>;
  try {
    submission = parseSubmission(bytes);
    documents = parseSubmissionDocuments(submission);
  } catch (error) {
    return { form, broken: [`${name}: parsing threw ${thrown(error)}`], diagnostics, checked };
  }
  const check = (label: string, run: () => FilingRecords) => {
    let result: FilingRecords;
    try {
      result = run();
    } catch (error) {
      broken.push(`${label}: threw ${thrown(error)}`);
      return null;
    }
    checked++;
    broken.push(...recordInvariants({ name: label, result, documents }));
    return result;
  };

  const filing = check(name, () => extractFiling({ header: submission.header, documents }));
  if (filing) {
    form = filing.record?.form ?? 'none';
    diagnostics.push(...(filing.record?.diagnostics ?? []), ...filing.diagnostics);
  }

  if (options.everyReader !== false) {
    const as = (record: FormRecord): FilingRecords => ({ formType: null, record, diagnostics: [] });
    documents.forEach((document, index) => {
      const sequence = document.sequence ?? index + 1;
      const label = (reader: string) => `${name} [${reader} on document ${sequence}]`;
      const model = document.model;
      if (model) {
        check(label('6-K'), () => as(extract6K({ model, document: sequence, formType: '6-K', documents })));
        check(label('20-F'), () => as(extract20F(model, '20-F', sequence, documents)));
        check(label('40-F'), () => as(extract20F(model, '40-F', sequence, documents)));
        check(label('8-K'), () =>
          as(
            extract8K({
              model,
              document: sequence,
              formType: '8-K',
              headerItems: submission.header?.items ?? [],
              filedAt: null,
              documents,
            }),
          ),
        );
        check(label('10-K'), () => as(extractPeriodicReport(model, '10-K', sequence, documents)));
        check(label('10-Q'), () => as(extractPeriodicReport(model, '10-Q', sequence, documents)));
        check(label('4 (text)'), () => as(extractOwnershipText(model, '4', sequence)));
        for (const sectionForm of ['20-F', '40-F'] as const) {
          try {
            broken.push(
              ...sectionInvariants(label(`${sectionForm} sections`), findSections(model, sectionForm, sequence).sections, documents),
            );
            checked++;
          } catch (error) {
            broken.push(`${label(`${sectionForm} sections`)}: threw ${thrown(error)}`);
          }
        }
      }
      const xml = document.xml;
      if (xml) {
        const exhibits = () => resolveExhibits({ listed: [], documents, primaryModel: NO_MODEL, primarySequence: sequence });
        if (isOwnershipXml(xml)) check(label('ownership XML'), () => as(extractOwnershipXml(xml, '4', sequence, exhibits())));
        if (is13FCoverXml(xml) || is13FInformationTable(xml))
          check(label('13F'), () =>
            as(
              extract13F({
                formType: '13F-HR',
                cover: is13FCoverXml(xml) ? { xml, sequence } : null,
                table: is13FInformationTable(xml) ? { xml, sequence } : null,
                filedAt: null,
                exhibits: exhibits(),
              }),
            ),
          );
      }
    });
  }

  // XBRL: every document whose head declares inline XBRL or an instance, read as the pipeline reads it.
  submission.documents.forEach((document, index) => {
    if (document.encoding !== 'text') return;
    const sequence = document.sequence ?? index + 1;
    try {
      const kind = xbrlDocumentKind(decodeText(document.body.subarray(0, 4 * XBRL_DECLARATIONS)).text);
      if (!kind) return;
      const text = decodeText(document.body).text;
      const found = readXbrlFacts(text, { document: sequence });
      checked++;
      broken.push(
        ...factInvariants(`${name} [XBRL ${kind} document ${sequence}]`, found.facts, found.diagnostics.length, (number) =>
          number === sequence ? text : null,
        ),
      );
    } catch (error) {
      broken.push(`${name} [XBRL document ${sequence}]: threw ${thrown(error)}`);
    }
  });
  return { form, broken, diagnostics, checked };
}
