export {
  type ForwardHook,
  type ForwardPreHook,
  type IncompatibleKeys,
  type LoadStateDictOptions,
  Module,
  type StateDict,
  type StateDictOptions,
} from './module.js';
export { Parameter } from './parameter.js';
export { reprFloat, reprValue } from './python-repr.js';
export { RemovableHandle } from './removable-handle.js';
export { tensorData } from './tensor-data.js';
export {
  type TorchScriptDefinition,
  type TorchScriptSourceOptions,
  torchScriptOf,
} from './torchscript-definition.js';
