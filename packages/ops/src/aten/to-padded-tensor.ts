import { defineOp } from '../core/define-op.js';
import { OpError } from '../core/op-error.js';

/**
 * A nested tensor padded into a dense one. PyTorch 1.13 registers it for nested tensors only, so on
 * a dense CPU tensor (every tsjit tensor) it is PyTorch's dispatcher error for a missing CPU kernel.
 * nn.TransformerEncoder calls it only on the output of its nested fast path.
 */
export const toPaddedTensor = defineOp({
  schemas: [
    'aten::to_padded_tensor(Tensor self, float padding, int[]? output_size=None) -> Tensor',
    'aten::to_padded_tensor.out(Tensor self, float padding, int[]? output_size=None, *, Tensor(a!) out) -> Tensor(a!)',
  ],
  impl: () => {
    throw new OpError(
      "Could not run 'aten::to_padded_tensor' with arguments from the 'CPU' backend: it is only available " +
        'for nested tensors (NestedTensorCPU), and tsjit tensors are dense',
      'NotImplementedError',
    );
  },
  nondifferentiable: 'it never returns here: it needs a nested tensor, which tsjit does not have',
  samples: (S) => [
    S.error(
      'to_padded_tensor',
      [S.randn([2, 3]), S.float(0)],
      "Could not run 'aten::to_padded_tensor' with arguments from the 'CPU' backend",
    ),
    S.error(
      'to_padded_tensor',
      [S.randn([2, 3, 4]), 1.5, [2, 3, 4]],
      "Could not run 'aten::to_padded_tensor' with arguments from the 'CPU' backend",
    ),
    S.error(
      'to_padded_tensor.out',
      [S.randn([2, 3]), S.float(0)],
      "Could not run 'aten::to_padded_tensor' with arguments from the 'CPU' backend",
      { out: S.randn([2, 3]) },
    ),
  ],
});
