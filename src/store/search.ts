import { parseSearchQuery, type QueryFilters, type QueryNode } from './search-query.js';
import {
  pageOf,
  type SearchDocumentHit,
  type SearchFacetCount,
  type SearchFacets,
  type SearchHit,
  type SearchPage,
  type SearchRequest,
  type SearchSort,
  SNIPPET_MARK,
} from './store.js';

/**
 * What both adapters share of a search: the request read once (query, filters, page, sort), and the matching
 * documents they found turned into results by filing, with total and facets. The adapters only find documents,
 * rank them and quote them; everything a user sees of the grouping is decided here, once.
 */

/** Relevance is computed over at most this many matching documents: the most recently stored ones. */
export const RANK_CAP = 2_000;

/**
 * Total and facets are counted over at most this many matching documents (the most recently stored ones); beyond
 * it the total is "more than N". Equal to RANK_CAP: reading each counted document's filing row is what a search
 * spends most on (10,000 scattered row reads took 3-5x the whole ranked pass at 30,000 filings), so a search reads
 * the rows of the documents it ranks and no others.
 */
export const COUNT_CAP = RANK_CAP;

/** Matching documents of one filing quoted with a snippet; the others are counted in `moreDocuments`. */
export const DOCUMENTS_PER_HIT = 5;

export const SEARCH_SORTS: readonly SearchSort[] = ['relevance', 'newest', 'oldest'];

export interface PreparedSearch {
  readonly match: QueryNode | null;
  readonly filters: QueryFilters;
  readonly limit: number;
  readonly offset: number;
  readonly sort: SearchSort;
}

export class SearchRequestError extends RangeError {
  constructor(message: string) {
    super(message);
    this.name = 'SearchRequestError';
  }
}

/** A prefix (`redempt*`) needs at least this many letters or digits before its `*`. */
export const MIN_PREFIX_LENGTH = 3;

/** A query may hold at most this many prefixes. */
export const MAX_PREFIXES = 4;

/** A prefix may stand for at most this many words of the index (checked where the index can list them: SQLite). */
export const MAX_PREFIX_EXPANSION = 2_000;

/** A search may take this long (ms) before it is stopped as too broad (the adapters' default). */
export const SEARCH_BUDGET_MS = 3_000;

/**
 * A query that would cost too much to answer: too short a prefix, too many prefixes, a prefix that stands for too
 * many words, or one that ran over the time budget. `term` is the part of the query to narrow, as the user wrote it.
 * A 400 in the server, exit code 2 in the CLI, like any query that cannot be answered.
 */
export class QueryTooBroadError extends SearchRequestError {
  readonly term: string;
  constructor(term: string, reason: string) {
    super(`Query too broad: ${reason}`);
    this.name = 'QueryTooBroadError';
    this.term = term;
  }
}

/** A term as the user wrote it: `"convertible bonds"`, `redempt*`, `kosdaq`. */
export function termText(node: QueryNode & { kind: 'term' | 'phrase' }): string {
  return node.kind === 'phrase' ? `"${node.words.join(' ')}"` : `${node.text}${node.prefix ? '*' : ''}`;
}

/** Every term and phrase of a query in the order written, excluded ones too (they cost as much to look up). */
export function termsOf(node: QueryNode): (QueryNode & { kind: 'term' | 'phrase' })[] {
  switch (node.kind) {
    case 'term':
    case 'phrase':
      return [node];
    case 'and':
    case 'or':
      return node.children.flatMap(termsOf);
    case 'not':
      return [...termsOf(node.include), ...termsOf(node.exclude)];
  }
}

/** The prefixes of a query (`redempt*`), in the order written. */
export function prefixesOf(node: QueryNode): (QueryNode & { kind: 'term'; prefix: true })[] {
  return termsOf(node).filter((term): term is QueryNode & { kind: 'term'; prefix: true } => term.kind === 'term' && term.prefix);
}

/** Prefixes shorter than this expand to many words: a query with one runs in the costly lane of a search pool. */
export const COSTLY_PREFIX_LENGTH = 5;

