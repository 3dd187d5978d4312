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
export { copy, fill } from './copy.js';
export {
  cat,
  countNonzero,
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
