import { add } from '../aten/add.js';
import { mul } from '../aten/mul.js';
import { relu } from '../aten/relu.js';
import type { Op } from '../core/define-op.js';

/** Pointwise unary and binary math, comparisons, logical and bitwise ops, where/clamp/lerp/pow. */
export const pointwiseOps: readonly Op[] = [add, mul, relu];
