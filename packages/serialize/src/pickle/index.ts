export { getDictAttributes, isOrderedDict, setDictAttributes } from './dict-attributes.js';
export { getMemoHint, setMemoHint } from './memo-hints.js';
export { type PickleContext, Pickler, type PicklerOptions } from './pickler.js';
export { type ScalarTypeInfo, type ScalarTypeName, scalarTypeOfDType, storageScalarTypes } from './storage-types.js';
export { getTypeTag, setTypeTag } from './type-tags.js';
export {
  type ClassHandle,
  defaultUnpickleBudget,
  type UnpickleBudget,
  type UnpickleOptions,
  unpickle,
} from './unpickler.js';
export {
  PickleComplex,
  PickleDevice,
  PickleEnum,
  PickleGlobal,
  PickleObject,
  PickleQScheme,
  type PickleQuantization,
  PickleStorageRef,
  PickleTensorRef,
  type PickleValue,
} from './value-model.js';
