import { readFileSync } from 'node:fs';
import { ScriptObject } from '@tsjit/interpreter';
import { ArchiveError } from '@tsjit/serialize';
import { ScriptModule } from '../script-module.js';
import { ArchiveUnit } from './archive-unit.js';
import { ArchiveUnpickler } from './archive-unpickler.js';

export interface LoadOptions {
  /**
   * Extra files to read from the archive's `extra/` folder (PyTorch's `_extra_files`): give the
   * names as keys; each value is replaced by the file's text (empty when the archive lacks it).
   */
  readonly extraFiles?: Map<string, string>;
}

/**
 * Loads a TorchScript archive written by `torch.jit.save` (PyTorch 1.x or 2.x): the code is
 * compiled as the unpickler asks for its classes, objects are rebuilt from `data.pkl`
 * (`__setstate__` runs where a class defines one), tensors view the archive's storages without a
 * copy where they are aligned. Errors are typed and name the archive entry (ZipError,
 * PickleError, ArchiveError; FrontendError for the code).
 */
export function load(input: string | Uint8Array, options: LoadOptions = {}): ScriptModule {
  // A view of the Buffer, not a copy: copying would touch every storage's bytes once more.
  const bytes = typeof input === 'string' ? bufferView(readFileSync(input)) : input;
  const unit = ArchiveUnit.open(bytes);
  const archive = unit.archive;
  const root = new ArchiveUnpickler(archive, (name) => unit.importer.loadType(name) as never, unit.host).unpickle(
    'data.pkl',
    'data',
  );
  if (!(root instanceof ScriptObject) || !root.type.isModule) {
    throw new ArchiveError('data.pkl does not hold a module object', archive.entryName('data.pkl'));
  }
  if (options.extraFiles) {
    for (const name of options.extraFiles.keys()) {
      const record = `extra/${name}`;
      options.extraFiles.set(name, archive.has(record) ? new TextDecoder().decode(archive.record(record)) : '');
    }
  }
  return new ScriptModule(root, unit.host);
}

/**
 * A plain Uint8Array over a Buffer's memory (Buffer's own slice does not copy, unlike Uint8Array's).
 * A small file may land in Node's shared Buffer pool: that one is copied, so the archive's storages
 * own their memory (and start aligned) as before.
 */
function bufferView(buffer: Buffer): Uint8Array {
  if (buffer.byteOffset !== 0 || buffer.buffer.byteLength !== buffer.byteLength) return new Uint8Array(buffer);
  return new Uint8Array(buffer.buffer, 0, buffer.byteLength);
}
