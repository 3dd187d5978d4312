/**
 * Tensor's op methods, typed for the frozen-graph folding passes. @tsjit/tensor adds them with an
 * augmentation of its own './tensor.js' module, which its bundled declaration file loses (as
 * packages/nn/src/optim/tensor-method-types.ts explains); this declares the same, for this package.
 */
import type { TensorOpMethods } from '@tsjit/tensor';

declare module '@tsjit/tensor' {
  interface Tensor extends TensorOpMethods {}
}
