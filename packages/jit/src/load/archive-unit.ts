import { type ArchiveConstant, type CompilationUnit, importArchiveCode, type SourceImporter } from '@tsjit/frontend';
import type { ClassType, IValue, JitType } from '@tsjit/ir';
import { InternalError, TensorType, tensorValue, typeOf } from '@tsjit/ir';
import { FloatScalar } from '@tsjit/ops';
import { ArchiveError, TorchScriptArchive } from '@tsjit/serialize';
import { Tensor } from '@tsjit/tensor';
import { frontendCleanup } from '../frontend-cleanup.js';
import type { ModuleUnit, UnitRecipe } from '../runtime/module-unit.js';
import { UnitRuntime } from '../runtime/unit-runtime.js';
import type { ObjectHost } from '../script-module.js';
import { ArchiveUnpickler } from './archive-unpickler.js';

/**
 * The code of a TorchScript archive, ready to run: its constant table unpickled (tensors view
 * the archive's storages), its `code/` prepared for compilation on demand (a class is compiled
 * when the unpickler or other code first names it), and the runtime its methods run in.
 */
export class ArchiveUnit implements ModuleUnit {
  readonly archive: TorchScriptArchive;
  readonly importer: SourceImporter;
  readonly runtime: UnitRuntime;
  readonly host: ObjectHost;
  readonly #bytes: Uint8Array;
  /** Storages read into buffers of their own (readArchiveFile); their ranges in `#bytes` are zeros. */
  readonly separate: ReadonlyMap<string, { readonly offset: number; readonly bytes: Uint8Array }> | undefined;
  #shared: Uint8Array | undefined;
  readonly #constantTable: readonly ArchiveConstant[];

  private constructor(
    bytes: Uint8Array,
    archive: TorchScriptArchive,
    separate?: ReadonlyMap<string, { readonly offset: number; readonly bytes: Uint8Array }>,
  ) {
    this.#bytes = bytes;
    this.separate = separate;
    this.archive = archive;
    const constants = new ArchiveUnpickler(archive, (name) => this.classType(name)).unpickle(
      'constants.pkl',
      'constants',
    );
    if (!Array.isArray(constants)) {
      throw new ArchiveError('constants.pkl does not hold a tuple', archive.entryName('constants.pkl'));
    }
    this.#constantTable = constants.map((value, i) => archiveConstant(value, archive.entryName(`constants.pkl[${i}]`)));
    const files = archive.codeFiles();
    const sources = new Map<string, string>();
    for (const [path, text] of files) sources.set(`code/${path}`, text);
    const { unit, importer } = this.#importCode(files);
    this.importer = importer;
    this.runtime = new UnitRuntime(unit, sources);
    this.host = {
      runtime: this.runtime,
      methodSchema: (type, name) => unit.findMethod(type, name)?.schema(),
      unit: this,
    };
  }

  /**
   * Opens an archive's code and constants (a ZipError, PickleError or ArchiveError names what is
   * wrong). `separate`: storages read apart from `bytes` (readArchiveFile); each must be exactly a
   * stored record's data as the zip's directory describes it, else the ArchiveError says which.
   */
  static open(
    bytes: Uint8Array,
    separate?: ReadonlyMap<string, { readonly offset: number; readonly bytes: Uint8Array }>,
  ): ArchiveUnit {
    const archive = TorchScriptArchive.open(bytes);
    if (separate) {
      for (const [name, s] of separate) {
        const e = archive.zip.entry(name);
        if (e?.method !== 0 || e.dataOffset !== s.offset || e.compressedSize !== s.bytes.byteLength) {
          throw new ArchiveError('the storage read apart is not where the zip directory puts its data', name);
        }
      }
    }
    return new ArchiveUnit(bytes, archive, separate);
  }

  /**
   * The archive's `code/` imported into a compilation unit of its own, as the loader imports it:
   * the loaded unit's types and graphs as they were before anything could change them (save
   * compares the two to tell whether the module's code is still the archive's).
   */
  importCode(): { unit: CompilationUnit; importer: SourceImporter } {
    return this.#importCode(this.archive.codeFiles());
  }

  #importCode(files: ReadonlyMap<string, string>): { unit: CompilationUnit; importer: SourceImporter } {
    const table = this.#constantTable;
    return importArchiveCode(files, {
      version: this.archive.version,
      constants: (i) => table[i],
      constantCount: table.length,
      cleanup: (graph) => frontendCleanup(graph),
      fileName: (path) => `code/${path}`,
    });
  }

  classType(qualifiedName: string): ClassType | undefined {
    // The constant table is read before the importer exists: it holds no archive classes then.
    const type = this.importer?.loadType(qualifiedName);
    return type?.kind === 'ClassType' ? (type as ClassType) : undefined;
  }

  /** The archive's bytes on a SharedArrayBuffer (copied once, on the first async call). */
  get recipe(): UnitRecipe {
    if (this.#shared === undefined) {
      const shared = new Uint8Array(new SharedArrayBuffer(this.#bytes.byteLength));
      shared.set(this.#bytes);
      for (const s of this.separate?.values() ?? []) shared.set(s.bytes, s.offset);
      this.#shared = shared;
    }
    return { kind: 'archive', bytes: this.#shared };
  }
}

/** A constant-table entry for the compiler: tensors as tensor constants, other values by their type. */
function archiveConstant(value: unknown, entry: string): ArchiveConstant {
  if (value instanceof Tensor) return { type: TensorType.get(), value: tensorValue(value) };
  const ivalue = toIValue(value);
  if (ivalue === undefined) throw new ArchiveError('unsupported value in the constant table', entry);
  let type: JitType;
  try {
    type = typeOf(ivalue) as JitType;
  } catch (error) {
    // typeOf's InternalError is for the compiler's own constants; this value came from the archive
    // (an empty or mixed list, which PyTorch never writes into a constant table).
    if (!InternalError.isInstance(error)) throw error;
    throw new ArchiveError(`the constant's type cannot be told: ${(error as Error).message}`, entry, { cause: error });
  }
  return { type, value: ivalue };
}

function toIValue(value: unknown): IValue | undefined {
  if (value === null || typeof value === 'boolean' || typeof value === 'string') return value;
  if (typeof value === 'number' && Number.isInteger(value)) return { kind: 'int', value };
  if (typeof value === 'bigint') return { kind: 'int', value };
  if (typeof value === 'number') return { kind: 'float', value };
  if (value instanceof FloatScalar) return { kind: 'float', value: value.value };
  if (value instanceof Tensor) return tensorValue(value);
  if (Array.isArray(value)) {
    const items = value.map(toIValue);
    if (items.includes(undefined)) return undefined;
    return Object.isFrozen(value) ? { kind: 'tuple', items: Object.freeze(items as IValue[]) } : (items as IValue[]);
  }
  return undefined;
}
