export { NpyError } from './errors/npy-error.js';
export { DEFAULT_PRINT_OPTIONS, type FormatTensorInput, formatTensor, type PrintOptions } from './format.js';
export { formatPythonFloat } from './format-python-float.js';
export { type NpyArray, type ParseNpyOptions, parseNpy, serializeNpy } from './npy.js';
