export { ARCHIVE_VERSIONS, TorchScriptArchive } from './archive/torchscript-archive.js';
export { ArchiveError } from './errors/archive-error.js';
export { PickleError } from './errors/pickle-error.js';
export { ZipError } from './errors/zip-error.js';
export * from './pickle/index.js';
export * from './torch-save/index.js';
export * from './zip/index.js';
