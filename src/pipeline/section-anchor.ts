/** The id of a section's anchor in rendered HTML: `section-1A`, `section-3.D`, `section-II-1A`. */
export function sectionAnchor(key: string): string {
  return `section-${key.replace(/[^A-Za-z0-9.-]/g, '-')}`;
}
