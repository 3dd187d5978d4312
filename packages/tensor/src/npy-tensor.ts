import { helpers } from '@tsjit/ops';
import { eagerContext } from './eager-context.js';
import { type ParseNpyOptions, parseNpy, serializeNpy } from './npy.js';
import { Storage } from './storage.js';
import { Tensor } from './tensor.js';

/** A tensor from the bytes of a `.npy` file (validated: see parseNpy). */
export function fromNpy(bytes: Uint8Array, options?: ParseNpyOptions): Tensor {
  const a = parseNpy(bytes, options);
  return new Tensor(new Storage(a.data), a.dtype, a.sizes, helpers.contiguousStrides(a.sizes), 0);
}

/** The bytes of a `.npy` file holding the tensor's values (C order). */
export function toNpy(t: Tensor): Uint8Array {
  const c = helpers.contiguous(eagerContext, t) as Tensor;
  const size = c.elementSize();
  const bytes = c.data.subarray(c.offset * size, (c.offset + c.numel()) * size);
  return serializeNpy({ dtype: c.dtype, sizes: [...c.sizes], data: bytes });
}
