import { dim } from '../aten/dim.js';
import { elementSize } from '../aten/element-size.js';
import { isComplex } from '../aten/is-complex.js';
import { isContiguous } from '../aten/is-contiguous.js';
import { isFloatingPoint } from '../aten/is-floating-point.js';
import { isNonzero } from '../aten/is-nonzero.js';
import { item } from '../aten/item.js';
import { len } from '../aten/len.js';
import { numel } from '../aten/numel.js';
import { size } from '../aten/size.js';
import { stride } from '../aten/stride.js';
import type { Op } from '../core/define-op.js';

/** Ops that read a tensor's metadata or single value: sizes, strides, dims, dtype predicates, item. */
export const queriesOps: readonly Op[] = [
  size,
  stride,
  dim,
  numel,
  len,
  isFloatingPoint,
  isComplex,
  isContiguous,
  elementSize,
  item,
  isNonzero,
];
