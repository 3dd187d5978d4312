import { closeSync, fstatSync, openSync, readSync } from 'node:fs';

/**
 * An archive file as `load(path)` reads it: `bytes` is the whole file except the data of the large
 * stored `data/` records (the storages), which are read into buffers of their own (`storages`, by
 * full entry name, with the offset their data has in the file). Where they sit in `bytes` stays
 * zero: nothing reads it (ArchiveUnpickler takes the storage buffers; `whole()` puts them back).
 *
 * Why: one buffer the size of the file (47 MB for resnet18) is a fresh mmap on every load, and
 * faulting its pages in cost about three quarters of a resnet18 load; storage-sized buffers come
 * from malloc's reused heap, as PyTorch's per-record reads do (it reads each record into its own
 * allocation). The zip is still parsed and checked by ZipReader over `bytes`; this reader only
 * finds the storages' byte ranges, and gives up (every byte in `bytes`) on anything unusual.
 */
export interface ArchiveFile {
  readonly bytes: Uint8Array;
  readonly storages: ReadonlyMap<string, { readonly offset: number; readonly bytes: Uint8Array }>;
}

// Records smaller than this stay in `bytes` (a separate buffer would buy nothing).
const MIN_SEPARATE = 1 << 16;
const EOCD_SIGNATURE = 0x06054b50;
const CENTRAL_SIGNATURE = 0x02014b50;
const LOCAL_SIGNATURE = 0x04034b50;
const EOCD_SIZE = 22;
const MAX_COMMENT = 0xffff;

/** `minSeparate`: the smallest record read apart (default 64 KiB; the tests lower it). */
export function readArchiveFile(path: string, { minSeparate = MIN_SEPARATE } = {}): ArchiveFile {
  const fd = openSync(path, 'r');
  try {
    const size = fstatSync(fd).size;
    // Zero-filled and lazily backed by the OS: pages of the storages' ranges are never touched.
    const bytes = new Uint8Array(size);
    const ranges = storageRanges(fd, bytes, size, minSeparate);
    const storages = new Map<string, { offset: number; bytes: Uint8Array }>();
    let at = 0;
    for (const r of ranges) {
      readInto(fd, bytes, at, r.offset - at);
      // allocUnsafeSlow: a buffer of its own (not the shared pool), not zero-filled first.
      const own = new Uint8Array(Buffer.allocUnsafeSlow(r.size).buffer, 0, r.size);
      readAt(fd, own, 0, r.size, r.offset);
      storages.set(r.name, { offset: r.offset, bytes: own });
      at = r.offset + r.size;
    }
    readInto(fd, bytes, at, size - at);
    return { bytes, storages };
  } finally {
    closeSync(fd);
  }
}

/** The file's bytes with the storages put back (for a worker's copy of the archive). */
export function wholeArchive(file: ArchiveFile, target: Uint8Array): Uint8Array {
  target.set(file.bytes);
  for (const s of file.storages.values()) target.set(s.bytes, s.offset);
  return target;
}

interface Range {
  name: string;
  offset: number;
  size: number;
}

/**
 * The data ranges of the large stored `<root>/data/<key>` records, sorted and disjoint, read from
 * the end-of-central-directory record, the central directory and the records' local headers
 * (read into `bytes` at their offsets). Empty when anything is unusual (zip64, a comment hiding
 * the end record, out-of-range values): the file is then read whole.
 */
function storageRanges(fd: number, bytes: Uint8Array, size: number, minSeparate: number): Range[] {
  if (size < EOCD_SIZE) return [];
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const tail = Math.max(0, size - EOCD_SIZE - MAX_COMMENT);
  readInto(fd, bytes, tail, size - tail);
  let eocd = -1;
  for (let p = size - EOCD_SIZE; p >= tail; p--) {
    if (bytes[p] === 0x50 && view.getUint32(p, true) === EOCD_SIGNATURE) {
      eocd = p;
      break;
    }
  }
  if (eocd < 0) return [];
  const count = view.getUint16(eocd + 10, true);
  const cdSize = view.getUint32(eocd + 12, true);
  const cdOffset = view.getUint32(eocd + 16, true);
  if (count === 0xffff || cdSize === 0xffffffff || cdOffset === 0xffffffff || cdOffset + cdSize > eocd) return [];
  if (cdOffset < tail) readInto(fd, bytes, cdOffset, tail - cdOffset);
  const ranges: Range[] = [];
  const decoder = new TextDecoder();
  let p = cdOffset;
  for (let i = 0; i < count; i++) {
    if (p + 46 > cdOffset + cdSize || view.getUint32(p, true) !== CENTRAL_SIGNATURE) return [];
    const method = view.getUint16(p + 10, true);
    const compressed = view.getUint32(p + 20, true);
    const nameLength = view.getUint16(p + 28, true);
    const next = p + 46 + nameLength + view.getUint16(p + 30, true) + view.getUint16(p + 32, true);
    const local = view.getUint32(p + 42, true);
    if (next > cdOffset + cdSize) return [];
    if (method === 0 && compressed >= minSeparate && compressed !== 0xffffffff && local !== 0xffffffff) {
      const name = decoder.decode(bytes.subarray(p + 46, p + 46 + nameLength));
      if (/^[^/]+\/data\/[^/]+$/.test(name)) {
        if (local + 30 > cdOffset) return [];
        readInto(fd, bytes, local, 30);
        if (view.getUint32(local, true) !== LOCAL_SIGNATURE) return [];
        const header = 30 + view.getUint16(local + 26, true) + view.getUint16(local + 28, true);
        if (local + header > cdOffset) return [];
        readInto(fd, bytes, local + 30, header - 30);
        const offset = local + header;
        if (offset + compressed > cdOffset) return [];
        ranges.push({ name, offset, size: compressed });
      }
    }
    p = next;
  }
  ranges.sort((a, b) => a.offset - b.offset);
  for (let k = 1; k < ranges.length; k++) if (ranges[k].offset < ranges[k - 1].offset + ranges[k - 1].size) return [];
  return ranges;
}

/** Reads `length` bytes at file position `offset` into `bytes` at the same offset. */
function readInto(fd: number, bytes: Uint8Array, offset: number, length: number): void {
  readAt(fd, bytes, offset, length, offset);
}

function readAt(fd: number, target: Uint8Array, offset: number, length: number, position: number): void {
  let done = 0;
  while (done < length) {
    const n = readSync(fd, target, offset + done, length - done, position + done);
    // The file shrank while being read: the archive's own checks report what is missing.
    if (n === 0) return;
    done += n;
  }
}
