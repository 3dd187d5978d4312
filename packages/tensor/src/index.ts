export { NpyError } from './errors/npy-error.js';
export { type NpyArray, type ParseNpyOptions, parseNpy, serializeNpy } from './npy.js';
