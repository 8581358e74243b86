import type { EncodedDocument, RenderRequest } from '../pipeline/render-stored-document.js';
import type { CompanyView, FilingView, Store } from '../store/store.js';
import { notFound } from './http-error.js';
import type { Reader } from './reader.js';

/** Store reads that turn "not there" into a 404 with a message that names what was asked for. */

export async function requireFiling(store: Store, filingId: string): Promise<FilingView> {
  const filing = await store.getFiling(filingId);
  if (!filing) throw notFound(`No filing ${filingId} in the database`);
  return filing;
}

export async function requireCompany(store: Store, cik: string): Promise<CompanyView> {
  const company = await store.getCompany(cik);
  if (!company) throw notFound(`No company with CIK ${cik} in the database`);
  return company;
}

/** Document `which` of a filing, rendered; a document or page it does not have is a 404. */
export async function requireDocument(
  reader: Reader,
  filingOrId: FilingView | string,
  which: string,
  request: RenderRequest,
): Promise<Exclude<EncodedDocument, { kind: 'missing' }>> {
  const rendered = await reader.renderDocument(filingOrId, which, request);
  const filingId = typeof filingOrId === 'string' ? filingOrId : filingOrId.filingId;
  if (rendered.kind === 'missing') throw notFound(`Filing ${filingId} has no document ${which}`);
  if (rendered.kind === 'model' && request.page !== undefined && !rendered.pages.some((page) => page.number === request.page)) {
    const count = rendered.pages.length;
    throw notFound(`Page ${request.page} does not exist: the document has ${count} ${count === 1 ? 'page' : 'pages'}`);
  }
  return rendered;
}

/** The name a document goes by in links: its sequence, else its 1-based position. */
export function documentKey(document: { readonly sequence: number | null; readonly position: number }): number {
  return document.sequence ?? document.position + 1;
}
