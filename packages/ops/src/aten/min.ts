import { defineOp } from '../core/define-op.js';
import { binaryMeta } from '../groups/binary.js';
import {
  extremeAll,
  extremeAllMeta,
  extremeDim,
  extremeDimDerivative,
  extremeDimMeta,
  extremeOther,
  extremeSamples,
  maximumDerivative,
} from '../groups/extreme.js';
import { outImpl, strictDtype } from '../groups/outs.js';

export const min = defineOp({
  schemas: [
    'aten::min.other(Tensor self, Tensor other) -> Tensor',
    'aten::min(Tensor self) -> Tensor',
    'aten::min.dim(Tensor self, int dim, bool keepdim=False) -> (Tensor values, Tensor indices)',
    'aten::min.dim_min(Tensor self, int dim, bool keepdim=False, *, Tensor(a!) min, Tensor(b!) min_indices) -> (Tensor(a!) values, Tensor(b!) indices)',
    'aten::min.out(Tensor self, Tensor other, *, Tensor(a!) out) -> Tensor(a!)',
  ],
  impl: {
    other: extremeOther('minimum'),
    '': extremeAll('min'),
    dim: extremeDim('min'),
    'min.dim_min': outImpl(extremeDim('min'), ['min', 'min_indices'], strictDtype),
  },
  meta: { other: binaryMeta(), '': extremeAllMeta, dim: extremeDimMeta },
  derivative: { other: maximumDerivative(false), '': extremeDimDerivative.all, dim: extremeDimDerivative.dim },
  samples: (S) => extremeSamples(S, 'min', ['min', 'min_indices']),
});
