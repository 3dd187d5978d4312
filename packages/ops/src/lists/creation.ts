import { alphaDropout } from '../aten/alpha-dropout.js';
import { arange } from '../aten/arange.js';
import { asTensor } from '../aten/as-tensor.js';
import { bernoulli } from '../aten/bernoulli.js';
import { dropout } from '../aten/dropout.js';
import { empty } from '../aten/empty.js';
import { emptyLike } from '../aten/empty-like.js';
import { exponential_ } from '../aten/exponential.js';
import { eye } from '../aten/eye.js';
import { featureAlphaDropout } from '../aten/feature-alpha-dropout.js';
import { featureDropout } from '../aten/feature-dropout.js';
import { full } from '../aten/full.js';
import { fullLike } from '../aten/full-like.js';
import { linspace } from '../aten/linspace.js';
import { logspace } from '../aten/logspace.js';
import { multinomial } from '../aten/multinomial.js';
import { nativeDropout, nativeDropoutBackward } from '../aten/native-dropout.js';
import { newEmpty } from '../aten/new-empty.js';
import { newFull } from '../aten/new-full.js';
import { newOnes } from '../aten/new-ones.js';
import { newZeros } from '../aten/new-zeros.js';
import { normal } from '../aten/normal.js';
import { ones } from '../aten/ones.js';
import { onesLike } from '../aten/ones-like.js';
import { rand } from '../aten/rand.js';
import { randLike } from '../aten/rand-like.js';
import { randint } from '../aten/randint.js';
import { randintLike } from '../aten/randint-like.js';
import { randn } from '../aten/randn.js';
import { randnLike } from '../aten/randn-like.js';
import { randperm } from '../aten/randperm.js';
import { scalarTensor } from '../aten/scalar-tensor.js';
import { tensor } from '../aten/tensor.js';
import { uniform_ } from '../aten/uniform.js';
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
  rand,
  randn,
  randint,
  randperm,
  randLike,
  randnLike,
  randintLike,
  normal,
  uniform_,
  exponential_,
  bernoulli,
  dropout,
  featureDropout,
  alphaDropout,
  featureAlphaDropout,
  nativeDropout,
  nativeDropoutBackward,
  multinomial,
];
