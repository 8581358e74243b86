import { createHash, randomBytes } from 'node:crypto';
import { mkdir, readFile, rename, stat, unlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

/** What the cache knows of one URL: its validators and where its verified body is. */
export interface CacheEntry {
  readonly url: string;
  readonly etag: string | null;
  readonly lastModified: string | null;
  /** Bytes of the stored (decoded) body. */
  readonly length: number;
  readonly storedAt: string;
  readonly bodyPath: string;
}

interface StoredMeta {
  readonly url: string;
  readonly etag: string | null;
  readonly lastModified: string | null;
  readonly length: number;
  readonly storedAt: string;
}

/**
 * An on-disk HTTP cache keyed by URL: `<dir>/<2 hex>/<sha256>.body` holds a verified body and `.json` its ETag and
 * Last-Modified. Bodies arrive in a `.partial` file and are renamed into place only once complete, and the
 * metadata is written after the body, so a crash can never leave an entry that points at a partial body.
 */
export class HttpCache {
  readonly dir: string;

  constructor(dir: string) {
    this.dir = dir;
  }

  /** The entry for a URL, or null when there is none or its body is missing or the wrong size. */
  async lookup(url: string): Promise<CacheEntry | null> {
    const { metaPath, bodyPath } = this.paths(url);
    let meta: StoredMeta;
    try {
      meta = JSON.parse(await readFile(metaPath, 'utf8')) as StoredMeta;
    } catch {
      return null;
    }
    if (meta.url !== url) return null;
    const info = await stat(bodyPath).catch(() => null);
    if (!info || info.size !== meta.length) return null;
    return { ...meta, bodyPath };
  }

  /** A fresh `.partial` path for a body on its way in (unique, so concurrent fetches of one URL never collide). */
  async partialPath(url: string): Promise<string> {
    const { folder, key } = this.paths(url);
    await mkdir(folder, { recursive: true });
    return join(folder, `${key}.${process.pid}.${randomBytes(4).toString('hex')}.partial`);
  }

  /** Moves a complete, verified body into place and records its validators. */
  async commit(url: string, partialPath: string, validators: { etag: string | null; lastModified: string | null }): Promise<CacheEntry> {
    const { metaPath, bodyPath } = this.paths(url);
    const info = await stat(partialPath);
    await rename(partialPath, bodyPath);
    return this.writeMeta(url, bodyPath, metaPath, { ...validators, length: info.size });
  }

  /** After a 304: keep the body, take any new validators the server sent. */
  async refresh(entry: CacheEntry, validators: { etag: string | null; lastModified: string | null }): Promise<CacheEntry> {
    const etag = validators.etag ?? entry.etag;
    const lastModified = validators.lastModified ?? entry.lastModified;
    if (etag === entry.etag && lastModified === entry.lastModified) return entry;
    const { metaPath } = this.paths(entry.url);
    return this.writeMeta(entry.url, entry.bodyPath, metaPath, { etag, lastModified, length: entry.length });
  }

  async discard(partialPath: string): Promise<void> {
    await unlink(partialPath).catch(() => undefined);
  }

  private async writeMeta(
    url: string,
    bodyPath: string,
    metaPath: string,
    fields: { etag: string | null; lastModified: string | null; length: number },
  ): Promise<CacheEntry> {
    const meta: StoredMeta = {
      url,
      etag: fields.etag,
      lastModified: fields.lastModified,
      length: fields.length,
      storedAt: new Date().toISOString(),
    };
    const temporary = `${metaPath}.${process.pid}.${randomBytes(4).toString('hex')}.partial`;
    await writeFile(temporary, JSON.stringify(meta));
    await rename(temporary, metaPath);
    return { ...meta, bodyPath };
  }

  private paths(url: string): { folder: string; key: string; metaPath: string; bodyPath: string } {
    const key = createHash('sha256').update(url).digest('hex');
    const folder = join(this.dir, key.slice(0, 2));
    return { folder, key, metaPath: join(folder, `${key}.json`), bodyPath: join(folder, `${key}.body`) };
  }
}
