import { ScriptObject } from '@tsjit/interpreter';
import { mapFile } from '@tsjit/kernels';
import { ArchiveError } from '@tsjit/serialize';
import { ScriptModule } from '../script-module.js';
import { ArchiveUnit } from './archive-unit.js';
import { ArchiveUnpickler } from './archive-unpickler.js';
import { type ArchiveFile, readArchiveFile } from './read-archive-file.js';

export interface LoadOptions {
  /**
   * Extra files to read from the archive's `extra/` folder (PyTorch's `_extra_files`): give the
   * names as keys; each value is replaced by the file's text (empty when the archive lacks it).
   */
  readonly extraFiles?: Map<string, string>;
  /**
   * A `Date.now()` time by which the code the load runs (`__setstate__` methods) must be done;
   * past it the load fails with a CallCancelledError ('deadline'). An archive from a stranger can
   * hold a `__setstate__` that never returns. None by default, as in PyTorch.
   */
  readonly deadline?: number;
  /**
   * For a path: map the file into memory (a private copy-on-write mmap) instead of reading it.
   * Loading then reads only the archive's code and pickles; the weights' pages come from the OS
   * page cache when first used (the first call) and are shared by every process that maps the
   * same file, as `torch.load(..., mmap=True)` does. In-place updates of weights stay private.
   * The file must not be truncated or rewritten in place while the module lives (pages not yet
   * used would show the new bytes, and a page past a truncated end kills the process with
   * SIGBUS): replace model files by renaming a new file over them. Off by default.
   */
  readonly mmap?: boolean;
}

/**
 * Loads a TorchScript archive written by `torch.jit.save` (PyTorch 1.x or 2.x): the code is
 * compiled as the unpickler asks for its classes, objects are rebuilt from `data.pkl`
 * (`__setstate__` runs where a class defines one), tensors view the archive's storages without a
 * copy where they are aligned. Errors are typed and name the archive entry (ZipError,
 * PickleError, ArchiveError; FrontendError for the code).
 *
 * Bytes passed in become the module's: its tensors view them, so an in-place update of a weight
 * or buffer writes into them. Pass a copy to keep the original (a path is read into a buffer of
 * the module's own).
 */
export function load(input: string | Uint8Array, options: LoadOptions = {}): ScriptModule {
  if (typeof input !== 'string') return loadArchiveFile({ bytes: input, storages: new Map() }, options);
  const mapped = options.mmap ? mapFile(input) : undefined;
  // From a path: the storages are read into buffers of their own (see readArchiveFile).
  return loadArchiveFile(mapped ? { bytes: mapped, storages: new Map() } : readArchiveFile(input), options);
}

/** `load` of an archive read by readArchiveFile (or of plain bytes, with no separate storages). */
export function loadArchiveFile(file: ArchiveFile, options: LoadOptions = {}): ScriptModule {
  const unit = ArchiveUnit.open(file.bytes, file.storages.size > 0 ? file.storages : undefined);
  const archive = unit.archive;
  // A class the code does not define resolves to undefined: the unpickler then names it and data.pkl.
  const lookup = (name: string) => unit.importer.findNamedType(name) as never;
  const root = new ArchiveUnpickler(archive, lookup, unit.host, { deadline: options.deadline }, unit.separate).unpickle(
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
