import { readXbrlFacts } from './src/parse/xbrl/read-xbrl-facts.js';
const wrap = (b: string) => `<html xmlns:ix="http://www.xbrl.org/2013/inlineXBRL" xmlns:xbrli="http://www.xbrl.org/2003/instance"><body><ix:header><ix:resources><xbrli:context id="FY"><xbrli:period><xbrli:instant>2023-12-31</xbrli:instant></xbrli:period></xbrli:context><xbrli:unit id="USD"><xbrli:measure>iso4217:USD</xbrli:measure></xbrli:unit></ix:resources></ix:header>${b}</body></html>`;
for (const n of [4000,16000,64000]) { const s = wrap('<ix:nonFraction name="x:A" contextRef="FY" unitRef="USD" decimals="0">1</ix:nonFraction>'.repeat(n));
const t = performance.now(); readXbrlFacts(s); console.log(n, (performance.now() - t).toFixed(0)); }
