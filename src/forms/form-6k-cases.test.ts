import { describe, expect, it } from 'vitest';
import { parseTextDocument } from '../parse/text/parse-text-document.js';
import { matchDocument } from './attached-exhibits.js';
import { extractFiling, recognizeForm, sameCompanyName } from './extract-filing.js';
import type { Form6KRecord } from './form-6k.js';

/** A hand-made 6-K/A cover (the corpus has none): amended form, "Yes" marked with its 82- number. */
const AMENDED = `
                                   FORM 6-K/A

                       SECURITIES AND EXCHANGE COMMISSION
                             Washington, D.C. 20549

                        REPORT OF FOREIGN PRIVATE ISSUER

                         For the month of March, 2004

                        Commission File Number: 001-12345

                              EXAMPLE HOLDINGS PLC
                 (Translation of registrant's name into English)

                                 1 Example Street
                                 London EC2 1AA
                    (Address of principal executive offices)

     Indicate by check mark whether the registrant files or will file annual
reports under cover Form 20-F or Form 40-F.

                    Form 20-F [X]              Form 40-F [ ]

     Indicate by check mark whether by furnishing the information contained in
this Form, the registrant is also thereby furnishing the information to the
Commission pursuant to Rule 12g3-2(b) under the Securities Exchange Act of 1934.

                    Yes [X]                    No [ ]

     If "Yes" is marked, indicate below the file number assigned to the
registrant in connection with Rule 12g3-2(b): 82-4321

<PAGE>
                                    SIGNATURE

          Pursuant to the requirements of the Securities Exchange Act of 1934,
the registrant has duly caused this report to be signed on its behalf by the
undersigned, thereunto duly authorized.

                                                  EXAMPLE HOLDINGS PLC

Date: March 31, 2004                              By: /s/ Jane Doe
                                                      ----------------
                                                  Name:  Jane Doe
                                                  Title: Company Secretary
`;

describe('hand-made 6-K cases', () => {
  it('reads a 6-K/A cover: amended form, Yes marked with its 82- file number', () => {
    const model = parseTextDocument(AMENDED);
    expect(recognizeForm(model)).toBe('6-K/A');
    const { formType, record } = extractFiling({
      header: null,
      documents: [{ sequence: null, type: null, filename: null, description: null, model }],
    });
    expect(formType).toBe('6-K/A');
    const sixK = record as Form6KRecord;
    expect(sixK.form).toBe('6-K/A');
    expect(sixK.reportMonth.value).toBe('2004-03');
    expect(sixK.registrant.value).toBe('EXAMPLE HOLDINGS PLC');
    expect(sixK.address.value).toBe('1 Example Street, London EC2 1AA');
    expect(sixK.furnishesUnderRule12g32b.value).toBe(true);
    expect(sixK.rule12g32bFileNumber.value).toBe('82-4321');
    expect(model.source.slice(sixK.rule12g32bFileNumber.span?.start, sixK.rule12g32bFileNumber.span?.end)).toBe('82-4321');
    expect(sixK.paperUnderRule101b1.value).toBeNull();
    expect(sixK.signatures.map((block) => [block.registrant.value, block.name.value, block.title.value, block.date.value])).toEqual([
      ['EXAMPLE HOLDINGS PLC', 'Jane Doe', 'Company Secretary', '2004-03-31'],
    ]);
  });

  it('does not take a form named in running text for the cover', () => {
    const model = parseTextDocument('Exhibit 99.1\n\nAs described in our Annual Report on Form 20-F for 2025, revenue grew.\n');
    expect(recognizeForm(model)).toBeNull();
  });
});

describe('matchDocument', () => {
  const documents = [
    { sequence: 2, type: 'EX-99.A', filename: 'al90092ex_a.htm', description: null },
    { sequence: 3, type: 'EX-99', filename: 'exhibit_a.htm', description: null },
    { sequence: 4, type: 'EX-99', filename: 'ss58197_ex9902.htm', description: null },
    { sequence: 5, type: 'EX-99', filename: 'nbis-20260331xex99d3.htm', description: null },
    { sequence: 6, type: 'EX-99', filename: 'a10-101_ex99point4.htm', description: null },
    { sequence: 7, type: 'EX-99', filename: 'ex99-10.htm', description: null },
  ];

  it('matches by type first, then by the exhibit number a file name spells', () => {
    expect(matchDocument('A', documents)?.sequence).toBe(2);
    expect(matchDocument('A', documents.slice(1))?.sequence).toBe(3);
    expect(matchDocument('99.2', documents)?.sequence).toBe(4);
    expect(matchDocument('99.3', documents)?.sequence).toBe(5);
    expect(matchDocument('99.4', documents)?.sequence).toBe(6);
    expect(matchDocument('99.10', documents)?.sequence).toBe(7);
    expect(matchDocument('99.1', documents)).toBeNull();
  });
});

describe('sameCompanyName', () => {
  it('ignores case, punctuation, accents and legal forms, not other words', () => {
    expect(sameCompanyName('ABN AMRO HOLDING N V', 'ABN AMRO HOLDING N.V.')).toBe(true);
    expect(sameCompanyName('ALCATEL LUCENT', 'Alcatel-Lucent')).toBe(true);
    expect(sameCompanyName('ALCON INC', 'ALCON, INC.')).toBe(true);
    expect(sameCompanyName('7076991 Canada Inc.', 'Ballard Power Systems Inc.')).toBe(false);
  });
});
