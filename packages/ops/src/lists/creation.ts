import { arange } from '../aten/arange.js';
import { asTensor } from '../aten/as-tensor.js';
import { empty } from '../aten/empty.js';
import { emptyLike } from '../aten/empty-like.js';
import { eye } from '../aten/eye.js';
import { full } from '../aten/full.js';
import { fullLike } from '../aten/full-like.js';
import { linspace } from '../aten/linspace.js';
import { logspace } from '../aten/logspace.js';
import { newEmpty } from '../aten/new-empty.js';
import { newFull } from '../aten/new-full.js';
import { newOnes } from '../aten/new-ones.js';
import { newZeros } from '../aten/new-zeros.js';
import { ones } from '../aten/ones.js';
import { onesLike } from '../aten/ones-like.js';
import { scalarTensor } from '../aten/scalar-tensor.js';
import { tensor } from '../aten/tensor.js';
import { zeros } from '../aten/zeros.js';
import { zerosLike } from '../aten/zeros-like.js';
import type { Op } from '../core/define-op.js';

/** The creation ops (see src/op-list.ts). */
export const creationOps: readonly Op[] = [
  zeros,
  ones,
  full,
  empty,
  zerosLike,
  onesLike,
  fullLike,
  emptyLike,
  newZeros,
  newOnes,
  newFull,
  newEmpty,
  scalarTensor,
  arange,
  linspace,
  logspace,
  eye,
  tensor,
  asTensor,
];
