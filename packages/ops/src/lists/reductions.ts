import { all } from '../aten/all.js';
import { amax } from '../aten/amax.js';
import { amin } from '../aten/amin.js';
import { any } from '../aten/any.js';
import { argmax } from '../aten/argmax.js';
import { argmin } from '../aten/argmin.js';
import { countNonzero } from '../aten/count-nonzero.js';
import { logsumexp } from '../aten/logsumexp.js';
import { max } from '../aten/max.js';
import { mean } from '../aten/mean.js';
import { min } from '../aten/min.js';
import { prod } from '../aten/prod.js';
import { sum } from '../aten/sum.js';
import type { Op } from '../core/define-op.js';

/** The reductions ops (see src/op-list.ts). */
export const reductionsOps: readonly Op[] = [
  sum,
  mean,
  prod,
  amax,
  amin,
  max,
  min,
  argmax,
  argmin,
  any,
  all,
  countNonzero,
  logsumexp,
];
