import { ZipReader } from '../../src/zip/zip-reader.js';
import { ZipWriter } from '../../src/zip/zip-writer.js';

/**
 * Writes an archive again with some records replaced (a Uint8Array), dropped (null) or renamed
 * (a string naming the new record), keeping the others in order, so that a test can break one
 * record while the zip stays valid (CRCs right).
 */
export function rewriteArchive(
  bytes: Uint8Array,
  changes: Record<string, Uint8Array | string | null>,
  added: Record<string, Uint8Array> = {},
): Uint8Array {
  const reader = ZipReader.open(bytes);
  const writer = new ZipWriter();
  for (const e of reader.entries) {
    const change = changes[e.name];
    if (change === null) continue;
    if (typeof change === 'string') writer.writeRecord(change, reader.read(e.name));
    else writer.writeRecord(e.name, change ?? reader.read(e.name));
  }
  for (const [name, data] of Object.entries(added)) writer.writeRecord(name, data);
  return writer.finish();
}

/** Replaces every occurrence of one byte string with another. */
export function replaceBytes(data: Uint8Array, from: string | Uint8Array, to: string | Uint8Array): Uint8Array {
  const f = typeof from === 'string' ? Buffer.from(from, 'latin1') : Buffer.from(from);
  const t = typeof to === 'string' ? Buffer.from(to, 'latin1') : Buffer.from(to);
  const source = Buffer.from(data);
  const parts: Buffer[] = [];
  let start = 0;
  for (let at = source.indexOf(f); at >= 0; at = source.indexOf(f, start)) {
    parts.push(source.subarray(start, at), t);
    start = at + f.length;
  }
  if (start === 0) throw new Error(`'${f.toString('latin1')}' not found`);
  parts.push(source.subarray(start));
  return new Uint8Array(Buffer.concat(parts));
}
