import { constants } from 'node:buffer';
import { inflateRawSync } from 'node:zlib';
import { ZipError } from '../errors/zip-error.js';
import { checkRecordName } from './check-record-name.js';
import { crc32 } from './crc32.js';

/** Limits on what an archive may declare, checked before anything is allocated for it. */
export interface ZipReaderOptions {
  /** Most records the central directory may list. Default 1,000,000. */
  maxEntries?: number;
  /** Most bytes all records together may declare uncompressed. Default 16 GiB. */
  maxTotalSize?: number;
  /** Longest record name, in bytes. Default 4096. */
  maxNameLength?: number;
  /** Check each record's CRC-32 (when non-zero) as it is read. Default true. */
  verifyCrc?: boolean;
}

/** One record of an archive, as its central directory and local header describe it. */
export interface ZipEntry {
  readonly name: string;
  /** Uncompressed size in bytes. */
  readonly size: number;
  readonly compressedSize: number;
  /** 0 (stored) or 8 (deflated). */
  readonly method: number;
  readonly crc32: number;
  /** Where the record's (possibly compressed) data starts, as a byte offset into the archive given to `open`. */
  readonly dataOffset: number;
  readonly localHeaderOffset: number;
}

const EOCD_SIGNATURE = 0x06054b50;
const ZIP64_LOCATOR_SIGNATURE = 0x07064b50;
const ZIP64_EOCD_SIGNATURE = 0x06064b50;
const CENTRAL_SIGNATURE = 0x02014b50;
const LOCAL_SIGNATURE = 0x04034b50;
const EOCD_SIZE = 22;
const ZIP64_LOCATOR_SIZE = 20;
const ZIP64_EOCD_SIZE = 56;
const CENTRAL_SIZE = 46;
const LOCAL_SIZE = 30;
const MAX_COMMENT = 0xffff;
const FLAG_ENCRYPTED = 0x0001;
const FLAG_STRONG_ENCRYPTION = 0x0040;
const FLAG_UTF8 = 0x0800;
const MAX_LENGTH = constants.MAX_LENGTH;

const DEFAULTS: Required<ZipReaderOptions> = {
  maxEntries: 1_000_000,
  maxTotalSize: 16 * 2 ** 30,
  maxNameLength: 4096,
  verifyCrc: true,
};

// Code page 437 for bytes 0x80-0xff: what zip readers (Python's zipfile included) decode names with
// when the UTF-8 flag is clear.
const CP437_HIGH =
  'ÇüéâäàåçêëèïîìÄÅÉæÆôöòûùÿÖÜ¢£¥₧ƒáíóúñÑªº¿⌐¬½¼¡«»░▒▓│┤╡╢╖╕╣║╗╝╜╛┐└┴┬├─┼╞╟╚╔╩╦╠═╬╧╨╤╥╙╘╒╓╫╪┘┌█▄▌▐▀' +
  'αßΓπΣσµτΦΘΩδ∞φε∩≡±≥≤⌠⌡÷≈°∙·√ⁿ²■\u00a0';

const utf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * A zip archive held in memory, read the way PyTorch's archives need: the central directory is
 * parsed and checked once in `open`, and `read` returns stored records as views of the input (no
 * copy, so tensors can view their storages where the data is aligned) and inflates deflated ones.
 *
 * Archives come from strangers: every offset, size and count is checked against the bytes present
 * and the budget in `ZipReaderOptions` before it is used, and every failure is a `ZipError`.
 */
export class ZipReader {
  /** The records in central-directory order. */
  readonly entries: readonly ZipEntry[];
  /** The archive's bytes, as given to `open`. */
  readonly bytes: Uint8Array;
  readonly #byName: Map<string, ZipEntry>;
  readonly #verifyCrc: boolean;
  readonly #verified = new Set<ZipEntry>();

  private constructor(bytes: Uint8Array, entries: ZipEntry[], verifyCrc: boolean) {
    this.bytes = bytes;
    this.entries = entries;
    this.#byName = new Map(entries.map((e) => [e.name, e]));
    this.#verifyCrc = verifyCrc;
  }

