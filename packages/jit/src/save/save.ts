import { writeFileSync } from 'node:fs';
import { basename } from 'node:path';
import { FrontendError, type CompilationUnit as FrontendUnit } from '@tsjit/frontend';
import type { ScriptObject } from '@tsjit/interpreter';
import { type IValue, type JitType, namedTypeName } from '@tsjit/ir';
import { FloatScalar } from '@tsjit/ops';
import { type TorchScriptArchive, ZipWriter } from '@tsjit/serialize';
import { ArchiveUnit } from '../load/archive-unit.js';
import type { ObjectHost, ScriptModule } from '../script-module.js';
import { ArchiveCode, archiveTypeName } from './archive-code.js';
import { ModulePickler } from './module-pickler.js';

export interface SaveOptions {
  /** Files to store under `extra/` (PyTorch's `_extra_files`): name → text or bytes. */
  readonly extraFiles?: ReadonlyMap<string, string | Uint8Array>;
  /**
   * The folder every record sits in. PyTorch names it after the file (`model.pt` → `model`) and
   * calls it `archive` when writing to a buffer; so does this by default.
   */
  readonly archiveName?: string;
}

/** PyTorch compresses code files and their debug records only above this size (kMinToCompress). */
const MIN_TO_COMPRESS = 200;
const utf8 = new TextEncoder();

/**
 * Writes a module as PyTorch 1.13's `torch.jit.save` does: `extra/` files, the storages
 * (`data/<i>`) and `data.pkl` (the module's object tree), `code/` (each class printed from its
 * graphs, one file per qualifier), the constant table's storages and `constants.pkl`, then
 * `version` (the oldest version the printed operators allow, at least 3); records 64-byte aligned.
 * PyTorch loads the result; a loaded module saved again gives the archive it was read from,
 * byte for byte when PyTorch wrote it (code files the printer reproduces, or all of them while the
 * module's code is still the archive's, keep their compressed bytes and `.debug_pkl` records; new
 * or changed code files are written without `.debug_pkl`).
 *
 * Returns the archive when no path is given; writes it to `path` otherwise.
 */
export function save(module: ScriptModule, path?: undefined, options?: SaveOptions): Uint8Array;
export function save(module: ScriptModule, path: string, options?: SaveOptions): void;
export function save(module: ScriptModule, path?: string, options: SaveOptions = {}): Uint8Array | undefined {
  const bytes = saveToBytes(module, {
    ...options,
    archiveName: options.archiveName ?? (path === undefined ? 'archive' : archiveNameOf(path)),
  });
  if (path === undefined) return bytes;
  writeFileSync(path, bytes);
  return undefined;
}

/** PyTorchStreamWriter's archive name: the file's name without its directory and extension. */
function archiveNameOf(path: string): string {
  const name = basename(path);
  const dot = name.lastIndexOf('.');
  return dot > 0 ? name.slice(0, dot) : name;
}

function saveToBytes(module: ScriptModule, options: SaveOptions & { archiveName: string }): Uint8Array {
  const host = module.host;
  const source = host.unit instanceof ArchiveUnit ? host.unit.archive : undefined;
  return writeModuleArchive(module.object, host, host.runtime.unit, source, options);
}

/**
 * The archive of a module object whose classes' methods `codeUnit` holds (the freezer passes a
 * unit that knows the frozen class it made); `source` is the archive the module was loaded from.
 */
export function writeModuleArchive(
  object: ScriptObject,
  host: ObjectHost,
  codeUnit: FrontendUnit,
  source: TorchScriptArchive | undefined,
  options: SaveOptions & { archiveName: string },
): Uint8Array {
  const root = options.archiveName;
  const module = { object, host };
  const zip = new ZipWriter();
  const record = (name: string) => `${root}/${name}`;

  for (const [name, content] of options.extraFiles ?? []) {
    zip.writeRecord(record(`extra/${name}`), typeof content === 'string' ? utf8.encode(content) : content);
  }

  const dataPickler = new ModulePickler(host);
  const data = dataPickler.dump(module.object);
  data.storages.forEach((bytes, i) => {
    zip.writeRecord(record(`data/${i}`), bytes);
  });
  zip.writeRecord(record('data.pkl'), data.pickle);

  const code = printCode(new ArchiveCode(codeUnit), dataPickler, (name) => dataPickler.classType(name));
  code.convertTypes(module.object.type);
  const files = code.files();
  const constants = new ModulePickler(host).dump(Object.freeze(code.constants.map(pickleConstant)));
  const keepArchiveCode =
    source !== undefined &&
    host.unit instanceof ArchiveUnit &&
    isArchiveCode(host.unit, module, dataPickler, files, constants);
  for (const [path, text] of files) {
    writeCodeFile(zip, record(`code/${path}`), text, source, `code/${path}`, keepArchiveCode);
  }

  constants.storages.forEach((bytes, i) => {
    zip.writeRecord(record(`constants/${i}`), bytes);
  });
  zip.writeRecord(record('constants.pkl'), constants.pickle);
  // PyTorchStreamWriter moved the version record under .data/ from version 6 on.
  zip.writeRecord(record(code.version >= 6 ? '.data/version' : 'version'), utf8.encode(`${code.version}\n`));
  return zip.finish();
}

