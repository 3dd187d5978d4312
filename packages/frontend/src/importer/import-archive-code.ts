import { CompilationUnit, type CompilationUnitOptions } from '../compilation-unit.js';
import { FrontendError } from '../errors/frontend-error.js';
import { SourceImporter, type SourceImporterOptions } from './source-importer.js';

export interface ImportArchiveCodeOptions
  extends SourceImporterOptions,
    Pick<CompilationUnitOptions, 'registry' | 'cleanup'> {
  /** The unit to compile into (a new one by default, over `registry`). */
  readonly unit?: CompilationUnit;
}

/** The oldest and newest file format versions PyTorch 1.13 reads (caffe2::serialize's kMin/kMaxSupportedFileFormatVersion). */
export const SUPPORTED_FILE_FORMAT_VERSIONS = { min: 1, max: 10 } as const;

/**
 * Prepares the `code/` of a TorchScript archive for compilation: `files` maps each path under
 * `code/` (`__torch__/torch/nn/modules/linear.py`) to its text. Nothing is parsed yet: the
 * importer parses a file when a name it declares is first needed (`importer.loadType(name)`, as
 * the unpickler asks for classes, or `importer.importAll()`), and each function's graph is
 * emitted on first use (`fn.graph()`). `version` is the archive's `version` record; versions
 * PyTorch 1.13 cannot read are rejected here.
 */
export function importArchiveCode(
  files: ReadonlyMap<string, string>,
  options: ImportArchiveCodeOptions = {},
): { unit: CompilationUnit; importer: SourceImporter } {
  const { min, max } = SUPPORTED_FILE_FORMAT_VERSIONS;
  const version = options.version;
  if (version !== undefined && !(Number.isInteger(version) && version >= min && version <= max)) {
    const text = `${version}\n`;
    throw new FrontendError(
      text,
      'version',
      0,
      `Attempted to read a PyTorch file with version ${version}, but the supported versions for reading are ${min} to ${max}`,
    );
  }
  const unit =
    options.unit ?? new CompilationUnit({ registry: options.registry, cleanup: options.cleanup, file: 'code' });
  const importer = new SourceImporter(unit, files, unit.importerValues(), options);
  return { unit, importer };
}