  /** Parses and validates the archive's directory. Records are only decompressed or checksummed by `read`. */
  static open(bytes: Uint8Array, options: ZipReaderOptions = {}): ZipReader {
    if (!(bytes instanceof Uint8Array)) throw new ZipError('archive must be a Uint8Array');
    const budget = { ...DEFAULTS, ...definedOnly(options) };
    return new ZipReader(bytes, parseArchive(bytes, budget), budget.verifyCrc);
  }

  /** True when the archive has a record with exactly this name. */
  has(name: string): boolean {
    return this.#byName.has(name);
  }

  /** The record named `name`, or undefined. */
  entry(name: string): ZipEntry | undefined {
    return this.#byName.get(name);
  }

  /** The record's raw (possibly compressed) bytes, a view of the archive. */
  readRaw(name: string): Uint8Array {
    const e = this.#require(name);
    return this.bytes.subarray(e.dataOffset, e.dataOffset + e.compressedSize);
  }

  /**
   * The record's contents. Stored records are views of the archive's bytes (their `byteOffset` within
   * the input's buffer tells a caller whether the data is aligned); deflated ones are new arrays.
   * `verifyCrc` overrides the reader's option for this read.
   */
  read(name: string, options: { verifyCrc?: boolean } = {}): Uint8Array {
    const e = this.#require(name);
    const raw = this.bytes.subarray(e.dataOffset, e.dataOffset + e.compressedSize);
    let data: Uint8Array;
    if (e.method === 0) {
      data = raw;
    } else {
      if (e.size > MAX_LENGTH) {
        throw new ZipError(`record declares ${e.size} bytes, more than one array can hold`, e.name);
      }
      let inflated: Buffer;
      try {
        // maxOutputLength bounds the allocation by the declared size (which open checked against the
        // budget); zlib refuses a minimum of 0, so an empty record gets 1 and the length check below.
        inflated = inflateRawSync(raw, { maxOutputLength: Math.max(e.size, 1) });
      } catch (cause) {
        const reason =
          cause instanceof RangeError
            ? `inflates to more than its declared ${e.size} bytes`
            : 'is not valid deflate data';
        throw new ZipError(`record ${reason}: ${(cause as Error).message}`, e.name, { cause });
      }
      if (inflated.length !== e.size) {
        throw new ZipError(`record inflates to ${inflated.length} bytes but declares ${e.size}`, e.name);
      }
      // A small Buffer may sit in Node's shared pool; give callers memory of their own.
      data =
        inflated.byteOffset === 0 && inflated.buffer.byteLength === inflated.length
          ? new Uint8Array(inflated.buffer)
          : new Uint8Array(inflated);
    }
    if ((options.verifyCrc ?? this.#verifyCrc) && e.crc32 !== 0 && !this.#verified.has(e)) {
      const actual = crc32(data);
      if (actual !== e.crc32) {
        throw new ZipError(`CRC-32 mismatch: header says ${hex(e.crc32)}, data has ${hex(actual)}`, e.name);
      }
      this.#verified.add(e);
    }
    return data;
  }

  #require(name: string): ZipEntry {
    const e = this.#byName.get(name);
    if (e === undefined) throw new ZipError('no such record in the archive', name);
    return e;
  }
}

function definedOnly(options: ZipReaderOptions): ZipReaderOptions {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(options)) if (v !== undefined) out[k] = v;
  return out as ZipReaderOptions;
}

function hex(n: number): string {
  return `0x${n.toString(16).padStart(8, '0')}`;
}

interface Directory {
  count: number;
  size: number;
  offset: number;
  /** Where the central directory must end: the zip64 EOCD record or the EOCD. */
  limit: number;
}

