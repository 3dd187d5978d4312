import { argwhere } from '../aten/argwhere.js';
import { copy } from '../aten/copy.js';
import { fill } from '../aten/fill.js';
import { gather } from '../aten/gather.js';
import { index } from '../aten/index.js';
import { indexAdd } from '../aten/index-add.js';
import { indexCopy } from '../aten/index-copy.js';
import { indexFill } from '../aten/index-fill.js';
import { indexPut } from '../aten/index-put.js';
import { indexPutImpl } from '../aten/index-put-impl.js';
import { indexSelect } from '../aten/index-select.js';
import { maskedFill } from '../aten/masked-fill.js';
import { maskedScatter } from '../aten/masked-scatter.js';
import { maskedSelect } from '../aten/masked-select.js';
import { nonzero } from '../aten/nonzero.js';
import { nonzeroNumpy } from '../aten/nonzero-numpy.js';
import { repeatInterleave } from '../aten/repeat-interleave.js';
import { scatter } from '../aten/scatter.js';
import { scatterAdd } from '../aten/scatter-add.js';
import { scatterReduce } from '../aten/scatter-reduce.js';
import { take } from '../aten/take.js';
import { takeAlongDim } from '../aten/take-along-dim.js';
import { to } from '../aten/to.js';
import { toCopy } from '../aten/to-copy.js';
import { typeAs } from '../aten/type-as.js';
import { zero } from '../aten/zero.js';
import type { Op } from '../core/define-op.js';

/** The indexing ops (see src/op-list.ts). */
export const indexingOps: readonly Op[] = [
  index,
  indexPut,
  indexPutImpl,
  maskedFill,
  maskedSelect,
  maskedScatter,
  gather,
  scatter,
  scatterAdd,
  scatterReduce,
  indexSelect,
  indexAdd,
  indexCopy,
  indexFill,
  take,
  takeAlongDim,
  nonzero,
  nonzeroNumpy,
  argwhere,
  repeatInterleave,
  copy,
  fill,
  zero,
  to,
  typeAs,
  toCopy,
];
