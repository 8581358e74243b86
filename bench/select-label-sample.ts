/**
 * The random sample of the 6-K data set that was hand-labelled for testdata/golden/forms-dataset/: 60 members of
 * ../shared/datasets/fpi-6k-2009-2010.tsv, drawn with a fixed seed (mulberry32 over the accessions sorted), so the
 * same list comes out on every run. Prints one line per member: accession, company, filing date.
 * Run: npx tsx bench/select-label-sample.ts [count] [--seed N] [--unlabelled]
 *   --seed N       another seed (the hand-check of issue 19 drew 12 with --seed 19 --unlabelled)
 *   --unlabelled   draw only from members that have no golden in testdata/golden/forms-dataset yet
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const args = process.argv.slice(2);
const SEED = args.includes('--seed') ? Number(args[args.indexOf('--seed') + 1]) : 20_091_015;
const unlabelled = args.includes('--unlabelled');
const count = Number(args.find((arg, index) => /^\d+$/.test(arg) && args[index - 1] !== '--seed') ?? 60);
const root = join(fileURLToPath(new URL('.', import.meta.url)), '..');
const tsv = readFileSync(join(root, '..', 'shared', 'datasets', 'fpi-6k-2009-2010.tsv'), 'utf8');

interface Member {
  readonly accession: string;
  readonly company: string;
  readonly filed: string;
}

const members: Member[] = tsv
  .split('\n')
  .slice(1)
  .filter((line) => line.trim() !== '')
  .map((line) => {
    const [accession = '', , company = '', filed = ''] = line.split('\t');
    return { accession, company, filed };
  })
  .sort((a, b) => (a.accession < b.accession ? -1 : a.accession > b.accession ? 1 : 0));
const labelled = new Set(
  readdirSync(join(root, 'testdata', 'golden', 'forms-dataset'))
    .map((name) => /(\d{10}-\d{2}-\d{6})\.json$/.exec(name)?.[1])
    .filter((accession): accession is string => accession !== undefined),
);
const drawn = unlabelled ? members.filter((member) => !labelled.has(member.accession)) : members;

/** mulberry32: a small 32-bit PRNG, enough to draw a reproducible sample. */
function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

// A partial Fisher–Yates shuffle: the first `count` places are a uniform sample without repeats.
const random = mulberry32(SEED);
const pool = [...drawn];
const picked = Math.min(count, pool.length);
for (let index = 0; index < picked; index++) {
  const other = index + Math.floor(random() * (pool.length - index));
  [pool[index], pool[other]] = [pool[other] as Member, pool[index] as Member];
}

console.log(`# seed ${SEED}, ${picked} of ${drawn.length} members${unlabelled ? ' without a golden' : ''}`);
for (const member of pool.slice(0, picked).sort((a, b) => (a.accession < b.accession ? -1 : 1)))
  console.log(`${member.accession}\t${member.company}\t${member.filed}`);
