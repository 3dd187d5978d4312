import { all } from '../aten/all.js';
import { amax } from '../aten/amax.js';
import { amin } from '../aten/amin.js';
import { aminmax } from '../aten/aminmax.js';
import { any } from '../aten/any.js';
import { argmax } from '../aten/argmax.js';
import { argmin } from '../aten/argmin.js';
import { argsort } from '../aten/argsort.js';
import { countNonzero } from '../aten/count-nonzero.js';
import { cummax } from '../aten/cummax.js';
import { cummaxminBackward } from '../aten/cummaxmin-backward.js';
import { cummin } from '../aten/cummin.js';
import { cumprod } from '../aten/cumprod.js';
import { cumsum } from '../aten/cumsum.js';
import { frobeniusNorm } from '../aten/frobenius-norm.js';
import { kthvalue } from '../aten/kthvalue.js';
import { linalgVectorNorm } from '../aten/linalg-vector-norm.js';
import { logcumsumexp } from '../aten/logcumsumexp.js';
import { logsumexp } from '../aten/logsumexp.js';
import { max } from '../aten/max.js';
import { mean } from '../aten/mean.js';
import { median } from '../aten/median.js';
import { min } from '../aten/min.js';
import { mode } from '../aten/mode.js';
import { msort } from '../aten/msort.js';
import { nanmean } from '../aten/nanmean.js';
import { nanmedian } from '../aten/nanmedian.js';
import { nansum } from '../aten/nansum.js';
import { norm } from '../aten/norm.js';
import { prod } from '../aten/prod.js';
import { sort } from '../aten/sort.js';
import { std } from '../aten/std.js';
import { stdMean } from '../aten/std-mean.js';
import { sum } from '../aten/sum.js';
import { topk } from '../aten/topk.js';
import { unique } from '../aten/unique.js';
import { uniqueConsecutive } from '../aten/unique-consecutive.js';
import { uniqueDim } from '../aten/unique-dim.js';
import { uniqueDimConsecutive } from '../aten/unique-dim-consecutive.js';
import { unique2 } from '../aten/unique2.js';
import { valueSelectingReductionBackward } from '../aten/value-selecting-reduction-backward.js';
import { variance } from '../aten/var.js';
import { varMean } from '../aten/var-mean.js';
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
  norm,
  linalgVectorNorm,
  variance,
  std,
  varMean,
  stdMean,
  cumsum,
  cumprod,
  logcumsumexp,
  cummax,
  cummin,
  cummaxminBackward,
  sort,
  argsort,
  msort,
  topk,
  kthvalue,
  median,
  nanmedian,
  valueSelectingReductionBackward,
  unique2,
  unique,
  uniqueDim,
  uniqueConsecutive,
  uniqueDimConsecutive,
  mode,
  nansum,
  nanmean,
  aminmax,
  frobeniusNorm,
];
