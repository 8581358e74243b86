import { Parser } from 'htmlparser2';
import { asciiAdvice, characterAt, describeCharacter } from './check-characters.js';
import type { FindingCollector, FindingPlace } from './finding.js';

/**
 * The tags of the Filer Manual's HTML list (HTML 3.2 and the HTML 4.01 additions EDGAR accepts). Inline XBRL
 * elements (`ix:…`, any name with a colon) are not checked here. `style` is accepted: filings carry it and EDGAR
 * takes them (its CSS is checked for url() and expressions).
 */
export const PERMITTED_TAGS = new Set(
  (
    'html head title body meta style p br hr div span center font b i u s strike strong em big small sub sup tt code kbd samp var ' +
    'cite dfn abbr acronym address blockquote q pre h1 h2 h3 h4 h5 h6 ul ol li dl dt dd dir menu table caption thead tbody ' +
    'tfoot tr th td col colgroup a img map area del ins page'
  ).split(' '),
);

/** Elements that run code or take input: EDGAR suspends a submission that holds them. */
const ACTIVE_TAGS = new Set([
  'applet',
  'object',
  'embed',
  'iframe',
  'frame',
  'frameset',
  'form',
  'input',
  'button',
  'select',
  'textarea',
  'param',
  'audio',
  'video',
  'canvas',
  'svg',
  'math',
  'portal',
]);

/** Event handler attributes (`onclick`, `onload`, …); a stray `ont` from a broken `<f ont …>` is not one. */
const EVENT_ATTRIBUTE =
  /^on(?:abort|activate|after|animation|auxclick|before|blur|can|change|click|close|context|copy|cue|cut|dbl|drag|drop|duration|emptied|end|error|focus|form|hash|input|invalid|key|language|load|message|mouse|offline|online|page|paste|pause|play|pointer|popstate|progress|rate|readystate|reset|resize|scroll|search|seek|select|show|slot|stalled|storage|submit|suspend|time|toggle|touch|transition|unload|volume|waiting|wheel)/;