function parseArchive(bytes: Uint8Array, budget: Required<ZipReaderOptions>): ZipEntry[] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const dir = findDirectory(bytes, view);
  if (dir.count > budget.maxEntries) {
    throw new ZipError(`archive declares ${dir.count} records, more than the budget of ${budget.maxEntries}`);
  }
  if (dir.offset + dir.size > dir.limit) {
    throw new ZipError(
      `central directory (offset ${dir.offset}, size ${dir.size}) runs past the end-of-central-directory record at ${dir.limit}`,
    );
  }
  // Every central header is at least 46 bytes, so a count the directory cannot hold is a lie; rejecting
  // it here keeps a forged count from driving the loop or the allocations below.
  if (dir.count > Math.floor(dir.size / CENTRAL_SIZE)) {
    throw new ZipError(
      `archive declares ${dir.count} records but its ${dir.size}-byte central directory holds at most ${Math.floor(dir.size / CENTRAL_SIZE)}`,
    );
  }
  const entries: ZipEntry[] = [];
  const names = new Set<string>();
  let totalSize = 0;
  let p = dir.offset;
  const end = dir.offset + dir.size;
  for (let i = 0; i < dir.count; i++) {
    if (p + CENTRAL_SIZE > end) throw new ZipError(`central directory ends inside header ${i} (offset ${p})`);
    if (view.getUint32(p, true) !== CENTRAL_SIGNATURE) {
      throw new ZipError(`bad signature for central directory header ${i} at offset ${p}`);
    }
    const flags = view.getUint16(p + 8, true);
    const method = view.getUint16(p + 10, true);
    const crc = view.getUint32(p + 16, true);
    let compressedSize = view.getUint32(p + 20, true);
    let size = view.getUint32(p + 24, true);
    const nameLength = view.getUint16(p + 28, true);
    const extraLength = view.getUint16(p + 30, true);
    const commentLength = view.getUint16(p + 32, true);
    let disk = view.getUint16(p + 34, true);
    let localOffset = view.getUint32(p + 42, true);
    const next = p + CENTRAL_SIZE + nameLength + extraLength + commentLength;
    if (next > end) throw new ZipError(`central directory header ${i} at offset ${p} runs past the directory's end`);
    if (nameLength > budget.maxNameLength) {
      throw new ZipError(
        `central directory header ${i} has a ${nameLength}-byte name, longer than the budget of ${budget.maxNameLength}`,
      );
    }
    const nameBytes = bytes.subarray(p + CENTRAL_SIZE, p + CENTRAL_SIZE + nameLength);
    const name = decodeName(nameBytes, flags, i);
    checkRecordName(name);
    if (names.has(name)) throw new ZipError('record appears twice in the central directory', name);
    names.add(name);

    // Zip64: a 32-bit field at its maximum means the real value is in the zip64 extra field, in this order.
    if (size === 0xffffffff || compressedSize === 0xffffffff || localOffset === 0xffffffff || disk === 0xffff) {
      const extra = findExtra(view, p + CENTRAL_SIZE + nameLength, extraLength, 0x0001, name);
      if (extra === undefined) throw new ZipError('sizes or offset need a zip64 extra field, and there is none', name);
      let q = extra.start;
      const take64 = (what: string): number => {
        if (q + 8 > extra.end) throw new ZipError(`zip64 extra field is too short to hold the ${what}`, name);
        const v = readUint64(view, q, `zip64 ${what}`, name);
        q += 8;
        return v;
      };
      if (size === 0xffffffff) size = take64('uncompressed size');
      if (compressedSize === 0xffffffff) compressedSize = take64('compressed size');
      if (localOffset === 0xffffffff) localOffset = take64('local header offset');
      if (disk === 0xffff) {
        if (q + 4 > extra.end) throw new ZipError('zip64 extra field is too short to hold the disk number', name);
        disk = view.getUint32(q, true);
      }
    }
    if (disk !== 0) throw new ZipError(`record is on disk ${disk}; multi-disk archives are not supported`, name);
    if (flags & (FLAG_ENCRYPTED | FLAG_STRONG_ENCRYPTION)) throw new ZipError('record is encrypted', name);
    if (method !== 0 && method !== 8) {
      throw new ZipError(`compression method ${method} is not supported (only 0, stored, and 8, deflated)`, name);
    }
    if (method === 0 && compressedSize !== size) {
      throw new ZipError(`stored record has compressed size ${compressedSize} but size ${size}`, name);
    }
    totalSize += size;
    if (totalSize > budget.maxTotalSize) {
      throw new ZipError(`records declare more than the budget of ${budget.maxTotalSize} uncompressed bytes`, name);
    }
    const dataOffset = checkLocalHeader(
      bytes,
      view,
      localOffset,
      nameBytes,
      name,
      method,
      crc,
      compressedSize,
      size,
      dir.offset,
    );
    entries.push({ name, size, compressedSize, method, crc32: crc, dataOffset, localHeaderOffset: localOffset });
    p = next;
  }
  if (p !== end) {
    throw new ZipError(
      `central directory declares ${dir.size} bytes but its ${dir.count} headers take ${p - dir.offset}`,
    );
  }
  checkNoOverlap(entries);
  return entries;
}

