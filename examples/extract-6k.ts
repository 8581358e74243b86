/**
 * The typed record of a 6-K: report month, registrant, cover answers, exhibits and signatures, each value with
 * the place in the filing it came from, and a reason for every value the filing does not give.
 *
 *   npx tsx examples/extract-6k.ts ../shared/corpus/fpi/0000950127-09-000020.txt
 */
import { readFileSync } from 'node:fs';
import { extractFiling, parseSubmission } from 'edgarkit';

const [file = 'filing.txt'] = process.argv.slice(2);
const { formType, record, diagnostics } = extractFiling(parseSubmission(readFileSync(file)));
if (record?.form !== '6-K' && record?.form !== '6-K/A') {
  console.log(`${file} is a ${formType ?? 'filing of unknown form'}, not a 6-K`);
  process.exit(1);
}
console.log(`registrant: ${record.registrant.value}`);
console.log(
  `report month: ${record.reportMonth.value} (document ${record.reportMonth.span?.document}, page ${record.reportMonth.span?.page})`,
);
console.log(`annual report on: Form ${record.annualReportForm.value}`);
for (const exhibit of record.exhibits) console.log(`exhibit ${exhibit.number}: ${exhibit.description}`);
for (const block of record.signatures) console.log(`signed by ${block.name.value}, ${block.title.value}`);
for (const problem of [...record.diagnostics, ...diagnostics]) console.log(`note: ${problem.code}: ${problem.message}`);
