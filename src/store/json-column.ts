/** A JSON text column read back; a missing or unreadable value gives `fallback` rather than an exception. */
export function parseJsonColumn<T>(text: unknown, fallback: T): T {
  if (typeof text !== 'string') return fallback;
  try {
    return JSON.parse(text) as T;
  } catch {
    return fallback;
  }
}
