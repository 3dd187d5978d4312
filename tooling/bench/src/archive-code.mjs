// Reads the `code/**.py` files of a TorchScript archive (a zip) for the frontend workloads:
// stored and deflated entries, sizes from the central directory. (The archive reader proper
// belongs to @tsjit/serialize; the bench only needs the code files, in memory before timing.)
import { readFileSync } from 'node:fs';
import { inflateRawSync } from 'node:zlib';

/** The code files of the archive at `path`, by their path under `code/`, and its total size in characters. */
export function readArchiveCode(path) {
  const data = readFileSync(path);
  const view = new DataView(data.buffer, data.byteOffset, data.byteLength);
  let eocd = -1;
  for (let i = data.length - 22; i >= Math.max(0, data.length - 65557); i--) {
    if (view.getUint32(i, true) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw new Error(`${path}: not a zip archive`);
  const count = view.getUint16(eocd + 10, true);
  let p = view.getUint32(eocd + 16, true);
  const files = new Map();
  let size = 0;
  for (let n = 0; n < count; n++) {
    if (view.getUint32(p, true) !== 0x02014b50) throw new Error(`${path}: bad central directory`);
    const method = view.getUint16(p + 10, true);
    const compressed = view.getUint32(p + 20, true);
    const nameLength = view.getUint16(p + 28, true);
    const extraLength = view.getUint16(p + 30, true);
    const commentLength = view.getUint16(p + 32, true);
    const local = view.getUint32(p + 42, true);
    const name = data.subarray(p + 46, p + 46 + nameLength).toString('utf8');
    p += 46 + nameLength + extraLength + commentLength;
    const code = /^[^/]+\/code\/(.*\.py)$/.exec(name);
    if (!code) continue;
    const start = local + 30 + view.getUint16(local + 26, true) + view.getUint16(local + 28, true);
    const body = data.subarray(start, start + compressed);
    const text = (method === 8 ? inflateRawSync(body) : body).toString('utf8');
    files.set(code[1], text);
    size += text.length;
  }
  return { files, size };
}
