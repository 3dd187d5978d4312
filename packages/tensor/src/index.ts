// The random generator the random ops draw from (PyTorch's CPU generator, bit for bit).
export { defaultGenerator, Generator, initialSeed, manualSeed } from '@tsjit/ops';
export {
  type AutogradEngine,
  autogradEngine,
  type BackwardOptions,
  getAutogradEngine,
  type RemovableHandle,
  setAutogradEngine,
  type TensorHook,
} from './autograd-slot.js';
export { callOp, OpGroup, opGroup, opGroups } from './call-op.js';
export { activeModes, type DispatchMode, dispatch, pushMode, withMode } from './dispatcher.js';
export { eagerContext } from './eager-context.js';
export { NpyError } from './errors/npy-error.js';
export { DEFAULT_PRINT_OPTIONS, type FormatTensorInput, formatTensor, type PrintOptions } from './format.js';
export { formatPythonFloat } from './format-python-float.js';
export type { OpFunctions, TensorOpMethods } from './generated/op-types.js';
export { type NpyArray, type ParseNpyOptions, parseNpy, serializeNpy } from './npy.js';
export { fromNpy, toNpy } from './npy-tensor.js';
export { getPrintOptions, setPrintOptions } from './print-options.js';
export { opRegistry } from './registry.js';
export { Storage } from './storage.js';
export { Tensor } from './tensor.js';
export { installTensorMethods } from './tensor-methods.js';
export { torchOps } from './torch-ops.js';
export {
  type Element,
  fromArray,
  type NestedArray,
  readValues,
  type TensorOptions,
  type TypedArray,
  tensor,
  toNested,
  writeValues,
} from './values.js';
