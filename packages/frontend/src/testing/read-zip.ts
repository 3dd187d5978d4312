import { inflateRawSync } from 'node:zlib';

/**
 * The entries of a zip archive (a TorchScript `.pt`), by name. Reads the central directory, so
 * that entries written with data descriptors have their sizes; handles stored and deflated entries.
 */
export function readZip(data: Uint8Array): Map<string, Uint8Array> {
  const view = new DataView(data.buffer, data.byteOffset, data.byteLength);
  let eocd = -1;
  for (let i = data.length - 22; i >= Math.max(0, data.length - 22 - 65535); i--) {
    if (view.getUint32(i, true) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw new Error('not a zip archive: no end of central directory');
  let count = view.getUint16(eocd + 10, true);
  let dirOffset = view.getUint32(eocd + 16, true);
  // Zip64: PyTorch writes a zip64 end record when offsets or counts overflow.
  if (dirOffset === 0xffffffff || count === 0xffff) {
    const locator = eocd - 20;
    if (view.getUint32(locator, true) !== 0x07064b50) throw new Error('zip64 locator missing');
    const end64 = Number(view.getBigUint64(locator + 8, true));
    count = Number(view.getBigUint64(end64 + 32, true));
    dirOffset = Number(view.getBigUint64(end64 + 48, true));
  }
  const entries = new Map<string, Uint8Array>();
  let p = dirOffset;
  for (let n = 0; n < count; n++) {
    if (view.getUint32(p, true) !== 0x02014b50) throw new Error('bad central directory entry');
    const method = view.getUint16(p + 10, true);
    let compressed = view.getUint32(p + 20, true);
    const nameLength = view.getUint16(p + 28, true);
    const extraLength = view.getUint16(p + 30, true);
    const commentLength = view.getUint16(p + 32, true);
    let local = view.getUint32(p + 42, true);
    const name = new TextDecoder().decode(data.subarray(p + 46, p + 46 + nameLength));
    // Zip64 extended information: the 64-bit values replace the ones set to 0xffffffff, in order.
    let e = p + 46 + nameLength;
    const extraEnd = e + extraLength;
    while (e + 4 <= extraEnd) {
      const id = view.getUint16(e, true);
      const size = view.getUint16(e + 2, true);
      if (id === 1) {
        let q = e + 4;
        if (view.getUint32(p + 24, true) === 0xffffffff) q += 8;
        if (compressed === 0xffffffff) {
          compressed = Number(view.getBigUint64(q, true));
          q += 8;
        }
        if (local === 0xffffffff) local = Number(view.getBigUint64(q, true));
      }
      e += 4 + size;
    }
    const localName = view.getUint16(local + 26, true);
    const localExtra = view.getUint16(local + 28, true);
    const start = local + 30 + localName + localExtra;
    const body = data.subarray(start, start + compressed);
    if (method === 0) entries.set(name, body);
    else if (method === 8) entries.set(name, new Uint8Array(inflateRawSync(body)));
    else throw new Error(`zip entry ${name}: unsupported compression method ${method}`);
    p = extraEnd + commentLength;
  }
  return entries;
}
