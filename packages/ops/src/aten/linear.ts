import { defineOp } from '../core/define-op.js';
import type { OpContext, TensorLike } from '../core/tensor-like.js';
import { binaryCompute } from '../groups/binary.js';
import { addProduct, checkMm, productDtype, viaFloat } from '../groups/matmul.js';
import { matmulCompute } from './matmul.js';

export function linearCompute(
  ctx: OpContext,
  input: TensorLike,
  weight: TensorLike,
  bias: TensorLike | null,
): TensorLike {
  const wt =
    weight.sizes.length === 2
      ? ctx.view(weight, [weight.sizes[1], weight.sizes[0]], [weight.strides[1], weight.strides[0]], weight.offset)
      : weight;
  if (input.sizes.length === 2 && bias !== null && wt.sizes.length === 2) {
    // addmm(bias, input, weight.t()), as PyTorch.
    checkMm(input, wt);
    const dtype = productDtype(input, wt);
    return viaFloat(ctx, dtype, [bias, input, wt], ([b, x, w]) => addProduct(ctx, b, x, w, 1, 1));
  }
  const out = matmulCompute(ctx, input, wt);
  return bias === null ? out : binaryCompute(ctx, 'add', out, bias);
}

export const linear = defineOp({
  schemas: [
    'aten::linear(Tensor input, Tensor weight, Tensor? bias=None) -> Tensor',
    'aten::linear.out(Tensor input, Tensor weight, Tensor? bias=None, *, Tensor(a!) out) -> Tensor(a!)',
  ],
  impl: (args, ctx) => linearCompute(ctx, args.input, args.weight, args.bias),
  derivative: (F, { grad, input, weight, bias }) => {
    const xs = F.sizes(input) as number[];
    const ws = F.sizes(weight) as number[];
    const inF = xs[xs.length - 1];
    const outF = ws.length === 2 ? ws[0] : 1;
    // Rows of the batch: grad as [N, out], input as [N, in].
    const g2 = ws.length === 2 ? F.reshape(grad, [-1, outF]) : F.reshape(grad, [-1, 1]);
    const x2 = F.reshape(input, [-1, inF]);
    const gw = F.mm(F.t(g2), x2);
    return {
      input: F.matmul(
        ws.length === 2 ? grad : F.unsqueeze(grad, -1),
        ws.length === 2 ? weight : F.unsqueeze(weight, 0),
      ),
      weight: ws.length === 2 ? gw : F.reshape(gw, ws),
      bias: bias === null || bias === undefined ? null : F.sumTo(grad, F.sizes(bias)),
    };
  },
  samples: (S) => [
    S.call('linear', [S.randn([2, 3]), S.randn([4, 3]), S.randn([4])]),
    S.call('linear', [S.randn([2, 3]), S.randn([4, 3])]),
    S.call('linear', [S.randn([3]), S.randn([4, 3]), S.randn([4])]),
    S.call('linear', [S.randn([2, 2, 3]), S.randn([4, 3], 'transposed'), S.randn([4])]),
    S.call('linear', [S.randn([2, 3, 2], 'strided'), S.randn([5, 2])]),
    S.call('linear', [S.randn([2, 3]), S.randn([4, 3]), S.randn([])]),
    S.call('linear', [S.randn([2, 3]), S.randn([3])]),
    S.call('linear', [
      S.t([2, 3], { dtype: 'float64' }),
      S.t([2, 3], { dtype: 'float64' }),
      S.t([2], { dtype: 'float64' }),
    ]),
    S.call('linear', [S.randn([0, 3]), S.randn([4, 3]), S.randn([4])]),
    S.call('linear.out', [S.randn([2, 3]), S.randn([4, 3]), S.randn([4])], { out: S.randn([2, 4]) }),
    S.error('linear', [S.randn([2, 3]), S.randn([4, 5])], 'mat1 and mat2 shapes cannot be multiplied (2x3 and 5x4)'),
    S.error(
      'linear',
      [S.randn([3]), S.randn([4, 3]), S.randn([5])],
      'The size of tensor a (4) must match the size of tensor b (5) at non-singleton dimension 0',
    ),
  ],
});
