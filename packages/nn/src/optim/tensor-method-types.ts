/**
 * Tensor's op methods, typed for the optimizers. @tsjit/tensor adds them with an augmentation of its own
 * './tensor.js' module, which its bundled declaration file loses (the path does not exist there). The Module
 * helper's src/module/tensor-method-types.ts declares the same; the two merge, and both can go once
 * @tsjit/tensor's declaration file keeps its augmentation.
 */
import type { Element, NestedArray, TensorOpMethods } from '@tsjit/tensor';

declare module '@tsjit/tensor' {
  interface Tensor extends TensorOpMethods {
    item(): number | boolean;
    toArray(): NestedArray;
    tolist(): NestedArray;
    toFlatArray(): Element[];
  }
}
