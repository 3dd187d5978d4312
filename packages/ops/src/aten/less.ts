import { defineOp } from '../core/define-op.js';
import { binaryMathImpl, binaryMathMeta } from '../groups/pointwise.js';
import { binaryFamilySamples } from '../groups/pointwise-samples.js';

const rules = { boolResult: true };

export const less = defineOp({
  schemas: [
    'aten::less.Tensor(Tensor self, Tensor other) -> Tensor',
    'aten::less.Scalar(Tensor self, Scalar other) -> Tensor',
    'aten::less.Scalar_out(Tensor self, Scalar other, *, Tensor(a!) out) -> Tensor(a!)',
    'aten::less.Tensor_out(Tensor self, Tensor other, *, Tensor(a!) out) -> Tensor(a!)',
    'aten::less_.Scalar(Tensor(a!) self, Scalar other) -> Tensor(a!)',
    'aten::less_.Tensor(Tensor(a!) self, Tensor other) -> Tensor(a!)',
  ],
  impl: binaryMathImpl('lt', rules),
  meta: binaryMathMeta('lt', rules),
  nondifferentiable: 'comparison',
  samples: (S) => [
    ...binaryFamilySamples(S, {
      tensor: 'less.Tensor',
      scalar: 'less.Scalar',
      inplace: 'less_.Tensor',
      inplaceScalar: 'less_.Scalar',
      out: 'less.Tensor_out',
      scalarOut: 'less.Scalar_out',
      dtypes: ['float64', 'float16', 'bfloat16', 'int64', 'int32', 'uint8', 'bool'],
      floatResult: false,
    }),
    S.call('less.Tensor', [S.of([1, 2, 3, Number.NaN]), S.of([1, 3, 2, Number.NaN])]),
    S.call('less.Scalar', [S.ints([2, 3]), S.float(1.5)]),
    S.call('less.Tensor', [S.bools([2, 3]), S.bools([3])]),
    S.call('less_.Tensor', [S.ints([2, 3]), S.randn([3])]),
  ],
});
