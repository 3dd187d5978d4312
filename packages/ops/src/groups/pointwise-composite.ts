/** Checks shared by the pointwise ops that are compositions of other ops (logaddexp, sinc, logit). */
import { type DType, isFloatingDtype, resultType } from '../core/dtypes.js';
import type { TensorLike } from '../core/tensor-like.js';
import { notImplemented } from './pointwise.js';

/** The promoted dtype of a floating-only binary op (no integer promotion, no float16 kernel). */
export function floatBinaryDtype(self: TensorLike, other: TensorLike, kernelName: string): DType {
  const dtype = resultType([self, other]);
  if (!isFloatingDtype(dtype) || dtype === 'float16') throw notImplemented(kernelName, dtype);
  return dtype;
}

/** The dtype of a unary op that promotes integers to float32 and has no float16 kernel. */
export function floatUnaryDtype(self: TensorLike, kernelName: string): DType {
  if (self.dtype === 'float16') throw notImplemented(kernelName, self.dtype);
  return isFloatingDtype(self.dtype) ? self.dtype : 'float32';
}
