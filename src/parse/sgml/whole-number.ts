/**
 * A count or sequence number written as digits: the number, or a reason it cannot be one. Digits beyond
 * `Number.MAX_SAFE_INTEGER` would read as `1e20` or `Infinity`, which no store column and no comparison can
 * trust, so they are refused rather than rounded.
 */
export function readWholeNumber(text: string): { value: number } | { reason: string } {
  if (!/^\d+$/.test(text)) return { reason: 'is not a number' };
  const value = Number(text);
  if (!Number.isSafeInteger(value)) return { reason: `is larger than ${Number.MAX_SAFE_INTEGER}` };
  return { value };
}
