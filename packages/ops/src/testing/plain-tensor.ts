import { type DType, itemSize } from '@tsjit/kernels';
import { checkNewSizes, contiguousStrides, numel } from '../core/helpers.js';
import type { OpRegistry } from '../core/registry.js';
import { directFunctions } from '../core/resolve.js';
import type { OpContext, TensorLike } from '../core/tensor-like.js';

/**
 * The smallest tensor that ops accept: what the op tests (and the golden harness) run on, so that
 * @tsjit/ops is tested without @tsjit/tensor above it.
 */
export class PlainTensor implements TensorLike {
  data: Uint8Array;
  dtype: DType;
  sizes: number[];
  strides: number[];
  offset: number;
  version = 0;

  constructor(data: Uint8Array, dtype: DType, sizes: readonly number[], strides: readonly number[], offset: number) {
    this.data = data;
    this.dtype = dtype;
    this.sizes = [...sizes];
    this.strides = [...strides];
    this.offset = offset;
  }

  static zeros(sizes: readonly number[], dtype: DType): PlainTensor {
    checkNewSizes(sizes);
    const bytes = new Uint8Array(numel(sizes) * itemSize[dtype]);
    return new PlainTensor(bytes, dtype, sizes, contiguousStrides(sizes), 0);
  }
}

/** An OpContext over PlainTensor that calls impls directly. */
export function plainContext(registry: OpRegistry): OpContext {
  const ctx: OpContext = {
    empty: (sizes, dtype) => PlainTensor.zeros(sizes, dtype),
    // Filled with a NaN-ish byte pattern, so that an op relying on zeros here fails its goldens.
    uninitialized: (sizes, dtype) => {
      const t = PlainTensor.zeros(sizes, dtype);
      t.data.fill(0xa5);
      return t;
    },
    view: (base, sizes, strides, offset) => new PlainTensor(base.data, base.dtype, sizes, strides, offset),
    isTensor: (v): v is TensorLike => v instanceof PlainTensor,
    bumpVersion: (t) => {
      (t as PlainTensor).version++;
    },
    resize: (t, sizes) => {
      const p = t as PlainTensor;
      const fresh = PlainTensor.zeros(sizes, p.dtype);
      p.data = fresh.data;
      p.sizes = fresh.sizes;
      p.strides = fresh.strides;
      p.offset = 0;
    },
    F: {},
  };
  (ctx as { F: OpContext['F'] }).F = directFunctions(registry.allOverloads, () => ctx);
  return ctx;
}
