/**
 * A push-based reader of plain tar archives (POSIX ustar, GNU, pax), strict about framing. A tar is a run of
 * 512-byte header blocks, each followed by its member's data padded to 512 bytes, so a member is a byte range of
 * the input: one that lies inside the chunk pushed comes back as a view of it (no copy, no per-member stream), one
 * that spans chunks is gathered once into a buffer of its own size.
 *
 * Framing errors (a bad checksum, a size that is not a number, an archive that ends inside a header or a member)
 * end the archive with a TarFormatError naming the byte offset; a member whose name would leave the folder it is
 * unpacked in (`../x`, `/etc/x`) comes back as an `unsafe` event, its data skipped.
 */

/** What a member is; links, devices and the rest are `other`. */
export type TarMemberType = 'file' | 'directory' | 'link' | 'symlink' | 'other';

export interface TarHeader {
  /** The member's path, after any GNU long name or pax `path` that came before it. */
  readonly name: string;
  readonly size: number;
  readonly type: TarMemberType;
  /** Byte offset of the member's own header block in the archive. */
  readonly offset: number;
}

/**
 * One event of the reading, in archive order:
 * - `member`: a file of up to `wholeBytes` bytes, whole (`owned`: gathered into a buffer of its own);
 * - `start`, `data`…, `end`: a larger file, in the pieces it arrived in;
 * - `other`: a member that is not a file (its data, if any, skipped);
 * - `unsafe`: a member whose name leaves the unpacking folder (its data skipped);
 * - `error`: the archive cannot be read further (always the last event).
 */
export type TarEvent =
  | { readonly kind: 'member'; readonly header: TarHeader; readonly data: Buffer; readonly owned: boolean }
  | { readonly kind: 'start'; readonly header: TarHeader }
  | { readonly kind: 'data'; readonly data: Buffer }
  | { readonly kind: 'end'; readonly header: TarHeader }
  | { readonly kind: 'other'; readonly header: TarHeader }
  | { readonly kind: 'unsafe'; readonly header: TarHeader; readonly error: TarFormatError }
  | { readonly kind: 'error'; readonly error: TarFormatError };

/** A tar archive that cannot be read as one, with the byte offset where reading stopped. */
export class TarFormatError extends Error {
  readonly source: string;
  readonly offset: number;
  constructor(source: string, offset: number, reason: string) {
    super(`${source}@${offset}: ${reason}`);
    this.name = 'TarFormatError';
    this.source = source;
    this.offset = offset;
  }
}

export interface TarReaderOptions {
  /** Files up to this size come back whole (`member`); larger ones in pieces. Default 64 MiB. */
  readonly wholeBytes?: number;
}

const BLOCK = 512;
/** Largest GNU long name or pax header read (tar-stream's bound too): they are held whole. */
const MAX_META_BYTES = 1024 * 1024;
const SPACE = 0x20;
const ZERO = 0x30;
const SEVEN = 0x37;

const State = { header: 0, whole: 1, pieces: 2, skip: 3, meta: 4, failed: 5 } as const;
type State = (typeof State)[keyof typeof State];

export class TarReader {
  readonly #source: string;
  readonly #wholeBytes: number;
  #state: State = State.header;
  /** Archive offset of the first byte of the next chunk. */
  #offset = 0;
  /** A header block gathered across chunks. */
  #block: Buffer | null = null;
  #blockFilled = 0;
  /** The member being read, and its data gathered across chunks (state whole or meta). */
  #header: TarHeader | null = null;
  #metaType = 0;
  #gathered: Buffer | null = null;
  #filled = 0;
  /** Bytes still to read of the member's data (pieces), or to skip (skip). */
  #remaining = 0;
  #padding = 0;
  /** GNU long name, pax `path`/`size` for the next header; pax global values for every later one. */
  #longName: string | null = null;
  #pax: Map<string, string> | null = null;
  #paxGlobal: Map<string, string> | null = null;
  #chunkOwned = false;

  constructor(source: string, options: TarReaderOptions = {}) {
    this.#source = source;
    this.#wholeBytes = options.wholeBytes ?? 64 * 1024 * 1024;
  }

