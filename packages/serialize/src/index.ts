export { ZipError } from './errors/zip-error.js';
export * from './zip/index.js';
