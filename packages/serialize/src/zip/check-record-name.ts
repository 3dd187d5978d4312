import { ZipError } from '../errors/zip-error.js';

/**
 * Rejects record names that could escape a folder if someone extracted the archive (absolute paths,
 * drive letters, '..' components) or that no zip tool handles (empty, NUL bytes). The reader applies
 * it to every record, and the writer too, so we never write what we would refuse to read.
 */
export function checkRecordName(name: string): void {
  if (name.length === 0) throw new ZipError('record has an empty name', name);
  if (name.includes('\0')) throw new ZipError('record name contains a NUL byte', name);
  if (name.startsWith('/') || name.startsWith('\\') || /^[A-Za-z]:/.test(name)) {
    throw new ZipError('record name is an absolute path', name);
  }
  for (const part of name.split(/[/\\]/)) {
    if (part === '..') throw new ZipError("record name contains a '..' component", name);
  }
}
