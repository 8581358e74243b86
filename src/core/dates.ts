const COMPACT_DATE = /^(\d{4})(\d{2})(\d{2})$/;
const COMPACT_DATE_TIME = /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})$/;

function validDate(year: number, month: number, day: number): boolean {
  if (month < 1 || month > 12 || day < 1) return false;
  const days = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return day <= days;
}

/** `YYYYMMDD` to `YYYY-MM-DD`; null when the text is not a real calendar date. */
export function parseCompactDate(text: string): string | null {
  const match = COMPACT_DATE.exec(text.trim());
  if (!match) return null;
  const [, y, m, d] = match as unknown as [string, string, string, string];
  if (!validDate(Number(y), Number(m), Number(d))) return null;
  return `${y}-${m}-${d}`;
}

/**
 * `YYYYMMDDHHMMSS` to `YYYY-MM-DDTHH:MM:SS`. EDGAR gives no zone (it is US Eastern time), so none is added:
 * adding one would claim a precision the source does not have.
 */
export function parseCompactDateTime(text: string): string | null {
  const match = COMPACT_DATE_TIME.exec(text.trim());
  if (!match) return null;
  const [, y, mo, d, h, mi, s] = match as unknown as [string, string, string, string, string, string, string];
  if (!validDate(Number(y), Number(mo), Number(d))) return null;
  if (Number(h) > 23 || Number(mi) > 59 || Number(s) > 59) return null;
  return `${y}-${mo}-${d}T${h}:${mi}:${s}`;
}
