import { defineOp } from '../core/define-op.js';
import { qTensor, qTensorPerChannel } from '../groups/quantized-samples.js';
import { plainView } from '../quantized/affine-quantization.js';
import { requireQuantized } from '../quantized/quantizer.js';

export const intRepr = defineOp({
  schemas: ['aten::int_repr(Tensor self) -> Tensor'],
  impl: ({ self }, ctx) => {
    requireQuantized(self, 'aten::int_repr');
    return ctx.F.clone(plainView(ctx, self));
  },
  meta: ({ self }) => ({ sizes: self.sizes, dtype: self.dtype }),
  nondifferentiable: 'integer output',
  samples: (S) => [
    S.call('int_repr', [qTensor(S.t([3, 4]), 0.1, 0)]),
    S.call('int_repr', [qTensor(S.t([4]), 0.05, 200, 'quint8')]),
    S.call('int_repr', [qTensor(S.t([2, 2], { low: -1e3, high: 1e3 }), 0.01, 3, 'qint32')]),
    S.call('int_repr', [qTensorPerChannel(S, S.t([2, 3]), [0.1, 0.2], [0, 1], 0)]),
    S.call('int_repr', [qTensor(S.t([]), 0.2, 0)]),
    S.error('int_repr', [S.t([2])], "Could not run 'aten::int_repr' with arguments from the 'CPU' backend"),
  ],
});
