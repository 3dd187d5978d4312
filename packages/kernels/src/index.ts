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
export { type UnaryOp, type UnaryOptions, UNARY_OPS, unary, unaryOutputDtype } from './unary.js';
export { type BinaryOp, type BinaryOptions, BINARY_OPS, binary, binaryOutputDtype } from './binary.js';
export { addcdiv, addcmul, clamp, lerp, where } from './ternary.js';
