/** The size functions of PyTorch's shape analysis that TorchScript graphs may call as prims. */
import type { ImplFn } from '../core/define-op.js';
import { normalizeDim } from '../core/helpers.js';
import { intNum } from './py-values.js';

export const unsqueezeSizes: ImplFn = ({ a, dim }) => {
  const sizes = [...(a as number[])];
  sizes.splice(normalizeDim(intNum(dim), sizes.length + 1), 0, 1);
  return sizes;
};

export const squeezeSizesDim: ImplFn = ({ a, dim }) => {
  const sizes = [...(a as number[])];
  if (sizes.length === 0) return sizes;
  const d = normalizeDim(intNum(dim), sizes.length);
  if (sizes[d] === 1) sizes.splice(d, 1);
  return sizes;
};

export const squeezeSizes: ImplFn = ({ a }) => (a as number[]).filter((n) => n !== 1);
