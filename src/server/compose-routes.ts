import { createHash } from 'node:crypto';
import type { Context, Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { LRUCache } from 'lru-cache';
import { compose6K } from '../compose/compose-6k.js';
import { composeAscii6K } from '../compose/compose-ascii-6k.js';
import { composeHtml6K } from '../compose/compose-html-6k.js';
import { composeEdgarLinkXml } from '../compose/edgarlink-xml.js';
import { checkCompose6KValue } from '../compose/read-record.js';
import type { Compose6KRecord } from '../compose/record-6k.js';
import type { Finding } from '../validate/finding.js';
import { composeAndCheck } from '../pipeline/compose-and-check.js';
import type { RoundTripDifference } from '../validate/round-trip.js';
import { COMPOSE_ASSETS } from './compose-assets.js';
import { type FormFields, type FormRecord, fieldOfPath, formToRecord } from './compose-form.js';
import { composePage, type ShownProblem } from './compose-page.js';
import { CONTENT_SECURITY_POLICY } from './security-headers.js';

/** The compose page may frame its own HTML preview; nothing else changes from the site's policy. */
const PAGE_POLICY = `${CONTENT_SECURITY_POLICY}; frame-src 'self'`;
/**
 * The composed HTML shown in the preview frame: its own inline styles (page breaks) and nothing else; no script
 * could run even if one got in (sandbox), and only this site may frame it.
 */
const PREVIEW_POLICY =
  "default-src 'none'; style-src 'unsafe-inline'; img-src 'self'; frame-ancestors 'self'; base-uri 'none'; form-action 'none'; sandbox";
const MAX_BODY = 1024 * 1024;
/** Previews are whole HTML documents: kept by size, at most this many UTF-16 code units in all (about 32 MB). */
const PREVIEW_CHARACTERS = 16 * 1024 * 1024;

/** Composed HTML previews by content hash, the most recent that fit in PREVIEW_CHARACTERS. */
class PreviewCache {
  private readonly entries = new LRUCache<string, string>({
    maxSize: PREVIEW_CHARACTERS,
    sizeCalculation: (html) => Math.max(1, html.length),
  });
  put(html: string): string {
    const id = createHash('sha256').update(html).digest('hex').slice(0, 32);
    this.entries.set(id, html);
    return `/compose/preview/${id}`;
  }
  get(id: string): string | undefined {
    return this.entries.get(id);
  }
}

/** What one composition gives: both renderings, the submission, EDGAR's findings and the read-back check. */
export interface ComposeResult {
  readonly ok: boolean;
  readonly problems: readonly (ShownProblem & { readonly path: string })[];
  readonly findings: readonly Finding[];
  readonly ascii: string | null;
  readonly html: string | null;
  readonly submissionTxt: string | null;
  readonly previewUrl: string | null;
  readonly readBack: { readonly same: boolean; readonly differences: readonly RoundTripDifference[] } | null;
  readonly record: Compose6KRecord | null;
}

function composeValue(value: unknown, format: 'ascii' | 'html', previews: PreviewCache, form: FormRecord | null): ComposeResult {
  const field = (path: string) => (form ? fieldOfPath(path, form) : null);
  const checked = checkCompose6KValue(value);
  if (!checked.ok)
    return {
      ok: false,
      problems: checked.problems.map((problem) => ({
        path: problem.path,
        severity: 'error',
        message: problem.message,
        field: field(problem.path),
      })),
      findings: [],
      ascii: null,
      html: null,
      submissionTxt: null,
      previewUrl: null,
      readBack: null,
      record: null,
    };
  const record = checked.record;
  const ascii = composeAscii6K(record);
  const html = composeHtml6K(record);
  const checkedComposition = composeAndCheck(record, { format });
  const { composed, differences } = checkedComposition;
  const problems = [
    ...checked.warnings.map((warning) => ({
      path: warning.path,
      severity: 'warning' as const,
      message: warning.message,
      field: field(warning.path),
    })),
    ...checkedComposition.problems.map((problem) => ({ ...problem, field: field(problem.path) })),
  ];
  return {
    ok: composed.ok,
    problems,
    findings: checkedComposition.report?.findings ?? [],
    ascii: ascii.text,
    html: html.text,
    submissionTxt: composed.ok ? composed.submissionTxt : null,
    previewUrl: previews.put(html.text),
    readBack: composed.ok ? { same: differences.length === 0, differences } : null,
    record,
  };
}

async function formFields(c: Context): Promise<FormFields> {
  const body = await c.req.parseBody();
  const fields: Record<string, string> = {};
  for (const [name, value] of Object.entries(body)) if (typeof value === 'string') fields[name] = value;
  return fields;
}

function withDefaults(fields: FormFields): FormFields {
  return {
    form: '6-K',
    format: 'ascii',
    submission: 'txt',
    annualReportForm: '',
    furnishesUnderRule12g32b: '',
    paperUnderRule101b1: '',
    paperUnderRule101b7: '',
    ...fields,
  };
}

function formatOf(value: string | undefined): 'ascii' | 'html' {
  return value === 'html' ? 'html' : 'ascii';
}

function pageHeaders(c: Context): void {
  c.header('Content-Security-Policy', PAGE_POLICY);
  c.header('X-Frame-Options', 'DENY');
  c.header('X-Content-Type-Options', 'nosniff');
  c.header('Referrer-Policy', 'no-referrer');
}

function pageFor(fields: FormFields, result: ComposeResult | null): string {
  const errors = result?.findings.filter((finding) => finding.severity === 'error').length ?? 0;
  return composePage({
    fields: withDefaults(fields),
    problems: result?.problems ?? [],
    findings: (result?.findings ?? []).map((finding) => ({
      severity: finding.severity,
      text: `${finding.code}: ${finding.message}${finding.line ? ` (line ${finding.line}, column ${finding.column})` : ''}`,
    })),
    ascii: result?.ascii ?? null,
    previewUrl: result?.previewUrl ?? null,
    status:
      result === null
        ? null
        : result.ok
          ? {
              good: errors === 0,
              text: `${errors} error${errors === 1 ? '' : 's'} under EDGAR's rules; ${result.readBack?.same ? 'reads back as the same record' : 'reads back differently: see the warnings'}`,
            }
          : { good: false, text: 'The record is not complete yet: see the problems below.' },
  });
}

/**
 * The compose page and its API: `GET /compose` (the form), `POST /compose` (the same page with the preview, for
 * browsers without script), `POST /api/compose` (a JSON record, or the form's fields, in; `{ ascii, html,
 * findings, submissionTxt, … }` out), `POST /compose/download` (the submission as a file: `.txt`, or the
 * EDGARLink Online XML with placeholder access codes — the server never holds a filer's codes) and
 * `GET /compose/preview/:id` (a composed HTML document for the preview frame), plus the page's script and style.
 */
export function registerComposeRoutes(app: Hono): void {
  const previews = new PreviewCache();
  const limit = bodyLimit({
    maxSize: MAX_BODY,
    onError: (c) => c.json({ error: `The request is larger than ${MAX_BODY / 1024} KB` }, 413),
  });

  for (const { path, contentType, body } of Object.values(COMPOSE_ASSETS))
    app.get(path, (c) => c.body(body, 200, { 'Content-Type': contentType, 'Cache-Control': 'public, max-age=31536000, immutable' }));

  app.get('/compose', (c) => {
    pageHeaders(c);
    return c.html(pageFor({}, null));
  });

  app.post('/compose', limit, async (c) => {
    const fields = await formFields(c);
    const form = formToRecord(fields);
    const result = composeValue(form.value, formatOf(fields.format), previews, form);
    pageHeaders(c);
    return c.html(pageFor(fields, result), result.ok ? 200 : 400);
  });

  app.post('/api/compose', limit, async (c) => {
    const type = c.req.header('Content-Type') ?? '';
    let result: ComposeResult;
    // The page's live preview posts the form as it is being filled in: an incomplete record is its normal state,
    // answered 200 with ok: false. A JSON record that breaks the schema is a bad request (400).
    let incomplete = 400;
    if (/^application\/json/i.test(type)) {
      let value: unknown;
      try {
        value = await c.req.json();
      } catch {
        return c.json({ error: 'The body is not JSON: send the 6-K record as JSON (see edgarkit compose --schema)' }, 400);
      }
      result = composeValue(value, formatOf(c.req.query('format')), previews, null);
    } else if (/^(?:application\/x-www-form-urlencoded|multipart\/form-data)/i.test(type)) {
      const fields = await formFields(c);
      const form = formToRecord(fields);
      result = composeValue(form.value, formatOf(fields.format ?? c.req.query('format')), previews, form);
      incomplete = 200;
    } else return c.json({ error: 'Send the record as application/json (or the compose form as application/x-www-form-urlencoded)' }, 415);
    const { record: _record, ...out } = result;
    return c.json(out, result.ok ? 200 : (incomplete as 200 | 400));
  });

  app.post('/compose/download', limit, async (c) => {
    const fields = await formFields(c);
    const form = formToRecord(fields);
    const format = formatOf(fields.format);
    const result = composeValue(form.value, format, previews, form);
    if (!result.ok || result.record === null || result.submissionTxt === null) {
      pageHeaders(c);
      return c.html(pageFor(fields, result), 400);
    }
    const slug = result.record.form === '6-K/A' ? 'form6-ka' : 'form6-k';
    if (fields.submission === 'xml') {
      const xml = composeEdgarLinkXml(compose6K(result.record, { format }), { liveTestFlag: 'TEST' });
      return c.body(xml, 200, {
        'Content-Type': 'application/xml; charset=us-ascii',
        'Content-Disposition': `attachment; filename="${slug}-submission.xml"`,
      });
    }
    return c.body(result.submissionTxt, 200, {
      'Content-Type': 'text/plain; charset=us-ascii',
      'Content-Disposition': `attachment; filename="${slug}-submission.txt"`,
    });
  });

  app.get('/compose/preview/:id', (c) => {
    const html = previews.get(c.req.param('id'));
    c.header('Content-Security-Policy', PREVIEW_POLICY);
    c.header('X-Frame-Options', 'SAMEORIGIN');
    c.header('X-Content-Type-Options', 'nosniff');
    if (html === undefined) return c.text('This preview is gone: type in the form again to make a new one.', 404);
    return c.body(html, 200, { 'Content-Type': 'text/html; charset=us-ascii', 'Cache-Control': 'private, max-age=600' });
  });
}