/**
 * True when a query may take long (up to its budget): more than one prefix, or a prefix shorter than
 * COSTLY_PREFIX_LENGTH. A server runs these apart from the others, so a plain query never waits behind them.
 */
export function isCostlyQuery(match: QueryNode | null): boolean {
  if (!match) return false;
  const prefixes = prefixesOf(match);
  return prefixes.length > 1 || prefixes.some((prefix) => [...prefix.text].length < COSTLY_PREFIX_LENGTH);
}

/**
 * The checks every adapter makes before it runs a query, so both refuse the same queries in the same words: each
 * prefix has MIN_PREFIX_LENGTH characters or more, and there are at most MAX_PREFIXES of them.
 */
export function checkQueryCost(match: QueryNode): void {
  const prefixes = prefixesOf(match);
  for (const prefix of prefixes) {
    if ([...prefix.text].length < MIN_PREFIX_LENGTH)
      throw new QueryTooBroadError(
        termText(prefix),
        `"${termText(prefix)}" would match too many words; a prefix needs at least ${MIN_PREFIX_LENGTH} letters or digits before "*"`,
      );
  }
  const over = prefixes[MAX_PREFIXES];
  if (over)
    throw new QueryTooBroadError(
      termText(over),
      `"${termText(over)}" is prefix ${MAX_PREFIXES + 1} of the query; a query may hold at most ${MAX_PREFIXES} prefixes (words ending in "*")`,
    );
}

/** The term to name when a whole query ran too long: its shortest prefix, else its first word or phrase. */
export function broadestTerm(match: QueryNode): string {
  const prefixes = prefixesOf(match).sort((a, b) => a.text.length - b.text.length);
  const term = prefixes[0] ?? termsOf(match)[0];
  return term ? termText(term) : '';
}

/**
 * The time a search may take, checked by the adapters between the statements they run: past it the search stops
 * with a QueryTooBroadError naming the broadest term, rather than holding the database (and, for SQLite, the
 * thread) any longer.
 */
export class SearchBudget {
  readonly #deadline: number;
  readonly #ms: number;
  readonly #match: QueryNode;

  constructor(ms: number, match: QueryNode) {
    this.#ms = ms;
    this.#deadline = performance.now() + ms;
    this.#match = match;
  }

