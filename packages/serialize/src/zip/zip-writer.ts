import { constants } from 'node:buffer';
import { deflateRawSync } from 'node:zlib';
import { ZipError } from '../errors/zip-error.js';
import { checkRecordName } from './check-record-name.js';
import { crc32 } from './crc32.js';

/** Options of `ZipWriter.writeRecord`. */
export interface WriteRecordOptions {
  /**
   * Deflate the record, as PyTorch does for `code/` files. The compressed bytes come from zlib, not from
   * PyTorch's miniz, so they differ from what PyTorch would write for the same input (the archive is
   * equally valid). Records of 3 bytes or fewer are stored, as miniz does. (Which records to compress
   * is the caller's choice: PyTorch's exporter compresses `code/` files longer than 200 bytes.)
   */
  compress?: boolean;
}

/** Already-deflated data for `ZipWriter.writeCompressedRecord`, e.g. a record copied from another archive. */
export interface CompressedRecord {
  /** Raw deflate stream (no zlib or gzip header). */
  data: Uint8Array;
  /** The uncompressed size. */
  size: number;
  /** CRC-32 of the uncompressed bytes. */
  crc32: number;
}

interface Written {
  nameBytes: Uint8Array;
  name: string;
  method: number;
  flags: number;
  crc: number;
  compressedSize: number;
  size: number;
  offset: number;
}

/** Records are aligned so tensors can view storages in place; PyTorch's kFieldAlignment. */
const ALIGNMENT = 64;
const U32_MAX = 0xffffffff;
const U16_MAX = 0xffff;
const FLAG_DESCRIPTOR = 0x0008;
const FLAG_UTF8 = 0x0800;
const utf8 = new TextEncoder();
const MAX_LENGTH = constants.MAX_LENGTH;

/**
 * Writes zip archives laid out exactly as PyTorch's `PyTorchStreamWriter` (miniz underneath) writes
 * them, so an archive written from the same records in the same order is byte-identical:
 *
 * - each local header carries an extra field with id 'FB' filled with 'Z' bytes that pads the record's
 *   data to a 64-byte boundary (the field is present, possibly empty, on every record);
 * - local headers have zero CRC and sizes, and a data descriptor (PK 07 08, CRC, sizes) follows the
 *   data, flag bits 3 and 11 set; an empty record has no descriptor and only bit 11;
 * - DOS time and date are zero, "version made by" is 0 and "version needed" 0 (stored) or 20
 *   (deflated); no comments, no attributes;
 * - the central directory lists records in the order written, followed by a zip64 end-of-central-
 *   directory record and locator (always written) and the classic end-of-central-directory record;
 * - a record at or beyond 4 GiB, or of 4 GiB or more, gets zip64 extra fields (local: the size and a
 *   zero compressed size, and/or the offset; central: the sizes and/or the offset) and a 64-bit data
 *   descriptor, as miniz writes them (checked against PyTorch by zip64-pytorch.test.ts).
 */
export class ZipWriter {
  readonly #chunks: Uint8Array[] = [];
  readonly #records: Written[] = [];
  readonly #names = new Set<string>();
  readonly #sink: ((chunk: Uint8Array) => void) | undefined;
  #cursor = 0;
  #finished = false;

  /**
   * Without a sink the archive is assembled in memory and returned by `finish` (record data is kept by
   * reference until then: do not change it). With a sink every piece is handed over as it is written
   * (e.g. to `fs.writeSync`), so archives larger than one array can hold are possible, and `finish`
   * returns an empty array.
   */
  constructor(options: { sink?: (chunk: Uint8Array) => void } = {}) {
    this.#sink = options.sink;
  }

  /** Byte offset at which the next record's local header will start. */
  get offset(): number {
    return this.#cursor;
  }

  /** Appends a record; its data starts at a multiple of 64 bytes from the start of the archive. */
  writeRecord(name: string, bytes: Uint8Array, options: WriteRecordOptions = {}): void {
    if (!(bytes instanceof Uint8Array)) throw new ZipError('record data must be a Uint8Array', name);
    const crc = bytes.length === 0 ? 0 : crc32(bytes);
    // miniz stores records of 3 bytes or fewer even when asked to compress.
    if (options.compress === true && bytes.length > 3) {
      this.#append(name, 8, deflateRawSync(bytes, { level: 6 }), bytes.length, crc);
      return;
    }
    this.#append(name, 0, bytes, bytes.length, crc);
  }