function findDirectory(bytes: Uint8Array, view: DataView): Directory {
  const n = bytes.length;
  if (n < EOCD_SIZE)
    throw new ZipError(`not a zip archive: ${n} bytes is shorter than an end-of-central-directory record`);
  // The EOCD is the last thing in the file but may be followed by a comment of up to 64 KiB.
  const lowest = Math.max(0, n - EOCD_SIZE - MAX_COMMENT);
  let eocd = -1;
  for (let p = n - EOCD_SIZE; p >= lowest; p--) {
    if (
      bytes[p] === 0x50 &&
      view.getUint32(p, true) === EOCD_SIGNATURE &&
      p + EOCD_SIZE + view.getUint16(p + 20, true) <= n
    ) {
      eocd = p;
      break;
    }
  }
  if (eocd < 0) throw new ZipError('not a zip archive: no end-of-central-directory record');
  const diskNumber = view.getUint16(eocd + 4, true);
  const directoryDisk = view.getUint16(eocd + 6, true);
  const diskCount = view.getUint16(eocd + 8, true);
  const count = view.getUint16(eocd + 10, true);
  const size = view.getUint32(eocd + 12, true);
  const offset = view.getUint32(eocd + 16, true);
  const locator = eocd - ZIP64_LOCATOR_SIZE;
  if (locator >= 0 && view.getUint32(locator, true) === ZIP64_LOCATOR_SIGNATURE) {
    const recordDisk = view.getUint32(locator + 4, true);
    const totalDisks = view.getUint32(locator + 16, true);
    if (recordDisk !== 0 || totalDisks > 1) {
      throw new ZipError(`archive spans ${totalDisks} disks; multi-disk archives are not supported`);
    }
    const record = readUint64(view, locator + 8, 'zip64 end-of-central-directory offset');
    if (record + ZIP64_EOCD_SIZE > locator) {
      throw new ZipError(`zip64 end-of-central-directory offset ${record} is outside the archive`);
    }
    if (view.getUint32(record, true) !== ZIP64_EOCD_SIGNATURE) {
      throw new ZipError(`bad signature for the zip64 end-of-central-directory record at offset ${record}`);
    }
    const disk64 = view.getUint32(record + 16, true);
    const directoryDisk64 = view.getUint32(record + 20, true);
    const countOnDisk = readUint64(view, record + 24, 'zip64 record count');
    const count64 = readUint64(view, record + 32, 'zip64 record count');
    if (disk64 !== 0 || directoryDisk64 !== 0 || countOnDisk !== count64) {
      throw new ZipError('archive spans several disks; multi-disk archives are not supported');
    }
    return {
      count: count64,
      size: readUint64(view, record + 40, 'zip64 central directory size'),
      offset: readUint64(view, record + 48, 'zip64 central directory offset'),
      limit: record,
    };
  }
  if (diskNumber !== 0 || directoryDisk !== 0 || diskCount !== count) {
    throw new ZipError('archive spans several disks; multi-disk archives are not supported');
  }
  return { count, size, offset, limit: eocd };
}

function readUint64(view: DataView, at: number, what: string, entry?: string): number {
  const v = view.getBigUint64(at, true);
  if (v > BigInt(Number.MAX_SAFE_INTEGER)) throw new ZipError(`${what} ${v} is too large`, entry);
  return Number(v);
}

