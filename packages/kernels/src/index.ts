export { copy, fill } from './copy.js';
export { type DType, dtypeCode, dtypes, isFloating, isIntegral, itemSize } from './dtype.js';
export { KernelError, type KernelErrorCode } from './kernel-error.js';
export {
  availableKernelPaths,
  detectedKernelPath,
  getKernelPath,
  getNumThreads,
  type KernelPath,
  setKernelPath,
  setNumThreads,
} from './runtime.js';
export { broadcastShapes, MAX_DIMS, numel, type Strided } from './strided.js';
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
export { layerNorm, logSoftmax, softmax } from './softmax.js';
export { cummax, cummin, cumprod, cumsum, logcumsumexp } from './scan.js';
export { argsort, kthvalue, median, sort, topk } from './sort.js';
export { addmm, baddbmm, bmm, fmaPeak, gemm, type GemmScalars, mm } from './gemm.js';
export { conv, type ConvOptions, convOutputSizes, convTranspose, type ConvTransposeOptions, convTransposeOutputSizes } from './conv.js';
export {
  cat,
  embedding,
  embeddingBag,
  type EmbeddingBagOptions,
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
export {
  adaptiveAvgPool,
  adaptiveMaxPool,
  avgPool,
  type AvgPoolOptions,
  avgPoolOutputSizes,
  maxPool,
  type MaxPoolOptions,
  maxPoolOutputSizes,
  type PoolDims,
} from './pool.js';
export { upsample2d, type UpsampleMode, type UpsampleOptions, upsampleOutputSizes } from './upsample.js';
export { type UnaryOp, type UnaryOptions, UNARY_OPS, unary, unaryOutputDtype } from './unary.js';
export { type BinaryOp, type BinaryOptions, BINARY_OPS, binary, binaryOutputDtype } from './binary.js';
export { addcdiv, addcmul, clamp, lerp, where } from './ternary.js';
