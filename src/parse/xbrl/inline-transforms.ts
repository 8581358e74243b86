/**
 * Inline XBRL transformation rules: what a fact's `format` makes of the text a document shows. The rules are
 * those of the XBRL International Transformation Registries (1 to 5: `ixt:num-dot-decimal` is registry 4/5's name of
 * registry 1/2's `ixt:numdotdecimal`) and the SEC's own (`ixt-sec:`), matched by local name so that any prefix
 * bound to a registry works. A rule not here gives no value (the caller says so); nothing is guessed.
 */

export type Transformed = { readonly ok: true; readonly value: string } | { readonly ok: false; readonly reason: string };

const ok = (value: string): Transformed => ({ ok: true, value });
const fail = (reason: string): Transformed => ({ ok: false, reason });

/** A decimal as XML Schema writes it: optional sign, digits, optional fraction. */
const XS_DECIMAL = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)$/;

const MONTHS: Readonly<Record<string, number>> = {
  january: 1,
  february: 2,
  march: 3,
  april: 4,
  may: 5,
  june: 6,
  july: 7,
  august: 8,
  september: 9,
  october: 10,
  november: 11,
  december: 12,
  jan: 1,
  feb: 2,
  mar: 3,
  apr: 4,
  jun: 6,
  jul: 7,
  aug: 8,
  sep: 9,
  sept: 9,
  oct: 10,
  nov: 11,
  dec: 12,
};

// biome-ignore format: a table
const US_STATES: Readonly<Record<string, string>> = {
  alabama: 'AL', alaska: 'AK', arizona: 'AZ', arkansas: 'AR', california: 'CA', colorado: 'CO', connecticut: 'CT',
  delaware: 'DE', 'district of columbia': 'DC', florida: 'FL', georgia: 'GA', hawaii: 'HI', idaho: 'ID', illinois: 'IL',
  indiana: 'IN', iowa: 'IA', kansas: 'KS', kentucky: 'KY', louisiana: 'LA', maine: 'ME', maryland: 'MD',
  massachusetts: 'MA', michigan: 'MI', minnesota: 'MN', mississippi: 'MS', missouri: 'MO', montana: 'MT',
  nebraska: 'NE', nevada: 'NV', 'new hampshire': 'NH', 'new jersey': 'NJ', 'new mexico': 'NM', 'new york': 'NY',
  'north carolina': 'NC', 'north dakota': 'ND', ohio: 'OH', oklahoma: 'OK', oregon: 'OR', pennsylvania: 'PA',
  'rhode island': 'RI', 'south carolina': 'SC', 'south dakota': 'SD', tennessee: 'TN', texas: 'TX', utah: 'UT',
  vermont: 'VT', virginia: 'VA', washington: 'WA', 'west virginia': 'WV', wisconsin: 'WI', wyoming: 'WY',
  'puerto rico': 'PR', guam: 'GU', 'virgin islands': 'VI', 'american samoa': 'AS', 'northern mariana islands': 'MP',
};

// biome-ignore format: a table
const NUMBER_WORDS: Readonly<Record<string, number>> = {
  no: 0, none: 0, zero: 0, one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10,
  eleven: 11, twelve: 12, thirteen: 13, fourteen: 14, fifteen: 15, sixteen: 16, seventeen: 17, eighteen: 18,
  nineteen: 19, twenty: 20,
};

/** White space run together and trimmed: how a shown text reads. */
export const collapse = (text: string) => text.replace(/\s+/g, ' ').trim();

