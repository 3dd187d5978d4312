import { defineOp } from '../core/define-op.js';
import { numToTensor } from '../groups/py-convert.js';

/** A number as a 0-d tensor (int64 for ints and bools, float64 for floats). */
export const NumToTensor = defineOp({
  schemas: ['prim::NumToTensor.Scalar(Scalar a) -> Tensor', 'prim::NumToTensor.bool(bool a) -> Tensor'],
  impl: { Scalar: numToTensor, bool: numToTensor },
  nondifferentiable: 'makes a tensor from a Python number',
  samples: (S) => [
    S.call('prim::NumToTensor.Scalar', [3]),
    S.call('prim::NumToTensor.Scalar', [2.5]),
    S.call('prim::NumToTensor.Scalar', [S.float(2)]),
    S.call('prim::NumToTensor.bool', [true]),
  ],
});
