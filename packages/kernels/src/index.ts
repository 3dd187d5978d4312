export { BINARY_OPS, type BinaryOp, type BinaryOptions, binary, binaryOutputDtype } from './binary.js';
export {
  type ConvOptions,
  type ConvTransposeOptions,
  conv,
  convOutputSizes,
  convTranspose,
  convTransposeOutputSizes,
} from './conv.js';
export { copy, fill } from './copy.js';
export { type DType, dtypeCode, dtypes, isFloating, isIntegral, itemSize } from './dtype.js';
export { addmm, baddbmm, bmm, fmaPeak, type GemmScalars, gemm, mm } from './gemm.js';
export {
  cat,
  type EmbeddingBagOptions,
  embedding,
  embeddingBag,
  flip,
  gather,
  indexAdd,
  indexCopy,
  indexFill,
  indexGet,
  indexPut,
  indexSelect,
  maskedFill,
  maskedScatter,
  maskedSelect,
  maskedSelectCount,
  nonzero,
  nonzeroCount,
  oneHot,
  repeatInterleave,
  repeatInterleaveSize,
  roll,
  scatter,
  scatterAdd,
  stack,
  take,
  tril,
  triu,
} from './indexing.js';
export { KernelError, type KernelErrorCode } from './kernel-error.js';
export {
  type AvgPoolOptions,
  adaptiveAvgPool,
  adaptiveMaxPool,
  avgPool,
  avgPoolOutputSizes,
  type MaxPoolOptions,
  maxPool,
  maxPoolOutputSizes,
  type PoolDims,
} from './pool.js';
export {
  all,
  amax,
  amin,
  any,
  argmax,
  argmin,
  countNonzero,
  type Dims,
  logsumexp,
  max,
  mean,
  min,
  norm,
  prod,
  std,
  sum,
  variance,
} from './reduce.js';
export { type RnnCellKind, rnnCell } from './rnn.js';
export {
  availableKernelPaths,
  detectedKernelPath,
  getKernelPath,
  getNumThreads,
  type KernelPath,
  keepFreedMemory,
  mapFile,
  setKernelPath,
  setNumThreads,
} from './runtime.js';
export { cummax, cummin, cumprod, cumsum, logcumsumexp } from './scan.js';
export { layerNorm, logSoftmax, softmax } from './softmax.js';
export { argsort, kthvalue, median, sort, topk } from './sort.js';
export { broadcastShapes, MAX_DIMS, numel, type Strided } from './strided.js';
export { addcdiv, addcmul, clamp, lerp, where } from './ternary.js';
export { UNARY_OPS, type UnaryOp, type UnaryOptions, unary, unaryOutputDtype } from './unary.js';
export { type UpsampleMode, type UpsampleOptions, upsample2d, upsampleOutputSizes } from './upsample.js';
