import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { sharedRoot } from '../../test/shared-files.js';
import { parseSubmission } from '../parse/sgml/parse-submission.js';
import { edgarLocation, edgarLocationName, edgarLocations } from './edgar-location-codes.js';
import { sicCodes, sicTitle } from './sic-codes.js';

/** Every header of the corpus, parsed. */
function corpusHeaders() {
  const headers = [];
  for (const folder of ['submissions', 'nc', 'fpi', 'html', 'headers', 'xml']) {
    const dir = join(sharedRoot, 'corpus', folder);
    for (const name of readdirSync(dir).sort()) {
      const header = parseSubmission(readFileSync(join(dir, name))).header;
      if (header) headers.push({ name: `${folder}/${name}`, header });
    }
  }
  return headers;
}

describe('EDGAR state and country codes', () => {
  it('decodes the codes of the issue and of the SEC list', () => {
    expect(edgarLocationName('N4')).toBe('Luxembourg');
    expect(edgarLocationName('X0')).toBe('United Kingdom');
    expect(edgarLocationName('M5')).toBe('Korea, Republic of');
    expect(edgarLocationName('E9')).toBe('Cayman Islands');
    expect(edgarLocationName('K3')).toBe('Hong Kong');
    expect(edgarLocationName('2M')).toBe('Germany');
    expect(edgarLocation('A6')).toEqual({ code: 'A6', name: 'Ontario, Canada', kind: 'canadian-province' });
    expect(edgarLocation('MA')).toEqual({ code: 'MA', name: 'Massachusetts', kind: 'us-state' });
    expect(edgarLocation(' de ')?.name).toBe('Delaware');
  });

  it('is null for a code the list does not hold, never a guess', () => {
    expect(edgarLocation('L5')).toBeNull(); // a retired code, still in 2009 Israeli headers (L3 is Israel today)
    expect(edgarLocation('ZZ')).toBeNull();
    expect(edgarLocation('')).toBeNull();
    expect(edgarLocation(null)).toBeNull();
  });

  it('holds every code once, two characters of letters and digits each', () => {
    const codes = edgarLocations().map((location) => location.code);
    expect(new Set(codes).size).toBe(codes.length);
    for (const code of codes) expect(code).toMatch(/^[A-Z0-9]{2}$/);
    expect(edgarLocations().filter((location) => location.kind === 'us-state')).toHaveLength(55);
    expect(edgarLocations().filter((location) => location.kind === 'canadian-province')).toHaveLength(12);
  });

  it('agrees with the city of every foreign business address in the corpus, as read by hand', () => {
    // Pairs read from the corpus headers: the STATE code beside the CITY it is written with.
    const expected: Record<string, string> = {
      N4: 'Luxembourg', // CITY: LUXEMBOURG
      X0: 'United Kingdom', // LONDON, EDINBURGH
      E9: 'Cayman Islands', // GEORGE TOWN, GRAND CAYMAN
      L2: 'Ireland', // DUBLIN
      A1: 'British Columbia, Canada', // VANCOUVER, BURNABY
      A0: 'Alberta, Canada', // CALGARY
      P7: 'Netherlands', // AMSTERDAM, THE HAGUE
      M0: 'Japan', // CHIYODA-KU, TOKYO
      I0: 'France', // PARIS
      F4: 'China', // SHENYANG
      D0: 'Bermuda', // HAMILTON
      L3: 'Israel', // RAMAT GAN, TEL AVIV
      Z4: 'Canada (Federal Level)', // TORONTO
    };
    const seen = new Set<string>();
    for (const { header } of corpusHeaders())
      for (const party of header.parties)
        for (const address of [party.businessAddress, party.mailAddress]) {
          const code = address?.state;
          if (code && code in expected) {
            seen.add(code);
            expect(edgarLocationName(code)).toBe(expected[code]);
          }
        }
    expect([...seen].sort()).toEqual(Object.keys(expected).sort());
  });

  it('decodes every state of incorporation in the corpus', () => {
    const unknown: string[] = [];
    for (const { name, header } of corpusHeaders())
      for (const party of header.parties) {
        const code = party.company?.stateOfIncorporation;
        if (code && !edgarLocation(code)) unknown.push(`${name}: ${code}`);
      }
    expect(unknown).toEqual([]);
  });
});

describe('SIC codes', () => {
  it('holds the 444 codes of the SEC list, each once, four digits, with a title', () => {
    const codes = sicCodes();
    expect(codes).toHaveLength(444);
    expect(new Set(codes.map((entry) => entry.code)).size).toBe(444);
    for (const { code, title } of codes) {
      expect(code).toMatch(/^\d{4}$/);
      expect(title).toMatch(/^[A-Z]/);
      expect(title).toBe(title.toUpperCase());
    }
  });

  it('titles a code as EDGAR does, with or without its leading zero', () => {
    expect(sicTitle('6189')).toBe('ASSET-BACKED SECURITIES');
    expect(sicTitle('7372')).toBe('SERVICES-PREPACKAGED SOFTWARE');
    expect(sicTitle('0100')).toBe('AGRICULTURAL PRODUCTION-CROPS');
    expect(sicTitle('100')).toBe('AGRICULTURAL PRODUCTION-CROPS');
    expect(sicTitle('9999')).toBeNull();
    expect(sicTitle('61890')).toBeNull();
    expect(sicTitle('abcd')).toBeNull();
    expect(sicTitle(null)).toBeNull();
  });

  it("gives the title the corpus headers print beside each code, where EDGAR's wording has not changed since", () => {
    // Titles these headers print in an earlier wording than the SEC's list today.
    const reworded: Record<string, string> = {
      '1389': 'OIL, GAS FIELD SERVICES, NBC', // today OIL & GAS FIELD SERVICES, NEC
      '3540': 'METALWORKING MACHINERY & EQUIPMENT', // today METALWORKG MACHINERY & EQUIPMENT
      '4899': 'COMMUNICATION SERVICES, NEC', // today COMMUNICATIONS SERVICES, NEC
    };
    let compared = 0;
    for (const { name, header } of corpusHeaders())
      for (const party of header.parties) {
        const sic = party.company?.sic;
        if (!sic) continue;
        expect(sicTitle(sic), `${name}: ${sic}`).not.toBeNull();
        const printed = party.company?.sicDescription;
        if (!printed) continue;
        if (sic in reworded) expect(printed).toBe(reworded[sic]);
        else expect(sicTitle(sic), `${name}: ${sic}`).toBe(printed);
        compared++;
      }
    expect(compared).toBeGreaterThan(50);
  });
});
