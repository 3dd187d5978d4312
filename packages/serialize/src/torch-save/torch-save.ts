import { writeFileSync } from 'node:fs';
import { itemSize } from '@tsjit/kernels';
import { ZipWriter } from '../zip/zip-writer.js';
import { archiveNameOf } from './archive-name.js';
import { SavePickler } from './save-pickler.js';

export interface TorchSaveOptions {
  /** Also write the file here; its stem names the archive's folder, as in PyTorch. */
  path?: string;
  /** The folder the records go in; default the stem of `path`, else 'archive' (PyTorch's name for a buffer). */
  archiveName?: string;
}

/** PyTorch 1.13's torch.save writes file format version 3 (kProducedFileFormatVersion). */
const versionRecord = new TextEncoder().encode('3\n');

/**
 * `torch.save(value, f)` with PyTorch 1.13's default zip format: `<name>/data.pkl` (CPython's
 * protocol-2 pickle with storages as persistent ids), `<name>/data/<key>` for every storage in
 * sorted key order ('0', '1', '10', '2', ...: PyTorch sorts the key strings), then `<name>/version`,
 * each record's data aligned to 64 bytes. Returns the archive's bytes (and writes them to
 * `options.path` when given). See SavePickler for how JS values map to Python's.
 */
export function torchSave(value: unknown, options: TorchSaveOptions = {}): Uint8Array {
  const name = options.archiveName ?? (options.path === undefined ? 'archive' : archiveNameOf(options.path));
  const pickler = new SavePickler();
  const pickle = pickler.dump(value);
  const zip = new ZipWriter();
  zip.writeRecord(`${name}/data.pkl`, pickle);
  const storages = [...pickler.storages].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  for (const s of storages) {
    zip.writeRecord(`${name}/data/${s.key}`, s.storage.bytes.subarray(0, s.numel * itemSize[s.dtype]));
  }
  zip.writeRecord(`${name}/version`, versionRecord);
  const bytes = zip.finish();
  if (options.path !== undefined) writeFileSync(options.path, bytes);
  return bytes;
}
