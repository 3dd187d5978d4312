/**
 * Tensor's op methods, typed for @tsjit/nn and its users. @tsjit/tensor adds them with an
 * augmentation of its own './tensor.js' module, which its bundled declaration file loses (the
 * path no longer exists there), so downstream `x.add(y)` would not typecheck without this.
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
