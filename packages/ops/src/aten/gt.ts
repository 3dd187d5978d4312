import { defineOp } from '../core/define-op.js';
import { binaryMathImpl, binaryMathMeta } from '../groups/pointwise.js';
import { binaryFamilySamples } from '../groups/pointwise-samples.js';

const rules = { boolResult: true };

export const gt = defineOp({
  schemas: [
    'aten::gt.Tensor(Tensor self, Tensor other) -> Tensor',
    'aten::gt.Scalar(Tensor self, Scalar other) -> Tensor',
    'aten::gt.Scalar_out(Tensor self, Scalar other, *, Tensor(a!) out) -> Tensor(a!)',
    'aten::gt.Tensor_out(Tensor self, Tensor other, *, Tensor(a!) out) -> Tensor(a!)',
    'aten::gt_.Scalar(Tensor(a!) self, Scalar other) -> Tensor(a!)',
    'aten::gt_.Tensor(Tensor(a!) self, Tensor other) -> Tensor(a!)',
  ],
  impl: binaryMathImpl('gt', rules),
  meta: binaryMathMeta('gt', rules),
  nondifferentiable: 'comparison',
  samples: (S) => [
    ...binaryFamilySamples(S, {
      tensor: 'gt.Tensor',
      scalar: 'gt.Scalar',
      inplace: 'gt_.Tensor',
      inplaceScalar: 'gt_.Scalar',
      out: 'gt.Tensor_out',
      scalarOut: 'gt.Scalar_out',
      dtypes: ['float64', 'float16', 'bfloat16', 'int64', 'int32', 'uint8', 'bool'],
      floatResult: false,
    }),
    S.call('gt.Tensor', [S.of([1, 2, 3, Number.NaN]), S.of([1, 3, 2, Number.NaN])]),
    S.call('gt.Scalar', [S.ints([2, 3]), S.float(1.5)]),
    S.call('gt.Tensor', [S.bools([2, 3]), S.bools([3])]),
    S.call('gt_.Tensor', [S.ints([2, 3]), S.randn([3])]),
  ],
});