/**
 * A code file: when the module was loaded and its archive holds this very text, the record's
 * compressed bytes and its `.debug_pkl` are kept (PyTorch's miniz compresses differently from
 * zlib, and the debug record maps this text to its original source, which is unchanged). So
 * they are when the text printed differs but `keepArchiveCode` says the module's code is still
 * the archive's (see isArchiveCode).
 */
function writeCodeFile(
  zip: ZipWriter,
  name: string,
  text: string,
  source: TorchScriptArchive | undefined,
  inArchive: string,
  keepArchiveCode: boolean,
): void {
  const bytes = utf8.encode(text);
  const original = source?.has(inArchive) ? source.record(inArchive) : undefined;
  if (source !== undefined && original !== undefined && (keepArchiveCode || sameBytes(original, bytes))) {
    copyRecord(zip, name, source, inArchive);
    const debug = `${inArchive}.debug_pkl`;
    if (source.has(debug)) copyRecord(zip, `${name}.debug_pkl`, source, debug);
    return;
  }
  zip.writeRecord(name, bytes, { compress: bytes.length > MIN_TO_COMPRESS });
}

/** The types data.pkl names, printed in the order it names them (PyTorch's `memoizedClassTypes`). */
function printCode(
  code: ArchiveCode,
  dataPickler: ModulePickler,
  classType: (name: string) => JitType | undefined,
): ArchiveCode {
  for (const name of dataPickler.classNames) {
    const type = dataPickler.classType(name) === undefined ? undefined : classType(name);
    if (type !== undefined) code.convert(type);
    else code.convertCustomClass(name);
  }
  return code;
}

/**
 * Whether the code printed for a loaded module is the code of the archive it came from, so that
 * the archive's own code records can be written instead. They can differ while meaning the same:
 * PyTorch prints the graphs its script compiler made, and importing that text lowers tuples and
 * folds constants further (nn_rnn_tanh_h0's `output = (result)[0]` of a tuple just built), so
 * the print of the loaded graphs is not the text they were loaded from (PyTorch's own re-save
 * prints the same as this one). When the archive's code, imported afresh, prints the very files
 * and constant table printed now, the module's methods are the archive's, unchanged; and when the
 * constant table written is the archive's (the `CONSTANTS.c<i>` its text refers to), its text
 * says exactly what the printed text says. Only worked out when a printed file differs.
 */
function isArchiveCode(
  unit: ArchiveUnit,
  module: { readonly object: ScriptObject; readonly host: ObjectHost },
  dataPickler: ModulePickler,
  files: ReadonlyMap<string, string>,
  constants: { pickle: Uint8Array; storages: Uint8Array[] },
): boolean {
  const archive = unit.archive;
  // A file the archive does not have holds code from elsewhere (an object of another unit's class).
  if (![...files.keys()].every((path) => archive.has(`code/${path}`))) return false;
  if ([...files].every(([path, text]) => sameBytes(archive.record(`code/${path}`), utf8.encode(text)))) return false;
  if (!archive.has('constants.pkl') || !sameBytes(archive.record('constants.pkl'), constants.pickle)) return false;
  if (archive.has(`constants/${constants.storages.length}`)) return false;
  for (let i = 0; i < constants.storages.length; i++) {
    const name = `constants/${i}`;
    if (!archive.has(name) || !sameBytes(archive.record(name), constants.storages[i])) return false;
  }
  const rootName = namedTypeName(module.object.type);
  if (rootName === undefined) return false;
  let printed: Map<string, string>;
  let again: ArchiveCode;
  try {
    const fresh = unit.importCode();
    again = printCode(new ArchiveCode(fresh.unit), dataPickler, (name) => fresh.importer.loadType(name));
    again.convertTypes(fresh.importer.loadType(archiveTypeName(rootName)));
    printed = again.files();
  } catch (error) {
    // A class the archive's code does not declare: the module's code is not (only) the archive's.
    if (FrontendError.isInstance(error)) return false;
    throw error;
  }
  if (printed.size !== files.size) return false;
  for (const [path, text] of files) if (printed.get(path) !== text) return false;
  const againConstants = new ModulePickler(module.host).dump(Object.freeze(again.constants.map(pickleConstant)));
  return (
    sameBytes(againConstants.pickle, constants.pickle) &&
    againConstants.storages.length === constants.storages.length &&
    againConstants.storages.every((bytes, i) => sameBytes(bytes, constants.storages[i]))
  );
}

function copyRecord(zip: ZipWriter, name: string, source: TorchScriptArchive, inArchive: string): void {
  const full = source.entryName(inArchive);
  const entry = source.zip.entry(full);
  if (entry !== undefined && entry.method === 8) {
    zip.writeCompressedRecord(name, { data: source.zip.readRaw(full), size: entry.size, crc32: entry.crc32 });
  } else {
    zip.writeRecord(name, source.record(inArchive));
  }
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** A constant-table entry as the pickler takes it (tensors as themselves). */
function pickleConstant(value: IValue): unknown {
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map(pickleConstant);
  const v = value as unknown as { kind: string } & Record<string, unknown>;
  switch (v.kind) {
    case 'tensor':
      return v.tensor;
    case 'int':
      return v.value;
    case 'float':
      return Number.isInteger(v.value) ? new FloatScalar(v.value as number) : v.value;
    case 'tuple':
      return Object.freeze((v.items as IValue[]).map(pickleConstant));
    case 'device':
      return v;
    default:
      throw new TypeError(`cannot write a ${v.kind} constant`);
  }
}
