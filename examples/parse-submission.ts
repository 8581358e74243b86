/**
 * Parse a submission file (a complete `.txt`, a `.nc` dissemination file, or a bare document) and list what it
 * holds: no database, no network.
 *
 *   npx tsx examples/parse-submission.ts ../shared/corpus/fpi/0000950127-09-000020.txt
 */
import { readFileSync } from 'node:fs';
import { decodeAttachment, parseSubmission } from 'edgarkit';

const [file = 'filing.txt'] = process.argv.slice(2);
const submission = parseSubmission(readFileSync(file), { source: file });
const header = submission.header;
console.log(`${header?.accessionNumber ?? '(no accession number)'}  ${header?.formType ?? '-'}  filed ${header?.filedAt ?? '-'}`);
for (const party of header?.parties ?? []) console.log(`${party.role}  ${party.company?.name}  CIK ${party.company?.cik}`);
for (const document of submission.documents) {
  const attachment = document.encoding === 'uuencode' ? decodeAttachment(document) : null;
  const size = attachment ? `${attachment.bytes.length} bytes decoded` : `${document.body.length} bytes`;
  console.log(`  ${document.sequence ?? '-'}  ${document.type ?? '-'}  ${document.filename ?? ''}  ${size}`);
}
for (const problem of submission.diagnostics) console.log(`  ${problem.severity}: ${problem.code}: ${problem.message}`);
