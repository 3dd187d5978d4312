import { defineOp } from '../core/define-op.js';

// Every tensor of tsjit is on the CPU: `Tensor.cpu()` is the tensor itself, as in PyTorch for a CPU
// tensor (TorchScript archives call it, e.g. torch.nn.utils.rnn.pad_packed_sequence).
export const cpu = defineOp({
  schemas: ['aten::cpu(Tensor(a) self) -> Tensor(b|a)'],
  impl: ({ self }) => self,
  meta: ({ self }) => ({ sizes: [...self.sizes], dtype: self.dtype }),
  derivative: (_F, { grad }) => ({ self: grad }),
  samples: (S) => [
    S.call('cpu', [S.randn([2, 3])]),
    S.call('cpu', [S.randn([3, 4], 'transposed')]),
    S.call('cpu', [S.ints([4])]),
    S.call('cpu', [S.t([2], { dtype: 'float64' })]),
  ],
});
