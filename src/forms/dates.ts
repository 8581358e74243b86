const MONTHS = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'];
const SHORT = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

/** 1–12 for a month name (full or three-letter, any case, `Sept.` too), else null. */
export function monthNumber(name: string): number | null {
  const lower = name.toLowerCase().replace(/\.$/, '');
  const full = MONTHS.indexOf(lower);
  if (full !== -1) return full + 1;
  const short = SHORT.indexOf(lower === 'sept' ? 'sep' : lower);
  return short === -1 ? null : short + 1;
}

export const MONTH_PATTERN =
  '(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\\.?';

const WRITTEN_DATE = new RegExp(`\\b(${MONTH_PATTERN})\\s+(\\d{1,2})(?:st|nd|rd|th)?\\s*,?\\s*(\\d{4})\\b`, 'i');
const DAY_FIRST_DATE = new RegExp(`\\b(\\d{1,2})(?:st|nd|rd|th)?\\s+(?:day\\s+of\\s+)?(${MONTH_PATTERN})\\s*,?\\s*(\\d{4})\\b`, 'i');
const NUMERIC_DATE = /\b(\d{1,2})\/(\d{1,2})\/(\d{4})\b/;

function iso(year: number, month: number, day: number): string | null {
  if (month < 1 || month > 12 || day < 1 || day > 31) return null;
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCMonth() !== month - 1) return null;
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** The first written date in `text` (`December 27, 2002`, `27 December 2002`, `12/27/2002`) as YYYY-MM-DD. */
export function findDate(text: string): { iso: string; index: number; length: number } | null {
  const written = WRITTEN_DATE.exec(text);
  if (written) {
    const value = iso(Number(written[3]), monthNumber(written[1] as string) ?? 0, Number(written[2]));
    if (value) return { iso: value, index: written.index, length: written[0].length };
  }
  const dayFirst = DAY_FIRST_DATE.exec(text);
  if (dayFirst) {
    const value = iso(Number(dayFirst[3]), monthNumber(dayFirst[2] as string) ?? 0, Number(dayFirst[1]));
    if (value) return { iso: value, index: dayFirst.index, length: dayFirst[0].length };
  }
  const numeric = NUMERIC_DATE.exec(text);
  if (numeric) {
    const value = iso(Number(numeric[3]), Number(numeric[1]), Number(numeric[2]));
    if (value) return { iso: value, index: numeric.index, length: numeric[0].length };
  }
  return null;
}

/** Edit distance with transpositions (optimal string alignment), for short words only. */
function distance(a: string, b: string): number {
  const rows = a.length + 1;
  const cols = b.length + 1;
  const d: number[] = new Array(rows * cols).fill(0);
  for (let i = 0; i < rows; i++) d[i * cols] = i;
  for (let j = 0; j < cols; j++) d[j] = j;
  for (let i = 1; i < rows; i++) {
    for (let j = 1; j < cols; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min(
        (d[(i - 1) * cols + j] as number) + 1,
        (d[i * cols + j - 1] as number) + 1,
        (d[(i - 1) * cols + j - 1] as number) + cost,
      );
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        best = Math.min(best, (d[(i - 2) * cols + j - 2] as number) + 1);
      d[i * cols + j] = best;
    }
  }
  return d[rows * cols - 1] as number;
}

/**
 * 1–12 for a month name as printed on covers, misprints included (`Ocotber`, `Februrary`): an exact name, else
 * the one full month name of the same first letter within two edits (and at least five letters, so that short
 * words are never taken for months); null otherwise.
 */
export function lenientMonthNumber(word: string): number | null {
  const exact = monthNumber(word);
  if (exact !== null) return exact;
  const lower = word.toLowerCase().replace(/\.$/, '');
  if (lower.length < 5 || lower.length > 11 || !/^[a-z]+$/.test(lower)) return null;
  const near = MONTHS.map((month, index) => ({ index, far: month[0] === lower[0] ? distance(lower, month) : 99 })).filter(
    (candidate) => candidate.far <= 2,
  );
  return near.length === 1 ? (near[0] as { index: number }).index + 1 : null;
}
