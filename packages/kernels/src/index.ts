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