  /** Appends a record whose data is already deflated, keeping those exact bytes. */
  writeCompressedRecord(name: string, record: CompressedRecord): void {
    const { data, size, crc32: crc } = record;
    if (!(data instanceof Uint8Array)) throw new ZipError('compressed record data must be a Uint8Array', name);
    if (!Number.isSafeInteger(size) || size < 0)
      throw new ZipError(`record size ${size} is not a non-negative integer`, name);
    if (!Number.isInteger(crc) || crc < 0 || crc > U32_MAX)
      throw new ZipError(`record CRC-32 ${crc} is not a 32-bit value`, name);
    // miniz never deflates an empty record; keep PyTorch's layout (stored, no data descriptor).
    if (size === 0) this.#append(name, 0, new Uint8Array(0), 0, 0);
    else this.#append(name, 8, data, size, crc);
  }

  /**
   * Writes the central directory and end records and returns the whole archive (empty when writing to a
   * sink). The writer is then closed.
   */
  finish(): Uint8Array {
    this.#checkOpen();
    this.#finished = true;
    const directoryOffset = this.#cursor;
    for (const r of this.#records) this.#emit(centralHeader(r));
    const directorySize = this.#cursor - directoryOffset;
    const count = this.#records.length;
    const zip64Offset = this.#cursor;

    const end = new Uint8Array(56 + 20 + 22);
    const v = new DataView(end.buffer);
    v.setUint32(0, 0x06064b50, true);
    v.setBigUint64(4, 44n, true);
    v.setUint16(12, 0x031e, true);
    v.setUint16(14, 0x002d, true);
    v.setBigUint64(24, BigInt(count), true);
    v.setBigUint64(32, BigInt(count), true);
    v.setBigUint64(40, BigInt(directorySize), true);
    v.setBigUint64(48, BigInt(directoryOffset), true);
    v.setUint32(56, 0x07064b50, true);
    v.setBigUint64(64, BigInt(zip64Offset), true);
    v.setUint32(72, 1, true);
    v.setUint32(76, 0x06054b50, true);
    v.setUint16(84, Math.min(count, U16_MAX), true);
    v.setUint16(86, Math.min(count, U16_MAX), true);
    v.setUint32(88, Math.min(directorySize, U32_MAX), true);
    v.setUint32(92, Math.min(directoryOffset, U32_MAX), true);
    this.#emit(end);
    if (this.#sink !== undefined) return new Uint8Array(0);
    if (this.#cursor > MAX_LENGTH) {
      throw new ZipError(`the archive is ${this.#cursor} bytes, more than one array can hold; write it to a sink`);
    }

    const out = new Uint8Array(this.#cursor);
    let p = 0;
    for (const c of this.#chunks) {
      out.set(c, p);
      p += c.length;
    }
    this.#chunks.length = 0;
    return out;
  }

  #checkOpen(): void {
    if (this.#finished) throw new ZipError('the archive has already been finished');
  }

  #append(name: string, method: number, data: Uint8Array, size: number, crc: number): void {
    this.#checkOpen();
    if (typeof name !== 'string') throw new ZipError('record name must be a string');
    checkRecordName(name);
    if (this.#names.has(name)) throw new ZipError('record written twice', name);
    const nameBytes = utf8.encode(name);
    if (nameBytes.length > U16_MAX)
      throw new ZipError(`record name is ${nameBytes.length} bytes, more than zip allows`, name);
    this.#names.add(name);

    const offset = this.#cursor;
    const compressedSize = data.length;
    const needsZip64 = size >= U32_MAX || offset >= U32_MAX;
    const zip64Local = needsZip64
      ? zip64Extra(size >= U32_MAX ? [size, 0] : [], offset >= U32_MAX ? offset : undefined)
      : undefined;
    const zip64Length = zip64Local === undefined ? 0 : zip64Local.length;
    // Pad so that header + name + zip64 field + 'FB' field header + padding ends on the boundary.
    const unpadded = offset + 30 + nameBytes.length + zip64Length + 4;
    const padding = (ALIGNMENT - (unpadded % ALIGNMENT)) % ALIGNMENT;
    const flags = size === 0 ? FLAG_UTF8 : FLAG_UTF8 | FLAG_DESCRIPTOR;

    const header = new Uint8Array(30 + nameBytes.length + zip64Length + 4 + padding);
    const v = new DataView(header.buffer);
    v.setUint32(0, 0x04034b50, true);
    v.setUint16(4, method === 8 ? 20 : 0, true);
    v.setUint16(6, flags, true);
    v.setUint16(8, method, true);
    // time, date, CRC and sizes stay zero: the data descriptor carries the CRC and sizes.
    v.setUint16(26, nameBytes.length, true);
    v.setUint16(28, zip64Length + 4 + padding, true);
    header.set(nameBytes, 30);
    let p = 30 + nameBytes.length;
    if (zip64Local !== undefined) {
      header.set(zip64Local, p);
      p += zip64Length;
    }
    header[p] = 0x46; // 'F'
    header[p + 1] = 0x42; // 'B'
    v.setUint16(p + 2, padding, true);
    header.fill(0x5a, p + 4); // 'Z'
    this.#emit(header);
    if (data.length > 0) this.#emit(data);

    if (size !== 0) {
      const descriptor = new Uint8Array(zip64Local === undefined ? 16 : 24);
      const d = new DataView(descriptor.buffer);
      d.setUint32(0, 0x08074b50, true);
      d.setUint32(4, crc, true);
      if (zip64Local === undefined) {
        d.setUint32(8, compressedSize, true);
        d.setUint32(12, size, true);
      } else {
        d.setBigUint64(8, BigInt(compressedSize), true);
        d.setBigUint64(16, BigInt(size), true);
      }
      this.#emit(descriptor);
    }
    this.#records.push({ nameBytes, name, method, flags, crc, compressedSize, size, offset });
  }

  #emit(chunk: Uint8Array): void {
    if (this.#sink === undefined) this.#chunks.push(chunk);
    else this.#sink(chunk);
    this.#cursor += chunk.length;
  }
}

/** A zip64 extended-information extra field (id 1) holding the given 64-bit values in order. */
function zip64Extra(sizes: number[], offset: number | undefined): Uint8Array {
  const values = offset === undefined ? sizes : [...sizes, offset];
  const field = new Uint8Array(4 + 8 * values.length);
  const v = new DataView(field.buffer);
  v.setUint16(0, 0x0001, true);
  v.setUint16(2, 8 * values.length, true);
  for (let i = 0; i < values.length; i++) v.setBigUint64(4 + 8 * i, BigInt(values[i]), true);
  return field;
}

function centralHeader(r: Written): Uint8Array {
  const needsZip64 = r.size >= U32_MAX || r.offset >= U32_MAX;
  const extra = needsZip64
    ? zip64Extra(r.size >= U32_MAX ? [r.size, r.compressedSize] : [], r.offset >= U32_MAX ? r.offset : undefined)
    : new Uint8Array(0);
  const header = new Uint8Array(46 + r.nameBytes.length + extra.length);
  const v = new DataView(header.buffer);
  v.setUint32(0, 0x02014b50, true);
  // version made by 0; time, date, comment, disk and attributes 0, as miniz writes them for PyTorch.
  v.setUint16(6, r.method === 8 ? 20 : 0, true);
  v.setUint16(8, r.flags, true);
  v.setUint16(10, r.method, true);
  v.setUint32(16, r.crc, true);
  v.setUint32(20, Math.min(r.compressedSize, U32_MAX), true);
  v.setUint32(24, Math.min(r.size, U32_MAX), true);
  v.setUint16(28, r.nameBytes.length, true);
  v.setUint16(30, extra.length, true);
  v.setUint32(42, Math.min(r.offset, U32_MAX), true);
  header.set(r.nameBytes, 46);
  header.set(extra, 46 + r.nameBytes.length);
  return header;
}
