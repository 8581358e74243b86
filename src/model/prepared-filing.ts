import type { StoredFact } from './stored-fact.js';
import type { Party } from './submission.js';

/** A filing ready to be written: everything parsed, rendered and extracted, nothing left to compute. */
export interface PreparedFiling {
  /** The accession number, or `local-<hash>` for a document that has none (a bare document). */
  readonly id: string;
  readonly accessionNumber: string | null;
  readonly formType: string | null;
  readonly filedAt: string | null;
  readonly periodOfReport: string | null;
  readonly acceptanceDateTime: string | null;
  readonly dateOfChange: string | null;
  readonly effectivenessDate: string | null;
  readonly publicDocumentCount: number | null;
  readonly items: readonly string[];
  readonly groupMembers: readonly string[];
  readonly format: string;
  /** The full header tree as JSON text. */
  readonly headerJson: string;
  readonly parties: readonly Party[];
  /** SHA-256 of the original bytes (hex). */
  readonly contentHash: string;
  /**
   * What the filing says rather than how its container is written: `header:doc,doc,…`, a short SHA-256 of form,
   * date and filers, then one of each document (type, sequence, file name, text or decoded attachment). Two copies
   * of one accession (its `.nc` dissemination file and its `.txt` complete submission, or the same file with other
   * line ends) share it, or one holds every document of the other and more (EDGAR's `.txt` may add a COVER
   * letter): see `compareCopies`. Empty where unknown (filings stored before it was kept).
   */
  readonly documentsDigest: string;
  readonly byteLength: number;
  readonly source: string;
  readonly diagnosticsJson: string;
  /** The extracted form record (6-K and family) as JSON text, or null. */
  readonly formRecordJson: string | null;
  readonly documents: readonly PreparedDocument[];
  readonly exhibits: readonly PreparedExhibit[];
  readonly signatures: readonly PreparedSignature[];
  /** Content-addressed bytes to keep: the original submission (compressed) and decoded attachments. */
  readonly blobs: readonly PreparedBlob[];
  /** The blob holding the original submission. */
  readonly originalBlob: string;
  /**
   * The XBRL facts the filing reports itself (its inline XBRL documents, else its instance documents), stored with
   * it and replaced or removed with it. Absent or empty for a filing without XBRL.
   */
  readonly facts?: readonly StoredFact[];
}

/** A document of a prepared filing: its header fields, where its body is, and its text for the full-text index. */
export interface PreparedDocument {
  readonly position: number;
  readonly sequence: number | null;
  readonly type: string | null;
  readonly filename: string | null;
  readonly description: string | null;
  readonly byteLength: number;
  readonly bodyStart: number;
  readonly bodyEnd: number;
  readonly encoding: 'text' | 'uuencode';
  readonly wrapper: string | null;
  readonly sourceFormat: 'text' | 'html' | 'xml' | 'binary';
  /** Plain text for full-text search (empty for binaries). */
  readonly text: string;
  /** Content hash of the decoded attachment, when the body is uuencoded. */
  readonly attachmentSha256: string | null;
  readonly attachmentName: string | null;
}

/** An exhibit of the filing's record, as stored. */
export interface PreparedExhibit {
  readonly number: string;
  readonly description: string | null;
  readonly documentSequence: number | null;
  readonly json: string;
}

/** A signature block of the filing's record, as stored. */
export interface PreparedSignature {
  readonly json: string;
}

/** How a stored blob's bytes are compressed. */
export type BlobCompression = 'none' | 'gzip' | 'brotli';

/** Bytes to store once by their SHA-256: an original submission or a decoded attachment. */
export interface PreparedBlob {
  readonly sha256: string;
  /**
   * How `data` is compressed: `brotli` (originals written by ingest), `gzip` (originals written before brotli), or
   * `none` (attachments); the hash is always of the uncompressed bytes.
   */
  readonly compression: BlobCompression;
  readonly byteLength: number;
  readonly data: Uint8Array;
}

/**
 * How a second copy of an accession relates to the stored one, by their `documentsDigest`s: the same filing, a
 * copy with fewer documents (the stored one holds them all), a fuller copy (it holds every stored document and
 * more), or a different filing (a changed copy, which replaces the stored one).
 */
export function compareCopies(stored: string, incoming: string): 'same' | 'stored-is-fuller' | 'incoming-is-fuller' | 'different' {
  if (stored === '' || incoming === '') return 'different';
  if (stored === incoming) return 'same';
  const [storedHeader, storedDocuments = ''] = stored.split(':');
  const [incomingHeader, incomingDocuments = ''] = incoming.split(':');
  if (storedHeader !== incomingHeader) return 'different';
  const have = new Set(storedDocuments.split(','));
  const got = new Set(incomingDocuments.split(','));
  if ([...got].every((document) => have.has(document))) return 'stored-is-fuller';
  if ([...have].every((document) => got.has(document))) return 'incoming-is-fuller';
  return 'different';
}
