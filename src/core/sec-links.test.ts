import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { sharedRoot } from '../../test/shared-files.js';
import { parseSubmission } from '../parse/sgml/parse-submission.js';
import { companyUrl, filingIndexUrl } from './sec-links.js';

const INDEX_PATH = /^\/Archives\/edgar\/data\/([1-9]\d{0,9})\/(\d{18})\/(\d{10}-\d{2}-\d{6})-index\.htm$/;

/** Checks one index URL against its inputs: the host, the folder layout, and the accession written both ways. */
function expectWellFormedIndexUrl(url: string | null, cik: string, accession: string): void {
  expect(url).not.toBeNull();
  const parsed = new URL(url as string);
  expect(parsed.protocol).toBe('https:');
  expect(parsed.host).toBe('www.sec.gov');
  expect(parsed.search).toBe('');
  const match = INDEX_PATH.exec(parsed.pathname);
  expect(match, parsed.pathname).not.toBeNull();
  const [, folderCik, folderAccession, fileAccession] = match as RegExpExecArray;
  expect(Number(folderCik)).toBe(Number(cik));
  expect(fileAccession).toBe(accession);
  expect(folderAccession).toBe(accession.replaceAll('-', ''));
}

describe('filingIndexUrl', () => {
  it('writes the index page of a filing, with the CIK and accession number as the EDGAR archive folders write them', () => {
    expect(filingIndexUrl('0001123452', '0001123452-02-000012')).toBe(
      'https://www.sec.gov/Archives/edgar/data/1123452/000112345202000012/0001123452-02-000012-index.htm',
    );
    // Undashed accession numbers and CIKs without leading zeros are the same filing.
    expect(filingIndexUrl('1123452', '000112345202000012')).toBe(filingIndexUrl('0001123452', '0001123452-02-000012'));
  });

  it('is null, never a guess, when a value is missing or malformed', () => {
    expect(filingIndexUrl(null, '0001123452-02-000012')).toBeNull();
    expect(filingIndexUrl('0001123452', null)).toBeNull();
    expect(filingIndexUrl('12ab', '0001123452-02-000012')).toBeNull();
    expect(filingIndexUrl('0001123452', '0001123452-02-00001')).toBeNull();
    expect(filingIndexUrl('0001123452', '../../etc/passwd')).toBeNull();
  });

  it('gives a well-formed URL for every party of every filing of the corpus', () => {
    let checked = 0;
    for (const folder of ['submissions', 'nc', 'fpi', 'html', 'headers', 'xml']) {
      const dir = join(sharedRoot, 'corpus', folder);
      for (const name of readdirSync(dir).sort()) {
        const header = parseSubmission(readFileSync(join(dir, name))).header;
        const accession = header?.accessionNumber;
        if (!header || !accession) continue;
        for (const party of header.parties) {
          const cik = party.company?.cik;
          if (!cik) continue;
          expectWellFormedIndexUrl(filingIndexUrl(cik, accession), cik, accession);
          checked++;
        }
      }
    }
    // The corpus holds well over a hundred filings with at least one party each.
    expect(checked).toBeGreaterThan(100);
  });
});

describe('companyUrl', () => {
  it("links a CIK to the company's EDGAR page, with the CIK as EDGAR writes it", () => {
    const url = new URL(companyUrl('1123452') as string);
    expect(url.origin).toBe('https://www.sec.gov');
    expect(url.pathname).toBe('/cgi-bin/browse-edgar');
    expect(url.searchParams.get('action')).toBe('getcompany');
    expect(url.searchParams.get('CIK')).toBe('0001123452');
  });

  it('is null for anything that is not a CIK', () => {
    expect(companyUrl(null)).toBeNull();
    expect(companyUrl('')).toBeNull();
    expect(companyUrl('12345678901')).toBeNull();
    expect(companyUrl('1&action=x')).toBeNull();
  });
});
