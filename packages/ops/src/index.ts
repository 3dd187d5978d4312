export {
  camel,
  type DerivativeContext,
  type DerivativeRule,
  defineOp,
  type ImplFn,
  type MetaFn,
  type MetaResult,
  Op,
  type OpDefinition,
  Overload,
} from './core/define-op.js';
export {
  canCast,
  cppDtypeName,
  DEFAULT_FLOAT,
  type DType,
  dtypeFromCode,
  dtypeToCode,
  isFloatingDtype,
  isIntegralDtype,
  isScalar,
  promoteTypes,
  resultType,
  scalarDtype,
  scalarToNumber,
  toDtype,
  torchDtypeName,
} from './core/dtypes.js';
export { writeElements } from './core/elements.js';
export { addFunctionHelpers } from './core/function-helpers.js';
export {
  DEFAULT_SEED,
  defaultGenerator,
  Generator,
  type GeneratorState,
  generatorOf,
  initialSeed,
  manualSeed,
} from './core/generator.js';
export { bfloat16ToFloat, floatToBfloat16, floatToHalf, halfToFloat } from './core/half.js';
export * as helpers from './core/helpers.js';
export { check, OpError, type PyErrorType } from './core/op-error.js';
export { OpRegistry } from './core/registry.js';
export {
  directFunctions,
  groupByName,
  matchesType,
  resolveOverload,
  resolveVarargs,
  splitOptions,
} from './core/resolve.js';
export {
  encodeNumber,
  encodeSampleValue,
  type Layout,
  type Sample,
  SampleBuilder,
  type SampleFn,
  type SampleTensor,
  type SampleValue,
  type TensorOptions,
} from './core/samples.js';
export {
  FloatScalar,
  type Functions,
  type OpArgs,
  type OpContext,
  type OpValue,
  type Scalar,
  type TensorLike,
} from './core/tensor-like.js';
export { type DeclaredSchema, declaredSchemas } from './declared-schemas.js';
export {
  dictKey,
  isTuple,
  ivalueString,
  keyOut,
  PyDevice,
  parseDevice,
  tuple,
  typeName,
  UNINITIALIZED,
} from './groups/py-values.js';
export { rnnFastPath } from './groups/rnn-fast.js';
export { ScriptException } from './groups/script-exception.js';
export { applySubscript, assignSubscript, type SubscriptItem } from './groups/subscript.js';
export { allOps } from './op-list.js';
export {
  chooseQuantizationParams,
  dequantizeWith,
  type QuantizationParams,
  quantizeWith,
} from './quantized/affine-quantization.js';
export { applyDynamic } from './quantized/apply-dynamic.js';
export {
  CELL_PARAMS_CLASS,
  CellParamsBase,
  type CellParamsState,
  cellParamsFromState,
  isCellParams,
  makeDynamicCellParams,
} from './quantized/cell-params.js';
export {
  isLinearPackedParams,
  LINEAR_PACKED_PARAMS_CLASS,
  LinearPackedParamsBase,
  linearPackedParamsFromState,
  prepackLinear,
} from './quantized/linear-packed-params.js';
export {
  attachQuantizer,
  isQuantized,
  type PerChannelAffineQuantizer,
  type PerTensorAffineQuantizer,
  QSCHEMES,
  type QSchemeName,
  type QuantizedDtype,
  type Quantizer,
  quantizedDtypeCode,
  quantizedDtypeOf,
  quantizerOf,
  storageDtypeOf,
  toQuantizedDtype,
} from './quantized/quantizer.js';
export { quantizedStorageDtype, rebuildQuantizedTensor } from './quantized/rebuild-quantized-tensor.js';
export { type CompareOptions, compareWithGolden } from './testing/compare.js';
export { materialize, tensorFromValues, tensorValues } from './testing/materialize.js';
export { PlainTensor, plainContext } from './testing/plain-tensor.js';