function findExtra(
  view: DataView,
  start: number,
  length: number,
  id: number,
  entry: string,
): { start: number; end: number } | undefined {
  const end = start + length;
  let p = start;
  while (p + 4 <= end) {
    const fieldId = view.getUint16(p, true);
    const fieldSize = view.getUint16(p + 2, true);
    if (p + 4 + fieldSize > end)
      throw new ZipError(`extra field 0x${fieldId.toString(16)} runs past the header`, entry);
    if (fieldId === id) return { start: p + 4, end: p + 4 + fieldSize };
    p += 4 + fieldSize;
  }
  return undefined;
}

function decodeName(nameBytes: Uint8Array, flags: number, index: number): string {
  if (flags & FLAG_UTF8) {
    try {
      return utf8.decode(nameBytes);
    } catch {
      throw new ZipError(`central directory header ${index} has a name that is not valid UTF-8`);
    }
  }
  let s = '';
  for (const b of nameBytes) s += b < 0x80 ? String.fromCharCode(b) : CP437_HIGH[b - 0x80];
  return s;
}

/** Checks the local header against the central one and returns where the record's data starts. */
function checkLocalHeader(
  bytes: Uint8Array,
  view: DataView,
  at: number,
  nameBytes: Uint8Array,
  name: string,
  method: number,
  crc: number,
  compressedSize: number,
  size: number,
  directoryOffset: number,
): number {
  if (at + LOCAL_SIZE > directoryOffset) {
    throw new ZipError(
      `local header offset ${at} is not before the central directory (offset ${directoryOffset})`,
      name,
    );
  }
  if (view.getUint32(at, true) !== LOCAL_SIGNATURE)
    throw new ZipError(`bad local header signature at offset ${at}`, name);
  const flags = view.getUint16(at + 6, true);
  if (flags & (FLAG_ENCRYPTED | FLAG_STRONG_ENCRYPTION)) throw new ZipError('record is encrypted', name);
  const localMethod = view.getUint16(at + 8, true);
  if (localMethod !== method) {
    throw new ZipError(`local header says compression method ${localMethod}, central directory says ${method}`, name);
  }
  const nameLength = view.getUint16(at + 26, true);
  const extraLength = view.getUint16(at + 28, true);
  const dataOffset = at + LOCAL_SIZE + nameLength + extraLength;
  if (dataOffset > directoryOffset)
    throw new ZipError(`local header at offset ${at} runs into the central directory`, name);
  const localName = bytes.subarray(at + LOCAL_SIZE, at + LOCAL_SIZE + nameLength);
  if (!sameBytes(localName, nameBytes))
    throw new ZipError('local header names a different record than the central directory', name);
  // With a data descriptor (flag bit 3) the local fields may be zero; zip64 puts 0xffffffff in them.
  // Any other value must agree with the central directory.
  const localCrc = view.getUint32(at + 14, true);
  const localCompressed = view.getUint32(at + 18, true);
  const localSize = view.getUint32(at + 22, true);
  const agrees = (local: number, central: number, descriptorAllowed: boolean): boolean =>
    local === central || local === 0xffffffff || (descriptorAllowed && local === 0);
  const deferred = (flags & 0x0008) !== 0;
  if (
    !agrees(localCrc, crc, deferred) ||
    !agrees(localCompressed, compressedSize, deferred) ||
    !agrees(localSize, size, deferred)
  ) {
    throw new ZipError(
      `local header (crc ${hex(localCrc)}, sizes ${localCompressed}/${localSize}) disagrees with the central directory (crc ${hex(crc)}, sizes ${compressedSize}/${size})`,
      name,
    );
  }
  if (dataOffset + compressedSize > directoryOffset) {
    throw new ZipError(
      `record data (offset ${dataOffset}, ${compressedSize} bytes) runs past the start of the central directory at ${directoryOffset}`,
      name,
    );
  }
  return dataOffset;
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

function checkNoOverlap(entries: ZipEntry[]): void {
  const sorted = [...entries].sort((a, b) => a.localHeaderOffset - b.localHeaderOffset);
  for (let i = 1; i < sorted.length; i++) {
    const previous = sorted[i - 1];
    const end = previous.dataOffset + previous.compressedSize;
    if (sorted[i].localHeaderOffset < end) {
      throw new ZipError(`record overlaps record '${previous.name}' (which ends at offset ${end})`, sorted[i].name);
    }
  }
}
