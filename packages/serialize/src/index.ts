export { PickleError } from './errors/pickle-error.js';
export { ZipError } from './errors/zip-error.js';
export * from './pickle/index.js';
export * from './zip/index.js';