  /**
   * Reads a chunk; returns the events it completes. After an `error` event the reader takes nothing more. `owned`:
   * the chunk fills a block of memory nothing else holds, so a member that is exactly the chunk is handed out owned.
   */
  push(chunk: Buffer, owned = false): TarEvent[] {
    const events: TarEvent[] = [];
    if (this.#state === State.failed) return events;
    let at = 0;
    this.#chunkOwned = owned;
    try {
      while (at < chunk.length) at = this.#step(chunk, at, events);
    } catch (error) {
      if (!(error instanceof TarFormatError)) throw error;
      this.#state = State.failed;
      events.push({ kind: 'error', error });
    }
    this.#offset += chunk.length;
    return events;
  }

  /**
   * How many bytes the next push should hold to end where the current step ends: the rest of a header block, the
   * rest of a member's data, or the padding after it with the next header. A reader of a file that reads this much
   * at a time into a fresh buffer gets each member in a buffer of its own (no copy), in two reads per member. Members
   * larger than `wholeBytes` (read in pieces) and skipped data ask for at most `cap` bytes at a time.
   */
  wanted(cap: number): number {
    switch (this.#state) {
      case State.header:
        return BLOCK - this.#blockFilled;
      case State.whole:
      case State.meta:
        // Not capped: a member read whole is read in one step, straight into its own buffer.
        return (this.#header as TarHeader).size - this.#filled;
      case State.pieces:
        return Math.min(cap, this.#remaining);
      case State.skip:
        return Math.min(cap, this.#remaining + BLOCK);
      default:
        return 0;
    }
  }

  /**
   * What the bytes of the next push (up to `wanted()` of them) become: `read` (a header block, padding, skipped
   * data, a long name or pax header: the reader keeps nothing of them once `push` returns, so the caller may read
   * the next bytes into the same memory), `member` (a whole member's data, handed out in a `member` event) or
   * `piece` (part of a large member's data, handed out in a `data` event).
   */
  get nextBytes(): 'read' | 'member' | 'piece' {
    return this.#state === State.whole ? 'member' : this.#state === State.pieces ? 'piece' : 'read';
  }

  /** The input ended: an `error` event when it ended inside a header or a member. */
  end(): TarEvent[] {
    if (this.#state === State.failed) return [];
    const at = this.#offset;
    const fail = (reason: string): TarEvent[] => {
      this.#state = State.failed;
      return [{ kind: 'error', error: new TarFormatError(this.#source, at, reason) }];
    };
    if (this.#state === State.header && this.#blockFilled > 0) {
      return fail(`archive ends inside a header block (${this.#blockFilled} of ${BLOCK} bytes)`);
    }
    if (this.#state === State.whole || this.#state === State.pieces || this.#state === State.meta) {
      const header = this.#header as TarHeader;
      const read = this.#state === State.pieces ? header.size - this.#remaining : this.#filled;
      return fail(`archive ends inside "${header.name}" (${read} of ${header.size} bytes; header at ${header.offset})`);
    }
    if (this.#state === State.skip && this.#remaining > 0) {
      return fail(`archive ends inside a member's data or padding (${this.#remaining} bytes missing)`);
    }
    if (this.#longName !== null || this.#pax !== null) return fail('archive ends after a long name or pax header with no member');
    return [];
  }

  /** Consumes bytes of `chunk` from `at` in the current state; returns where it stopped. */
  #step(chunk: Buffer, at: number, events: TarEvent[]): number {
    const available = chunk.length - at;
    switch (this.#state) {
      case State.header: {
        let block: Buffer;
        if (this.#blockFilled === 0 && available >= BLOCK) {
          block = chunk.subarray(at, at + BLOCK);
          at += BLOCK;
        } else {
          this.#block ??= Buffer.alloc(BLOCK);
          const take = Math.min(BLOCK - this.#blockFilled, available);
          chunk.copy(this.#block, this.#blockFilled, at, at + take);
          this.#blockFilled += take;
          at += take;
          if (this.#blockFilled < BLOCK) return at;
          block = this.#block;
          this.#blockFilled = 0;
        }
        this.#onHeader(block, this.#offset + at - BLOCK, events);
        return at;
      }
      case State.whole:
      case State.meta: {
        const header = this.#header as TarHeader;
        if (this.#gathered === null && available >= header.size) {
          const whole = this.#chunkOwned && at === 0 && available === header.size;
          this.#finish(whole ? chunk : chunk.subarray(at, at + header.size), whole, events);
          return at + header.size;
        }
        this.#gathered ??= this.#state === State.whole ? Buffer.allocUnsafeSlow(header.size) : Buffer.alloc(header.size);
        const take = Math.min(header.size - this.#filled, available);
        chunk.copy(this.#gathered, this.#filled, at, at + take);
        this.#filled += take;
        if (this.#filled === header.size) {
          const gathered = this.#gathered;
          this.#gathered = null;
          this.#filled = 0;
          this.#finish(gathered, true, events);
        }
        return at + take;
      }
      case State.pieces: {
        const take = Math.min(this.#remaining, available);
        events.push({ kind: 'data', data: chunk.subarray(at, at + take) });
        this.#remaining -= take;
        if (this.#remaining === 0) {
          events.push({ kind: 'end', header: this.#header as TarHeader });
          this.#skipThen(this.#padding);
        }
        return at + take;
      }
      case State.skip: {
        const take = Math.min(this.#remaining, available);
        this.#remaining -= take;
        if (this.#remaining === 0) this.#state = State.header;
        return at + take;
      }
      default:
        return chunk.length;
    }
  }

  /** A whole member's or meta header's data has arrived. */
  #finish(data: Buffer, owned: boolean, events: TarEvent[]): void {
    const header = this.#header as TarHeader;
    if (this.#state === State.meta) this.#onMeta(data, header);
    else events.push({ kind: 'member', header, data, owned });
    this.#skipThen(this.#padding);
  }

  #skipThen(bytes: number): void {
    this.#remaining = bytes;
    this.#state = bytes > 0 ? State.skip : State.header;
  }

  #fail(offset: number, reason: string): never {
    throw new TarFormatError(this.#source, offset, reason);
  }

  #onHeader(block: Buffer, offset: number, events: TarEvent[]): void {
    let sum = 0;
    for (let i = 0; i < 148; i++) sum += block[i] as number;
    for (let i = 156; i < BLOCK; i++) sum += block[i] as number;
    // A block of zeros (apart from its checksum field) marks the end; more may follow, and are skipped as such.
    if (sum === 0) return;
    const stored = this.#octal(block, 148, 8, offset, 'checksum');
    if (sum + 8 * SPACE !== stored) this.#fail(offset, `bad header checksum: ${stored} stored, ${sum + 8 * SPACE} computed`);
    const posix = block.toString('latin1', 257, 263) === 'ustar\0';
    const gnu = block.toString('latin1', 257, 265) === 'ustar  \0';
    if (!posix && !gnu) this.#fail(offset, `not a ustar, GNU or pax header: magic ${JSON.stringify(block.toString('latin1', 257, 265))}`);
    const flag = block[156] as number;
    let size = this.#size(block, offset);
    let name = text(block, 0, 100);
    if (posix && block[345] !== 0) name = `${text(block, 345, 155)}/${name}`;

    // Meta headers: GNU long names (L, and the old N), pax extended (x) and global (g) headers, for what follows.
    if (flag === 0x4c || flag === 0x4e || flag === 0x78 || flag === 0x67 || flag === 0x4b) {
      if (size > MAX_META_BYTES) this.#fail(offset, `${String.fromCharCode(flag)} header of ${size} bytes (at most ${MAX_META_BYTES})`);
      this.#metaType = flag;
      this.#header = { name, size, type: 'other', offset };
      this.#padding = padding(size);
      if (size === 0) this.#onMeta(Buffer.alloc(0), this.#header);
      else this.#state = State.meta;
      return;
    }

    const pax = this.#pax ?? this.#paxGlobal;
    if (this.#longName !== null) name = this.#longName;
    if (pax) {
      const path = pax.get('path');
      if (path !== undefined) name = path;
      const paxSize = pax.get('size');
      if (paxSize !== undefined) {
        if (!/^\d{1,15}$/.test(paxSize)) this.#fail(offset, `pax size ${JSON.stringify(paxSize)} is not a number`);
        size = Number(paxSize);
      }
    }
    this.#longName = null;
    this.#pax = null;

    let type = typeOf(flag);
    if (type === 'file' && flag !== 0x37 && name.endsWith('/')) type = 'directory';
    const header: TarHeader = { name, size, type, offset };
    this.#header = header;
    this.#padding = padding(size);
    const unsafe = unsafeName(name);
    if (unsafe) {
      events.push({ kind: 'unsafe', header, error: new TarFormatError(this.#source, offset, `member name "${name}" ${unsafe}`) });
      this.#skipThen(size + this.#padding);
    } else if (type !== 'file') {
      events.push({ kind: 'other', header });
      this.#skipThen(size + this.#padding);
    } else if (size <= this.#wholeBytes) {
      if (size === 0) {
        events.push({ kind: 'member', header, data: Buffer.alloc(0), owned: false });
        this.#skipThen(0);
      } else this.#state = State.whole;
    } else {
      events.push({ kind: 'start', header });
      this.#remaining = size;
      this.#state = State.pieces;
    }
  }

  #onMeta(data: Buffer, header: TarHeader): void {
    if (this.#metaType === 0x78 || this.#metaType === 0x67) {
      const values = parsePax(data, (at, reason) => this.#fail(header.offset + BLOCK + at, `pax header: ${reason}`));
      if (this.#metaType === 0x67) this.#paxGlobal = new Map([...(this.#paxGlobal ?? []), ...values]);
      else this.#pax = new Map([...(this.#paxGlobal ?? []), ...values]);
    } else if (this.#metaType !== 0x4b) {
      this.#longName = text(data, 0, data.length);
    }
  }

  /** The size field: octal, or base-256 (GNU, for sizes of 8 GiB and more) when its first byte has the high bit. */
  #size(block: Buffer, offset: number): number {
    const first = block[124] as number;
    if (first === 0x80) {
      let size = 0;
      for (let i = 125; i < 136; i++) size = size * 256 + (block[i] as number);
      if (!Number.isSafeInteger(size)) this.#fail(offset, 'member size beyond 2^53 bytes');
      return size;
    }
    if (first & 0x80) this.#fail(offset, 'negative or malformed base-256 member size');
    return this.#octal(block, 124, 12, offset, 'size');
  }

  /** An octal field: leading spaces or NULs, digits, then a space or NUL (or the field's end). */
  #octal(block: Buffer, start: number, length: number, offset: number, field: string): number {
    let i = start;
    const end = start + length;
    while (i < end && (block[i] === SPACE || block[i] === 0)) i++;
    let value = 0;
    let digits = 0;
    for (; i < end; i++) {
      const c = block[i] as number;
      if (c < ZERO || c > SEVEN) break;
      value = value * 8 + (c - ZERO);
      digits++;
    }
    for (; i < end; i++) {
      if (block[i] !== SPACE && block[i] !== 0) {
        this.#fail(offset, `${field} field is not an octal number: ${JSON.stringify(block.toString('latin1', start, end))}`);
      }
    }
    return digits === 0 ? 0 : value;
  }
}

function padding(size: number): number {
  return (BLOCK - (size % BLOCK)) % BLOCK;
}

/** A NUL-terminated UTF-8 field. */
function text(bytes: Buffer, start: number, length: number): string {
  const nul = bytes.indexOf(0, start);
  const end = nul === -1 || nul > start + length ? start + length : nul;
  return bytes.toString('utf8', start, end);
}

function typeOf(flag: number): TarMemberType {
  switch (flag) {
    case 0:
    case 0x30: // '0'
    case 0x37: // '7', contiguous: a regular file
      return 'file';
    case 0x31:
      return 'link';
    case 0x32:
      return 'symlink';
    case 0x35:
      return 'directory';
    default:
      return 'other';
  }
}

/** Why a name would leave the folder it is unpacked in, or null. */
function unsafeName(name: string): string | null {
  if (name.startsWith('/') || name.startsWith('\\') || /^[A-Za-z]:/.test(name)) return 'is absolute';
  for (const part of name.split(/[\\/]/)) if (part === '..') return 'leaves the archive folder ("..")';
  return null;
}

/** pax records: `<length> <key>=<value>\n`, the length counting the whole record. */
function parsePax(data: Buffer, fail: (at: number, reason: string) => never): Map<string, string> {
  const values = new Map<string, string>();
  let at = 0;
  // A pax header's data may end in NUL padding.
  let end = data.length;
  while (end > 0 && data[end - 1] === 0) end--;
  while (at < end) {
    const space = data.indexOf(SPACE, at);
    const digits = space === -1 ? '' : data.toString('latin1', at, space);
    if (!/^[1-9]\d{0,6}$/.test(digits)) fail(at, `record length ${JSON.stringify(digits.slice(0, 20))} is not a number`);
    const length = Number(digits);
    if (at + length > end || data[at + length - 1] !== 0x0a)
      fail(at, `record of ${length} bytes does not end in a newline inside the header`);
    const record = data.toString('utf8', space + 1, at + length - 1);
    const equals = record.indexOf('=');
    if (equals <= 0) fail(at, `record ${JSON.stringify(record.slice(0, 40))} has no key=value`);
    values.set(record.slice(0, equals), record.slice(equals + 1));
    at += length;
  }
  return values;
}