/** `1,234.56`, `1 234.56`, `1'234.56` → `1234.56`; a bare `.5` or `5.` too. */
function dotDecimal(text: string): Transformed {
  const digits = collapse(text).replace(/[,\s'\u00a0\u2009\u202f]/g, '');
  return XS_DECIMAL.test(digits) ? ok(digits) : fail(`"${text}" is not a number with a dot as its decimal separator`);
}

/** `1.234,56`, `1 234,56` → `1234.56`. */
function commaDecimal(text: string): Transformed {
  const digits = collapse(text)
    .replace(/[.\s'\u00a0\u2009\u202f]/g, '')
    .replace(',', '.');
  return XS_DECIMAL.test(digits) ? ok(digits) : fail(`"${text}" is not a number with a comma as its decimal separator`);
}

function isoDate(year: number, month: number, day: number, text: string): Transformed {
  const date = new Date(Date.UTC(year, month - 1, day));
  if (!Number.isInteger(year) || date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day)
    return fail(`"${text}" is not a calendar date`);
  return ok(`${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`);
}

const fullYear = (year: string) => (year.length === 2 ? 2000 + Number(year) : Number(year));

/** `January 23, 2024`, `Jan. 23 2024`. */
function monthNameDayYear(text: string): Transformed {
  const found = /^([A-Za-z]+)\.?\s*(\d{1,2})(?:st|nd|rd|th)?\s*,?\s*(\d{4}|\d{2})$/.exec(collapse(text));
  const month = found ? MONTHS[(found[1] as string).toLowerCase()] : undefined;
  if (!found || month === undefined) return fail(`"${text}" is not a date written month name, day, year`);
  return isoDate(fullYear(found[3] as string), month, Number(found[2]), text);
}

/** `23 January 2024`, `23rd of January, 2024`. */
function dayMonthNameYear(text: string): Transformed {
  const found = /^(\d{1,2})(?:st|nd|rd|th)?\s*(?:of\s+)?([A-Za-z]+)\.?\s*,?\s*(\d{4}|\d{2})$/.exec(collapse(text));
  const month = found ? MONTHS[(found[2] as string).toLowerCase()] : undefined;
  if (!found || month === undefined) return fail(`"${text}" is not a date written day, month name, year`);
  return isoDate(fullYear(found[3] as string), month, Number(found[1]), text);
}

/** Three numbers separated by `/`, `-`, `.` or spaces, in the order given. */
function numericDate(order: 'mdy' | 'dmy' | 'ymd'): (text: string) => Transformed {
  return (text) => {
    const parts = collapse(text).split(/\s*[/.\-\s]\s*/);
    if (parts.length !== 3 || parts.some((part) => !/^\d{1,4}$/.test(part))) return fail(`"${text}" is not a numeric date`);
    const [a, b, c] = parts as [string, string, string];
    if (order === 'mdy') return isoDate(fullYear(c), Number(a), Number(b), text);
    if (order === 'dmy') return isoDate(fullYear(c), Number(b), Number(a), text);
    return isoDate(fullYear(a), Number(b), Number(c), text);
  };
}

function ballotBox(text: string): Transformed {
  const mark = collapse(text);
  if (/^[☒☑✓✔⌧]$/u.test(mark)) return ok('true');
  if (mark === '☐') return ok('false');
  return fail(`"${text}" is not a ballot box (☐ or ☒)`);
}

function numberWords(text: string): Transformed {
  const word = collapse(text).toLowerCase();
  if (/^\d+$/.test(word)) return ok(word);
  const number = NUMBER_WORDS[word];
  return number === undefined ? fail(`"${text}" is not a number written in words that this reader knows`) : ok(String(number));
}

function stateName(text: string): Transformed {
  const code =
    US_STATES[
      collapse(text)
        .toLowerCase()
        .replace(/^state of /, '')
    ];
  return code ? ok(code) : fail(`"${text}" is not the name of a US state or territory`);
}

/**
 * Exchange names to the codes of `dei:SecurityExchangeName`: only pairs whose code a filing's own XBRL instance gives
 * for the name its inline document shows (checked in the corpus); any other name gives no value.
 */
const EXCHANGES: Readonly<Record<string, string>> = {
  'new york stock exchange': 'NYSE',
  'chicago stock exchange': 'CHX',
  'nasdaq stock market': 'NASDAQ',
};

function exchangeName(text: string): Transformed {
  const name = collapse(text)
    .toLowerCase()
    .replace(/[.,]/g, '')
    .replace(/^the /, '')
    .replace(/ (inc|llc)$/, '');
  const code = EXCHANGES[name];
  return code ? ok(code) : fail(`"${text}" is not an exchange name this reader knows the code of`);
}

/** Rules by local name (registries 1–5 and SEC). */
const RULES: Readonly<Record<string, (text: string) => Transformed>> = {
  'num-dot-decimal': dotDecimal,
  numdotdecimal: dotDecimal,
  numcommadot: dotDecimal,
  numspacedot: dotDecimal,
  'num-comma-decimal': commaDecimal,
  numcommadecimal: commaDecimal,
  numdotcomma: commaDecimal,
  numspacecomma: commaDecimal,
  zerodash: () => ok('0'),
  'fixed-zero': () => ok('0'),
  numdash: () => ok('0'),
  'fixed-empty': () => ok(''),
  'fixed-false': () => ok('false'),
  'fixed-true': () => ok('true'),
  booleanfalse: () => ok('false'),
  booleantrue: () => ok('true'),
  'date-monthname-day-year-en': monthNameDayYear,
  datemonthdayyearen: monthNameDayYear,
  datelongus: monthNameDayYear,
  dateshortus: monthNameDayYear,
  'date-day-monthname-year-en': dayMonthNameYear,
  datedaymonthyearen: dayMonthNameYear,
  datelonguk: dayMonthNameYear,
  dateshortuk: dayMonthNameYear,
  'date-month-day-year': numericDate('mdy'),
  datemonthdayyear: numericDate('mdy'),
  dateslashus: numericDate('mdy'),
  datedotus: numericDate('mdy'),
  'date-day-month-year': numericDate('dmy'),
  datedaymonthyear: numericDate('dmy'),
  dateslasheu: numericDate('dmy'),
  datedoteu: numericDate('dmy'),
  'date-year-month-day': numericDate('ymd'),
  dateyearmonthday: numericDate('ymd'),
  boolballotbox: ballotBox,
  numwordsen: numberWords,
  'num-word-en': numberWords,
  stateprovnameen: stateName,
  exchnameen: exchangeName,
};

/** The XBRL value of `text` under `format` (a QName such as `ixt:num-dot-decimal`), or why there is none. */
export function applyTransformation(format: string, text: string): Transformed {
  const local = format.slice(format.indexOf(':') + 1);
  const rule = RULES[local];
  return rule ? rule(text) : fail(`the transformation ${format} is not one this reader applies`);
}

/** A numeric fact's value with no format: the text must be an XML Schema decimal as it stands (spaces aside). */
export function plainDecimal(text: string): Transformed {
  const digits = collapse(text);
  return XS_DECIMAL.test(digits) ? ok(digits) : fail(`"${text}" has no format and is not a plain decimal number`);
}

/** `digits` × 10^scale, exactly, as a decimal string without superfluous zeros or sign. */
export function shiftDecimal(digits: string, scale: number): string {
  const negative = digits.startsWith('-');
  const unsigned = digits.replace(/^[+-]/, '');
  const [whole = '', fraction = ''] = unsigned.split('.');
  let all = `${whole}${fraction}`;
  let point = whole.length + scale;
  if (point < 0) {
    all = `${'0'.repeat(-point)}${all}`;
    point = 0;
  }
  if (point > all.length) all = `${all}${'0'.repeat(point - all.length)}`;
  const integer = all.slice(0, point).replace(/^0+(?=\d)/, '') || '0';
  const decimals = all.slice(point).replace(/0+$/, '');
  const magnitude = decimals ? `${integer}.${decimals}` : integer;
  return negative && /[1-9]/.test(magnitude) ? `-${magnitude}` : magnitude;
}
