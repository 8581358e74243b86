/**
 * A small made-up submission that takes a render thread through the code a server's documents take (the SGML
 * container, a legacy ASCII document with pages and a column table, an HTML document with a table, an XML
 * document as ownership reports are filed), so that a
 * thread has loaded and compiled it before the first request: on a busy machine a cold thread's first renders took
 * 200 ms each where a warm one takes a few, and the first requests after a start queued behind them.
 */
const ASCII_PAGE = [
  'REPORT OF FOREIGN PRIVATE ISSUER. The company reports its results for the quarter and its dividend.',
  '',
  '<TABLE>',
  '<CAPTION>Results</CAPTION>',
  '<S>                                   <C>            <C>',
  'Revenue                                    1,234          1,100',
  'Net income                                   321            300',
  '</TABLE>',
  '<PAGE>',
].join('\n');

const HTML_BODY =
  '<html><body><p>The company <b>reports</b> its results.</p><table><tr><td>Revenue</td><td>1,234</td></tr>' +
  '<tr><td>Net income</td><td>321</td></tr></table><div>SIGNATURES</div></body></html>';

export const WARM_UP_SUBMISSION = new TextEncoder().encode(
  [
    '<SEC-DOCUMENT>0000000000-00-000000.txt : 20000101',
    '<SEC-HEADER>0000000000-00-000000.hdr.sgml : 20000101',
    'ACCESSION NUMBER:\t\t0000000000-00-000000',
    'CONFORMED SUBMISSION TYPE:\t6-K',
    'PUBLIC DOCUMENT COUNT:\t\t3',
    'FILED AS OF DATE:\t\t20000101',
    '</SEC-HEADER>',
    '<DOCUMENT>',
    '<TYPE>6-K',
    '<SEQUENCE>1',
    '<FILENAME>report.txt',
    '<TEXT>',
    ASCII_PAGE.repeat(3),
    '</TEXT>',
    '</DOCUMENT>',
    '<DOCUMENT>',
    '<TYPE>EX-99.1',
    '<SEQUENCE>2',
    '<FILENAME>release.htm',
    '<TEXT>',
    HTML_BODY,
    '</TEXT>',
    '</DOCUMENT>',
    '<DOCUMENT>',
    '<TYPE>4',
    '<SEQUENCE>3',
    '<FILENAME>form4.xml',
    '<TEXT>',
    '<XML>',
    '<?xml version="1.0"?>',
    '<ownershipDocument><documentType>4</documentType><issuer><issuerName>EXAMPLE CORP &amp; CO</issuerName></issuer></ownershipDocument>',
    '</XML>',
    '</TEXT>',
    '</DOCUMENT>',
    '</SEC-DOCUMENT>',
    '',
  ].join('\n'),
);
