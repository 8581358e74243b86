import { searchCaveats } from '../store/search.js';
import { plainSnippet } from '../store/snippet-text.js';
import type { SearchPage } from '../store/store.js';

/** How many filings a page counts, in words: exact, or "more than N" where counting stopped. */
export function describeTotal(page: SearchPage): string {
  const count = page.total.toLocaleString('en-US');
  const filings = page.total === 1 && page.totalExact ? 'filing' : 'filings';
  return page.totalExact ? `${count} ${filings}` : `more than ${count} ${filings}`;
}

/** A search page for a person: one block per filing, its matching documents under it with their snippets. */
export function formatSearchPage(page: SearchPage, tty: boolean, showFacets: boolean): string {
  if (page.hits.length === 0) return page.offset > 0 && page.total > 0 ? `No more matches (${describeTotal(page)}).\n` : 'No matches.\n';
  const lines: string[] = [];
  const last = page.offset + page.hits.length;
  lines.push(`${describeTotal(page)} match, sorted by ${page.sort}.`);
  page.hits.forEach((hit, index) => {
    lines.push(
      `${page.offset + index + 1}. ${hit.accessionNumber ?? hit.filingId}  ${hit.formType ?? '-'}  ${hit.filedAt ?? '-'}  ${hit.companyName ?? ''}${hit.cik ? ` (CIK ${hit.cik})` : ''}`,
    );
    for (const document of hit.documents) {
      const label = [`doc ${document.sequence ?? document.position + 1}`, document.type, document.description].filter(Boolean).join(' ');
      lines.push(`   ${label}${document.snippet ? `: ${highlight(document.snippet, tty)}` : ''}`);
    }
    if (hit.moreDocuments > 0) lines.push(`   (and ${hit.moreDocuments} more matching document${hit.moreDocuments === 1 ? '' : 's'})`);
  });
  lines.push(...searchCaveats(page));
  if (showFacets) {
    const facet = (name: string, counts: readonly { label: string; value: string; count: number }[]) =>
      `${name}: ${counts.map((entry) => `${entry.label}${entry.label !== entry.value ? ` [${entry.value}]` : ''} ${entry.count}`).join(', ') || '-'}`;
    lines.push(facet('Forms', page.facets.forms), facet('Years', page.facets.years), facet('Companies', page.facets.companies));
  }
  // A full page may have more behind it: say where the next starts, last, as every listing command does.
  if (page.totalExact ? last < page.total : page.hits.length === page.limit)
    lines.push(`(results ${page.offset + 1}-${last}; more with --offset ${last})`);
  return `${lines.join('\n')}\n`;
}

/** Matched words in bold on a terminal, else in brackets; runs of white space made one space (lengths change, so after). */
function highlight(snippet: string, tty: boolean): string {
  const { text, highlights } = plainSnippet(snippet);
  const [open, close] = tty ? ['\u001b[1m', '\u001b[22m'] : ['[', ']'];
  let out = '';
  let at = 0;
  for (const range of highlights) {
    out += `${flat(text.slice(at, range.start))}${open}${flat(text.slice(range.start, range.end))}${close}`;
    at = range.end;
  }
  return out + flat(text.slice(at));
}

function flat(text: string): string {
  return text.replace(/\s+/g, ' ');
}
