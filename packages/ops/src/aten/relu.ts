import { defineOp } from '../core/define-op.js';
import { unarySamples } from '../groups/samples.js';
import { unaryImpl, unaryInplaceInto, unaryMeta } from '../groups/unary.js';

export const relu = defineOp({
  schemas: ['aten::relu(Tensor self) -> Tensor', 'aten::relu_(Tensor(a!) self) -> Tensor(a!)'],
  impl: unaryImpl('relu'),
  meta: unaryMeta('relu'),
  inplaceInto: unaryInplaceInto('relu'),
  derivative: (F, { grad, result }) => ({ self: F.thresholdBackward(grad, result, 0) }),
  samples: (S) => [
    ...unarySamples(S, { overload: 'relu', dtypes: ['float64', 'int64', 'int32', 'uint8'] }),
    S.call('relu_', [S.randn([3, 2], 'transposed')]),
  ],
});
