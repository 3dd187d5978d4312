import { ZipError } from '../errors/zip-error.js';
import type { ZipReader } from './zip-reader.js';

/**
 * The folder every record of a PyTorch archive sits in (`model` for `model/data.pkl`, or whatever
 * name the archive was saved under), without the trailing slash. PyTorch takes it from the first
 * record; this also requires every other record to share it, so a record outside the folder cannot
 * be silently ignored.
 */
export function archiveRoot(reader: Pick<ZipReader, 'entries'>): string {
  const entries = reader.entries;
  if (entries.length === 0) throw new ZipError('archive has no records, so it has no top-level folder');
  const first = entries[0].name;
  const slash = first.indexOf('/');
  if (slash <= 0) throw new ZipError('record is not inside a top-level folder', first);
  const prefix = first.slice(0, slash + 1);
  for (const e of entries) {
    if (!e.name.startsWith(prefix)) {
      throw new ZipError(`record is not inside the archive's top-level folder '${prefix.slice(0, -1)}'`, e.name);
    }
  }
  return prefix.slice(0, -1);
}
