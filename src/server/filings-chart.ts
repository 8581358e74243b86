import { type Html, html } from './html.js';
import { count } from './layout.js';

export interface YearCount {
  readonly year: number;
  readonly form: string;
  readonly count: number;
}

const SERIES = 8;
const WIDTH = 720;
const HEIGHT = 240;
const MARGIN = { top: 12, right: 8, bottom: 28, left: 36 } as const;

/**
 * Filings per year by form as a stacked bar chart: inline SVG drawn here, styled by classes (the page allows no
 * inline style), one `<title>` per bar segment for a tooltip, and a legend. The seven most frequent forms get
 * their own colour; the rest are "other".
 */
export function filingsChart(counts: readonly YearCount[]): Html {
  if (counts.length === 0) return html`<p class="none">No dated filings to chart.</p>`;
  const totals = new Map<string, number>();
  for (const entry of counts) totals.set(entry.form, (totals.get(entry.form) ?? 0) + entry.count);
  const ranked = [...totals.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).map(([form]) => form);
  const named = ranked.length <= SERIES ? ranked : ranked.slice(0, SERIES - 1);
  const series = ranked.length <= SERIES ? named : [...named, 'other'];
  const seriesOf = (form: string) => (named.includes(form) ? form : 'other');

  const years = counts.map((entry) => entry.year);
  const firstYear = Math.min(...years);
  const lastYear = Math.max(...years);
  const byYear = new Map<number, Map<string, number>>();
  for (let year = firstYear; year <= lastYear; year++) byYear.set(year, new Map());
  for (const entry of counts) {
    const stack = byYear.get(entry.year) as Map<string, number>;
    const key = seriesOf(entry.form);
    stack.set(key, (stack.get(key) ?? 0) + entry.count);
  }
  const yearTotals = [...byYear.values()].map((stack) => [...stack.values()].reduce((sum, value) => sum + value, 0));
  const max = niceCeiling(Math.max(1, ...yearTotals));
  const plotWidth = WIDTH - MARGIN.left - MARGIN.right;
  const plotHeight = HEIGHT - MARGIN.top - MARGIN.bottom;
  const slot = plotWidth / byYear.size;
  const barWidth = Math.max(2, Math.min(48, slot * 0.7));
  const labelEvery = Math.ceil(byYear.size / Math.floor(plotWidth / 40));
  const y = (value: number) => MARGIN.top + plotHeight - (value / max) * plotHeight;

  // Whole filings only: the middle line only when it falls on a whole number.
  const ticks = (Number.isInteger(max / 2) ? [0, max / 2, max] : [0, max]).map(
    (
      value,
    ) => html`<line class="axis" x1="${MARGIN.left}" x2="${WIDTH - MARGIN.right}" y1="${fixed(y(value))}" y2="${fixed(y(value))}"></line>
<text x="${MARGIN.left - 6}" y="${fixed(y(value) + 4)}" text-anchor="end">${formatTick(value)}</text>`,
  );
  const bars = [...byYear.entries()].map(([year, stack], index) => {
    const x = MARGIN.left + index * slot + (slot - barWidth) / 2;
    let base = 0;
    const segments = series
      .filter((name) => (stack.get(name) ?? 0) > 0)
      .map((name) => {
        const value = stack.get(name) as number;
        const top = y(base + value);
        const height = y(base) - top;
        base += value;
        return html`<rect class="s${series.indexOf(name)}" x="${fixed(x)}" y="${fixed(top)}" width="${fixed(barWidth)}" height="${fixed(Math.max(height, 0.5))}"><title>${year} · ${name}: ${value}</title></rect>`;
      });
    const label =
      index % labelEvery === 0 ? html`<text x="${fixed(x + barWidth / 2)}" y="${HEIGHT - 10}" text-anchor="middle">${year}</text>` : '';
    return html`<g>${segments}${label}</g>`;
  });
  const total = yearTotals.reduce((sum, value) => sum + value, 0);
  const description = `Filings per year by form, ${firstYear} to ${lastYear}: ${total} filings`;
  return html`<figure class="chart-figure">
<svg class="chart" viewBox="0 0 ${WIDTH} ${HEIGHT}" width="${WIDTH}" height="${HEIGHT}" role="img" aria-label="${description}" xmlns="http://www.w3.org/2000/svg">
<title>${description}</title>${ticks}${bars}
</svg>
<ul class="legend">${series.map((name, index) => html`<li><i class="s${index}"></i>${name} (${name === 'other' ? ranked.filter((form) => !named.includes(form)).reduce((sum, form) => sum + (totals.get(form) ?? 0), 0) : totals.get(name)})</li>`)}</ul>
</figure>`;
}

/** The smallest of 1, 2, 4, 5, 10, 20, 40, 50, 100, … that is at least `value`. */
function niceCeiling(value: number): number {
  const magnitude = 10 ** Math.floor(Math.log10(value));
  for (const step of [1, 2, 4, 5, 10]) if (step * magnitude >= value) return step * magnitude;
  return 10 * magnitude;
}

function formatTick(value: number): string {
  return count(value);
}

function fixed(value: number): string {
  return value.toFixed(1);
}
