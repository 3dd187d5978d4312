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
export { addmm, baddbmm, bmm, fmaPeak, gemm, type GemmScalars, mm } from './gemm.js';
export { conv, type ConvOptions, convOutputSizes, convTranspose, type ConvTransposeOptions, convTransposeOutputSizes } from './conv.js';