  /** Milliseconds left (at least 1). */
  get remainingMs(): number {
    return Math.max(1, Math.ceil(this.#deadline - performance.now()));
  }

  check(): void {
    if (performance.now() > this.#deadline) throw this.exceeded();
  }

  exceeded(): QueryTooBroadError {
    const term = broadestTerm(this.#match);
    return new QueryTooBroadError(
      term,
      `the search did not finish within ${formatSeconds(this.#ms)}; narrow "${term}" (more letters before "*", a phrase, or a filter such as form: or from:)`,
    );
  }
}

function formatSeconds(ms: number): string {
  return ms >= 1000 ? `${Number((ms / 1000).toFixed(1))} s` : `${ms} ms`;
}

/** Reads a request: the query (filters written in it first, then the request's own, which win), page and sort. */
export function prepareSearch(request: SearchRequest): PreparedSearch {
  const parsed = parseSearchQuery(request.text);
  const filters: { -readonly [K in keyof QueryFilters]: QueryFilters[K] } = { ...parsed.filters };
  if (request.form) filters.form = request.form;
  if (request.cik) filters.cik = padCik(request.cik);
  if (request.company) filters.company = request.company;
  if (request.from) filters.from = request.from;
  if (request.to) filters.to = request.to;
  // Either bound may come from the query (from:) or the request (--from, ?from=): checked once both are known.
  if (filters.from && filters.to && filters.from > filters.to)
    throw new SearchRequestError(`from (${filters.from}) is after to (${filters.to}): no filing can match`);
  if (parsed.match) checkQueryCost(parsed.match);
  const sort = request.sort ?? (parsed.match ? 'relevance' : 'newest');
  if (!SEARCH_SORTS.includes(sort)) throw new SearchRequestError(`sort must be one of ${SEARCH_SORTS.join(', ')}, not "${sort}"`);
  return { match: parsed.match, filters, ...pageOf(request.limit, request.offset), sort };
}

/** A CIK as stored: ten digits, zero-padded. */
export function padCik(cik: string): string {
  return cik.padStart(10, '0');
}

/**
 * The words and phrases a query looks for (those under NOT left out), as one OR query: a document that matches
 * the whole query over its length may hold no single passage that matches it all, and its snippet is then taken
 * from a passage that holds at least one of them.
 */
export function anyTermOf(node: QueryNode): QueryNode {
  const leaves: QueryNode[] = [];
  const visit = (current: QueryNode): void => {
    switch (current.kind) {
      case 'term':
      case 'phrase':
        leaves.push(current);
        return;
      case 'and':
      case 'or':
        for (const child of current.children) visit(child);
        return;
      case 'not':
        visit(current.include);
        return;
    }
  };
  visit(node);
  return leaves.length === 1 ? (leaves[0] as QueryNode) : { kind: 'or', children: leaves };
}

/** One matching document, or, for a search with filters only, one filing (`documentId` null). */
export interface MatchedDocument {
  readonly documentId: number | null;
  /** The index's rank (lower is better), or null where it was not ranked (beyond RANK_CAP, or no words). */
  readonly rank: number | null;
  readonly filingKey: number;
  readonly filingId: string;
  readonly accessionNumber: string | null;
  readonly formType: string | null;
  readonly filedAt: string | null;
  readonly companyName: string | null;
  readonly cik: string | null;
  readonly sequence: number | null;
  readonly position: number;
  readonly type: string | null;
  readonly description: string | null;
}

/** What an adapter found for a prepared search: matching documents newest first, at most COUNT_CAP of them. */
export interface FoundDocuments {
  readonly documents: readonly MatchedDocument[];
  /** True when more matched than COUNT_CAP. */
  readonly more: boolean;
  /** True when more matched than RANK_CAP, so relevance is among the newest RANK_CAP. */
  readonly rankCapped: boolean;
  /**
   * Set when the documents carry only what grouping, sorting, totals and facet counts read (documentId, rank,
   * filingKey, formType, filedAt, cik, position): fills in the rest (filing id, accession, company name, sequence,
   * type, description) of the few documents a page shows or names, keeping the fields given. Reading those of
   * every counted document was most of what a broad search spent outside the index. Null for a document that is
   * no longer stored as it was found (its filing was replaced or deleted between the two reads): its filing is
   * then left out of the page, the total and the facets.
   */
  readonly complete?: (documents: readonly MatchedDocument[]) => Promise<readonly (MatchedDocument | null)[]>;
}

interface FilingGroup {
  first: MatchedDocument;
  documents: MatchedDocument[];
  bestRank: number | null;
}

/**
 * Groups found documents by filing, counts, facets, sorts and cuts the page; `quote` fetches the snippets shown.
 * `rankShown`, for a sort by date whose documents were found unranked, gives the rank of the shown filings'
 * documents (by document id): only they need one (to order and pick the documents under each hit, and its score),
 * and ranking every document of the window is what a broad search spends most on.
 */
export async function assemblePage(
  search: PreparedSearch,
  found: FoundDocuments,
  quote: (documents: readonly MatchedDocument[]) => Promise<readonly string[]>,
  rankShown?: (documents: readonly MatchedDocument[]) => Promise<ReadonlyMap<number, number>>,
): Promise<SearchPage> {
  const groups = new Map<number, FilingGroup>();
  for (const document of found.documents) {
    let group = groups.get(document.filingKey);
    if (!group) {
      group = { first: document, documents: [], bestRank: null };
      groups.set(document.filingKey, group);
    }
    if (document.documentId !== null) group.documents.push(document);
    if (document.rank !== null && (group.bestRank === null || document.rank < group.bestRank)) group.bestRank = document.rank;
  }
  let ordered = [...groups.values()].sort(compareGroups(search.sort));
  let shown: FilingGroup[] = [];
  const ranked = new Set<FilingGroup>();
  const completed = new Map<MatchedDocument, MatchedDocument | null>();
  // A filing replaced or deleted since the documents were found is dropped and the page cut again, which may show
  // (and so rank and complete) filings that were not on it: each turn drops at least one filing, or is the last.
  for (;;) {
    shown = ordered.slice(search.offset, search.offset + search.limit);
    if (rankShown && search.sort !== 'relevance') {
      const unranked = shown.filter((group) => !ranked.has(group));
      const ranks = unranked.length > 0 ? await rankShown(unranked.flatMap((group) => group.documents)) : new Map<number, number>();
      for (const group of unranked) {
        ranked.add(group);
        group.documents = group.documents.map((document) => ({ ...document, rank: ranks.get(document.documentId as number) ?? null }));
        // The first document is one of them: the same object, so that it is completed once.
        group.first = group.documents.find((document) => document.documentId === group.first.documentId) ?? group.first;
        group.bestRank = group.documents.reduce<number | null>(
          (best, document) => (document.rank !== null && (best === null || document.rank < best) ? document.rank : best),
          null,
        );
      }
    }
    if (!found.complete) break;
    const gone = await completeShown(found.complete, shown, ordered, completed);
    if (gone.size === 0) break;
    ordered = ordered.filter((group) => !gone.has(group));
  }
  const quoted = shown.flatMap((group) => byRank(group.documents).slice(0, DOCUMENTS_PER_HIT));
  const snippets = quoted.length > 0 ? await quote(quoted) : [];
  const snippetOf = new Map(quoted.map((document, index) => [document, tidyMarks(snippets[index] ?? '')]));
  const hits: SearchHit[] = shown.map((group) => {
    const documents: SearchDocumentHit[] = byRank(group.documents)
      .slice(0, DOCUMENTS_PER_HIT)
      .map((document) => ({
        sequence: document.sequence,
        position: document.position,
        type: document.type,
        description: document.description,
        snippet: snippetOf.get(document) ?? '',
        score: document.rank === null ? 0 : -document.rank,
      }));
    const { first } = group;
    return {
      filingId: first.filingId,
      accessionNumber: first.accessionNumber,
      formType: first.formType,
      filedAt: first.filedAt,
      companyName: first.companyName,
      cik: first.cik,
      score: group.bestRank === null ? 0 : -group.bestRank,
      documents,
      moreDocuments: Math.max(0, group.documents.length - documents.length),
    };
  });
  return {
    hits,
    limit: search.limit,
    offset: search.offset,
    sort: search.sort,
    total: ordered.length,
    totalExact: !found.more,
    rankCapped: search.sort === 'relevance' && search.match !== null && found.rankCapped,
    facets: facetsOf(ordered.map((group) => group.first)),
  };
}

/**
 * Completes (see FoundDocuments.complete) the documents of the shown filings, and the first document of each
 * company that may be named among the top FACET_SIZE: every company counted at least as often as the tenth, since
 * ties are ordered by name. `done` holds what earlier turns completed (each completed document maps to itself),
 * so only new documents are read. Returns the filings with a document no longer stored, left as they were.
 */
async function completeShown(
  complete: (documents: readonly MatchedDocument[]) => Promise<readonly (MatchedDocument | null)[]>,
  shown: readonly FilingGroup[],
  all: readonly FilingGroup[],
  done: Map<MatchedDocument, MatchedDocument | null>,
): Promise<Set<FilingGroup>> {
  const companies = new Map<string, { first: FilingGroup; count: number }>();
  for (const group of all) {
    const cik = group.first.cik;
    if (cik === null) continue;
    const company = companies.get(cik);
    if (company) company.count++;
    else companies.set(cik, { first: group, count: 1 });
  }
  const counts = [...companies.values()].map((company) => company.count).sort((a, b) => b - a);
  const least = counts[FACET_SIZE - 1] ?? 0;
  const named = [...companies.values()].filter((company) => company.count >= least).map((company) => company.first);
  const groups = [...new Set([...shown, ...named])];
  const wanted = [...new Set(groups.flatMap((group) => [group.first, ...group.documents]))].filter((document) => !done.has(document));
  if (wanted.length > 0) {
    const completed = await complete(wanted);
    wanted.forEach((document, index) => {
      const full = completed[index] ?? null;
      done.set(document, full);
      if (full) done.set(full, full);
    });
  }
  const gone = new Set<FilingGroup>();
  for (const group of groups) {
    const first = done.get(group.first);
    const documents = group.documents.map((document) => done.get(document));
    if (first === null || documents.some((document) => document === null)) {
      gone.add(group);
      continue;
    }
    group.first = first ?? group.first;
    group.documents = documents.map((document, index) => document ?? (group.documents[index] as MatchedDocument));
  }
  return gone;
}

/**
 * The filings (by key) on the page of a search sorted by date, or null for relevance. Sorted newest or oldest, which
 * filings a page shows does not depend on rank, so an adapter may rank only these filings' documents (their order
 * under the hit and their scores): the page is the same as when every counted document is ranked.
 */
export function filingsOnDatePage(search: PreparedSearch, documents: readonly MatchedDocument[]): Set<number> | null {
  if (search.sort === 'relevance') return null;
  const groups = new Map<number, FilingGroup>();
  for (const document of documents) {
    if (!groups.has(document.filingKey)) groups.set(document.filingKey, { first: document, documents: [], bestRank: null });
  }
  const ordered = [...groups.values()].sort(compareGroups(search.sort));
  return new Set(ordered.slice(search.offset, search.offset + search.limit).map((group) => group.first.filingKey));
}

function byRank(documents: readonly MatchedDocument[]): MatchedDocument[] {
  return [...documents].sort(
    (a, b) => (a.rank ?? Number.POSITIVE_INFINITY) - (b.rank ?? Number.POSITIVE_INFINITY) || a.position - b.position,
  );
}

function compareGroups(sort: SearchSort): (a: FilingGroup, b: FilingGroup) => number {
  const newest = (a: FilingGroup, b: FilingGroup) => compareText(b.first.filedAt, a.first.filedAt) || b.first.filingKey - a.first.filingKey;
  if (sort === 'newest') return newest;
  if (sort === 'oldest') return (a, b) => -newest(a, b);
  // Relevance: ranked filings by their best document; the unranked (beyond the cap) after them, newest first.
  return (a, b) => {
    if (a.bestRank !== null && b.bestRank !== null) return a.bestRank - b.bestRank || newest(a, b);
    if (a.bestRank !== null) return -1;
    if (b.bestRank !== null) return 1;
    return newest(a, b);
  };
}

/** Orders dates as text (YYYY-MM-DD), a missing date before every present one. */
function compareText(a: string | null, b: string | null): number {
  if (a === b) return 0;
  if (a === null) return -1;
  if (b === null) return 1;
  return a < b ? -1 : 1;
}

const FACET_SIZE = 10;

/** Counts of filings by form type, year filed and company: the top ten of each. */
export function facetsOf(filings: readonly MatchedDocument[]): SearchFacets {
  const forms = new Map<string, number>();
  const years = new Map<string, number>();
  const companies = new Map<string, { name: string | null; count: number }>();
  for (const filing of filings) {
    const form = filing.formType ?? '';
    forms.set(form, (forms.get(form) ?? 0) + 1);
    const year = filing.filedAt?.slice(0, 4) ?? '';
    years.set(year, (years.get(year) ?? 0) + 1);
    const key = filing.cik ?? `name:${filing.companyName ?? ''}`;
    const company = companies.get(key) ?? { name: filing.companyName, count: 0 };
    company.count++;
    companies.set(key, company);
  }
  const top = (counts: Map<string, number>): SearchFacetCount[] =>
    [...counts]
      .filter(([value]) => value !== '')
      .map(([value, count]) => ({ value, label: value, count }))
      .sort((a, b) => b.count - a.count || (a.value < b.value ? -1 : 1))
      .slice(0, FACET_SIZE);
  return {
    forms: top(forms),
    years: top(years).sort((a, b) => b.count - a.count || (a.value < b.value ? 1 : -1)),
    companies: [...companies]
      .filter(([key]) => !key.startsWith('name:'))
      .map(([cik, { name, count }]) => ({ value: cik, label: name ?? cik, count }))
      .sort((a, b) => b.count - a.count || (a.label < b.label ? -1 : 1))
      .slice(0, FACET_SIZE),
  };
}

const { open: OPEN, close: CLOSE } = SNIPPET_MARK;

/** A close mark, at most three characters that are neither letters nor digits, and an open mark. */
const GAP_BETWEEN_MARKS = new RegExp(`${CLOSE}([^\\p{L}\\p{N}${OPEN}${CLOSE}]{0,3})${OPEN}`, 'gu');
const MARKED_RUN = new RegExp(`${OPEN}([^${CLOSE}]*)${CLOSE}`, 'gu');
const CLOSING: Readonly<Record<string, string>> = { '(': ')', '[': ']', '{': '}' };

/**
 * Marks as a reader expects them: the words of one match marked as one run across the punctuation between them
 * (`13a-15(f` rather than `13a`, `15`, `f`), and a bracket the run opens closed inside it (`13a-15(f)`, not
 * `13a-15(f` followed by `)`). Linear in the snippet's length.
 */
export function tidyMarks(snippet: string): string {
  const merged = snippet.replace(GAP_BETWEEN_MARKS, '$1');
  let out = '';
  let from = 0;
  for (const match of merged.matchAll(MARKED_RUN)) {
    const words = match[1] as string;
    const at = match.index;
    const open: string[] = [];
    for (const char of words) {
      const closing = CLOSING[char];
      if (closing) open.push(closing);
      else if (char === open[open.length - 1]) open.pop();
    }
    let next = at + match[0].length;
    let extra = '';
    while (open.length > 0 && merged[next] === open[open.length - 1]) {
      extra += open.pop();
      next++;
    }
    out += `${merged.slice(from, at)}${OPEN}${words}${extra}${CLOSE}`;
    from = next;
  }
  return out + merged.slice(from);
}

/** What bounded a result, in a sentence each (nothing when the page is exact): said by every shell that shows one. */
export function searchCaveats(page: SearchPage): string[] {
  if (!page.totalExact) {
    const ranked = page.rankCapped ? 'Ranked, counted' : 'Counted';
    return [
      `${ranked}, sorted and faceted among the ${COUNT_CAP.toLocaleString('en-US')} most recently stored matching documents; narrow the query or add filters to see all.`,
    ];
  }
  return page.rankCapped ? [`Ranked among the ${RANK_CAP.toLocaleString('en-US')} most recently stored matching documents.`] : [];
}

/**
 * When a search with a form filter finds nothing: a line saying that no stored filing has that form type, with the
 * stored form types that start with it (`form:13F` matches no `13F-HR`: form types match whole), or null when the
 * form type is stored (the words, not the form, found nothing) or no form was asked for.
 */
export function formFilterHint(
  form: string | undefined,
  stored: readonly { readonly formType: string; readonly count: number }[],
): string | null {
  if (!form) return null;
  const wanted = form.toUpperCase();
  if (stored.some((type) => type.formType.toUpperCase() === wanted)) return null;
  const near = stored.filter((type) => type.formType.toUpperCase().startsWith(wanted));
  const shown = near.slice(0, 10).map((type) => `${type.formType} (${type.count})`);
  return near.length === 0
    ? `No stored filing has form type "${form}" (form types match whole, e.g. 6-K, 10-K, 13F-HR).`
    : `No stored filing has form type "${form}"; form types match whole, and these start with it: ${shown.join(', ')}${near.length > 10 ? ', …' : ''}.`;
}
