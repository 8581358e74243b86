/**
 * Compose a Form 6-K from a record (YAML or JSON, the shape `edgarkit extract --record` prints), check that it
 * reads back as the same record, and write the complete submission.
 *
 *   npx tsx examples/compose-6k.ts testdata/compose/hanaro-6k.yaml out/6k.txt
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { compareRoundTrip, compose6K, readCompose6KRecord } from 'edgarkit';

const [input = 'record.yaml', output = '6k.txt'] = process.argv.slice(2);
const read = readCompose6KRecord(readFileSync(input, 'utf8'), { source: input });
if (!read.ok) {
  for (const problem of read.problems) console.error(`${input}: ${problem.message}`);
  process.exit(1);
}
const composed = compose6K(read.record, { format: 'ascii' });
if (!composed.ok) {
  for (const problem of composed.problems) console.error(problem.message);
  process.exit(1);
}
const differences = compareRoundTrip(read.record, composed.submissionTxt);
writeFileSync(output, composed.submissionTxt);
console.log(`${composed.documents.map((document) => `${document.sequence} ${document.type} ${document.filename}`).join('\n')}`);
console.log(`wrote ${output}; reads back as the same record: ${differences.length === 0 ? 'yes' : JSON.stringify(differences)}`);