/** Attributes that hold a URL. */
const URL_ATTRIBUTES = new Set([
  'href',
  'src',
  'background',
  'lowsrc',
  'dynsrc',
  'action',
  'formaction',
  'data',
  'codebase',
  'cite',
  'longdesc',
  'usemap',
  'poster',
]);
const ABSOLUTE_URL = /^\s*(?:[a-z][a-z0-9+.-]*:|\/\/)/i;
const SEC_GOV = /^\s*https?:\/\/(?:[a-z0-9-]+\.)*sec\.gov(?:[:/?#]|$)/i;

const latin1 = new TextDecoder('latin1');

export interface HtmlCheckContext {
  /** File names of the submission's documents (lower case), to check images against; null for a bare document. */
  readonly documents: ReadonlySet<string> | null;
}

/**
 * An HTML document: ASCII only (other characters as references), the tags of the Filer Manual's list, no script or
 * other active content (event attributes, applets, objects, forms, refresh), nothing loaded from outside the
 * submission (images, style sheets, base, CSS url()), images that the submission carries.
 */
export function checkHtmlDocument(
  body: Uint8Array,
  base: number,
  place: Omit<FindingPlace, 'offset'>,
  findings: FindingCollector,
  context: HtmlCheckContext,
): void {
  const at = (offset: number): FindingPlace => ({ ...place, offset: base + offset });
  for (let i = 0; i < body.length; i++) {
    const code = body[i] as number;
    if ((code >= 0x20 && code <= 0x7e) || code === 0x0a || code === 0x0d || code === 0x09 || code === 0x0c) continue;
    const { char, length } = characterAt(body, i);
    const reference = `&#${char.codePointAt(0)};`;
    const control = (char.codePointAt(0) as number) < 0x20 || (char.codePointAt(0) as number) === 0x7f;
    findings.add(
      'html/invalid-character',
      control
        ? `Remove ${describeCharacter(char)}: EDGAR's HTML documents take ASCII only`
        : `Write ${describeCharacter(char)} as the character reference ${reference} (or ${asciiAdvice(char).replace(/^write /, '')}): EDGAR's HTML documents take ASCII only`,
      at(i),
    );
    i += length - 1;
  }

  // htmlparser2's events: start tags with their attributes (references decoded, names lower-cased) and the text
  // of <style>; its indices are offsets into the text, which is the body byte for byte (latin1).
  const text = latin1.decode(body);
  let attributes: Attribute[] = [];
  let style: { start: number; css: string } | null = null;
  const parser: Parser = new Parser(
    {
      onopentagname() {
        attributes = [];
      },
      onattribute(name, value) {
        attributes.push({ name, value, offset: parser.startIndex });
      },
      onopentag(name) {
        checkTag(name, attributes, parser.startIndex, at, findings, context);
        if (name === 'style') style = { start: parser.endIndex + 1, css: '' };
      },
      ontext(data) {
        if (style) style.css += data;
      },
      onclosetag(name) {
        if (name === 'style' && style) {
          checkCss(style.css, style.start, at, findings);
          style = null;
        }
      },
    },
    { decodeEntities: true, lowerCaseTags: true, lowerCaseAttributeNames: true },
  );
  parser.end(text);
}

interface Attribute {
  readonly name: string;
  readonly value: string;
  readonly offset: number;
}

/**
 * The rules for one start tag: cases in the order they are checked, most returning at their first finding; kept as
 * one function, not split, so that order is visible in one place.
 */
function checkTag(
  name: string,
  attributes: readonly Attribute[],
  offset: number,
  at: (offset: number) => FindingPlace,
  findings: FindingCollector,
  context: HtmlCheckContext,
): void {
  if (name.includes(':')) return;
  if (name === 'script') {
    findings.add('html/script', 'Remove the <script>: EDGAR does not accept scripts in HTML documents', at(offset));
    return;
  }
  if (ACTIVE_TAGS.has(name)) {
    findings.add(
      'html/active-content',
      `Remove the <${name}>: EDGAR does not accept active content (applets, objects, embedded media, frames, forms)`,
      at(offset),
    );
    return;
  }
  if (name === 'base') {
    findings.add('html/external-reference', 'Remove the <base>: links must point into the submission', at(offset));
    return;
  }
  if (name === 'meta' && attributes.some((attribute) => attribute.name === 'http-equiv' && /refresh/i.test(attribute.value))) {
    findings.add('html/active-content', 'Remove the <meta http-equiv="refresh">: EDGAR does not accept redirects', at(offset));
    return;
  }
  if (name === 'link') {
    const href = attributes.find((attribute) => attribute.name === 'href')?.value ?? '';
    if (ABSOLUTE_URL.test(href))
      findings.add(
        'html/external-reference',
        `Remove the <link> to ${href}: style sheets and other resources must not come from outside`,
        at(offset),
      );
    else findings.add('html/tag-not-permitted', 'Remove the <link>: EDGAR HTML keeps styles in the document', at(offset));
    return;
  }
  if (!PERMITTED_TAGS.has(name))
    findings.add(
      'html/tag-not-permitted',
      `<${name}> is not in the Filer Manual's list of HTML tags; use a permitted tag (p, div, span, table, …)`,
      at(offset),
    );
  for (const attribute of attributes) {
    if (EVENT_ATTRIBUTE.test(attribute.name)) {
      findings.add(
        'html/active-content',
        `Remove the ${attribute.name} attribute: EDGAR does not accept event handlers (scripts)`,
        at(attribute.offset),
      );
      continue;
    }
    if (attribute.name === 'style') {
      checkCss(attribute.value, attribute.offset, at, findings);
      continue;
    }
    if (!URL_ATTRIBUTES.has(attribute.name)) continue;
    const value = attribute.value.trim();
    if (value.includes(':') && /^javascript:/i.test(value.replace(/\s+/g, ''))) {
      findings.add('html/script', `Remove the javascript: URL in ${attribute.name}`, at(attribute.offset));
      continue;
    }
    if (attribute.name === 'src' || attribute.name === 'background' || attribute.name === 'lowsrc' || attribute.name === 'dynsrc') {
      if (ABSOLUTE_URL.test(value))
        findings.add(
          'html/external-reference',
          `The ${attribute.name} "${value.slice(0, 80)}" loads from outside the submission; add the file as a GRAPHIC document and refer to it by its file name`,
          at(attribute.offset),
        );
      else if (context.documents && value !== '' && !context.documents.has(value.toLowerCase().replace(/^\.\//, '')))
        findings.add(
          'html/missing-reference',
          `The ${attribute.name} "${value}" names no document of this submission; add it (as GRAPHIC) or correct the name`,
          at(attribute.offset),
        );
      continue;
    }
    if (attribute.name === 'href' && ABSOLUTE_URL.test(value) && !SEC_GOV.test(value) && !/^#/.test(value))
      findings.add(
        'html/external-link',
        `The link to ${value.slice(0, 80)} leaves the submission; EDGAR documents link to sec.gov and to their own documents`,
        at(attribute.offset),
      );
  }
}

function checkCss(css: string, offset: number, at: (offset: number) => FindingPlace, findings: FindingCollector): void {
  if (!/url|expression|behavior|binding|import/i.test(css)) return;
  for (const match of css.matchAll(/url\s*\(\s*['"]?([^'")]*)|@import\s+['"]?([^'";\s]*)/gi)) {
    const target = (match[1] ?? match[2] ?? '').trim();
    if (ABSOLUTE_URL.test(target) || match[2] !== undefined)
      findings.add(
        'html/external-reference',
        `Remove the CSS reference to "${target.slice(0, 80)}": nothing may be loaded from outside the submission`,
        at(offset + (match.index ?? 0)),
      );
  }
  for (const match of css.matchAll(/expression\s*\(|behavior\s*:|-moz-binding/gi))
    findings.add('html/active-content', `Remove the CSS "${match[0]}": it runs code`, at(offset + (match.index ?? 0)));
}
