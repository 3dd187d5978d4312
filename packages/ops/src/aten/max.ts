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

export const max = defineOp({
  schemas: [
    'aten::max.other(Tensor self, Tensor other) -> Tensor',
    'aten::max(Tensor self) -> Tensor',
    'aten::max.dim(Tensor self, int dim, bool keepdim=False) -> (Tensor values, Tensor indices)',
    'aten::max.dim_max(Tensor self, int dim, bool keepdim=False, *, Tensor(a!) max, Tensor(b!) max_values) -> (Tensor(a!) values, Tensor(b!) indices)',
    'aten::max.out(Tensor self, Tensor other, *, Tensor(a!) out) -> Tensor(a!)',
  ],
  impl: {
    other: extremeOther('maximum'),
    '': extremeAll('max'),
    dim: extremeDim('max'),
    'max.dim_max': outImpl(extremeDim('max'), ['max', 'max_values'], strictDtype),
  },
  meta: { other: binaryMeta(), '': extremeAllMeta, dim: extremeDimMeta },
  derivative: { other: maximumDerivative(true), '': extremeDimDerivative.all, dim: extremeDimDerivative.dim },
  samples: (S) => extremeSamples(S, 'max', ['max', 'max_values']),
});
