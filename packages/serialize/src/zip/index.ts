export { archiveRoot } from './archive-root.js';
export { crc32 } from './crc32.js';
export { type ZipEntry, ZipReader, type ZipReaderOptions } from './zip-reader.js';
export { type CompressedRecord, type WriteRecordOptions, ZipWriter } from './zip-writer.js';
